use kfunc::{kfunc, ProgAux};

#[kfunc(implicit_args)]
fn bpf_counter_add(delta: u64, aux: &mut ProgAux) -> u64 {
    let _ = aux;
    delta
}

fn main() {}
