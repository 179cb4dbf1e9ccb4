use kfunc::kfunc;

#[kfunc]
fn bpf_apply(f: impl Fn(u32) -> u32) -> u32 {
    f(1)
}

fn main() {}
