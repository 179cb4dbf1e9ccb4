use kfunc::kfunc;

#[kfunc]
fn bpf_sum(values: &[u64]) -> u64 {
    values.iter().sum()
}

fn main() {}
