use kfunc::kfunc;

#[kfunc]
const fn bpf_const(x: u32) -> u32 {
    x
}

fn main() {}
