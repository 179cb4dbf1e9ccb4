use kfunc::{kfunc, ProgAux};

#[kfunc(implicit_args)]
fn bpf_counter_add(delta: u64, aux: &ProgAux, aux2: &ProgAux) -> u64 {
    let _ = (aux, aux2);
    delta
}

fn main() {}
