use kfunc::{kfunc, ProgAux};

#[kfunc(trusted_args, implicit_args)]
fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}

fn main() {}
