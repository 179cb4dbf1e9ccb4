use kfunc::kfunc;

/// A user type that happens to be called `ProgAux`: not the verifier's.
pub struct ProgAux;

#[kfunc(implicit_args)]
fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}

fn main() {}
