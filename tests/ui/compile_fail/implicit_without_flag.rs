use kfunc::{kfunc, ProgAux};

#[kfunc]
fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}

fn main() {}
