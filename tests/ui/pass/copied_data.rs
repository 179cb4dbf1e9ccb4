//! Plain data a program passes by pointer (its stack, a map value) comes in
//! by copy: `Copied<T>` of a `#[btf(data)]` struct, in a safe kfunc.
use kfunc::{kfunc, BtfType, Copied};

#[derive(BtfType, Clone, Copy)]
#[btf(data)]
#[repr(C)]
pub struct Range {
    pub start: u32,
    pub end: u32,
}

#[derive(BtfType)]
#[btf(data)]
#[repr(C)]
pub struct Query {
    pub range: Range,
    pub key: [u8; 16],
    pub limit: u64,
    pub scale: core::ffi::c_int,
}

#[kfunc]
fn bpf_query_width(q: Copied<Query>, extra: u32) -> u64 {
    let r = q.range;
    u64::from(r.end.wrapping_sub(r.start)) + q.limit + u64::from(extra) + u64::from(q.key[0])
}

#[kfunc]
unsafe fn bpf_query_raw(q: *const Query, r: Copied<Range>) -> u32 {
    let _ = q;
    r.start
}

fn main() {}
