use kfunc::kfunc;

#[kfunc]
fn bpf_sum6(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64) -> u64 {
    a + b + c + d + e + f
}

fn main() {}
