use kfunc::kfunc;

#[kfunc]
fn bpf_maybe(x: Option<u32>) -> u32 {
    x.unwrap_or(0)
}

fn main() {}
