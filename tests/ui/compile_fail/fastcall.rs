//! `fastcall` promises that r1-r5 survive the call: compiled Rust cannot.
use kfunc::kfunc;

#[kfunc(fastcall)]
fn bpf_fast(x: u64) -> u64 {
    x
}

fn main() {}
