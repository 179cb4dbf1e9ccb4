use kfunc::kfunc;

#[kfunc]
fn bpf_total(values: Vec<u64>) -> u64 {
    values.iter().sum()
}

fn main() {}
