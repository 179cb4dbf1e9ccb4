use kfunc::{kfunc, ProgAux};

#[kfunc(implicit_args)]
fn bpf_counter_add(aux: &ProgAux, delta: u64) -> u64 {
    let _ = aux;
    delta
}

fn main() {}
