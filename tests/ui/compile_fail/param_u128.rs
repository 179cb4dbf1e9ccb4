use kfunc::kfunc;

#[kfunc]
fn bpf_wide(x: u128) -> u64 {
    x as u64
}

fn main() {}
