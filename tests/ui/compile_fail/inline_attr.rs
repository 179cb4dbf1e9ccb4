//! The body is always inlined into the exported entry.
use kfunc::kfunc;

#[kfunc]
#[inline(never)]
fn bpf_inline(x: u32) -> u32 {
    x
}

fn main() {}
