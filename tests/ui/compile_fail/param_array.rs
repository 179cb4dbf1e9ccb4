use kfunc::kfunc;

#[kfunc]
fn bpf_first(values: [u8; 4]) -> u8 {
    values[0]
}

fn main() {}
