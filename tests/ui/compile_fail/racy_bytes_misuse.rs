//! `RacyBytes` is measured by the parameter right after it, which the
//! verifier checks as its size; it takes no annotations, and it is a
//! parameter only.
use kfunc::{kfunc, RacyBytes};

#[kfunc]
fn bpf_unsized(buf: RacyBytes, len: u32) -> u32 {
    let _ = buf;
    len
}

#[kfunc]
fn bpf_last(buf: RacyBytes) -> usize {
    buf.len()
}

#[kfunc]
fn bpf_nullable(#[arg(nullable)] buf: RacyBytes, #[arg(sz)] len: u32) -> u32 {
    let _ = buf;
    len
}

fn main() {}
