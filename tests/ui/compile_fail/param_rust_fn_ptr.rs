use kfunc::kfunc;

#[kfunc]
fn bpf_call(cb: Option<fn(u32) -> u32>) -> u32 {
    cb.map_or(0, |f| f(1))
}

fn main() {}
