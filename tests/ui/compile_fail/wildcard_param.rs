use kfunc::kfunc;

#[kfunc]
fn bpf_ignore(_: u32) -> u32 {
    0
}

fn main() {}
