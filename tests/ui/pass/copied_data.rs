//! Plain data a program passes by pointer (its stack, a map value) comes in
//! by copy: `Copied<T>` of a `#[btf(data)]` struct, in a safe kfunc.
use kfunc::{kfunc, BtfType, Copied, RacyBytes};

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

/// A buffer with its size: an explicitly racy view, in a safe kfunc.
#[kfunc]
fn bpf_bytes_sum(buf: RacyBytes<'_>, #[arg(sz)] len: u32) -> u64 {
    let _ = len;
    buf.iter().map(u64::from).sum()
}

/// A constant size works too.
#[kfunc]
fn bpf_bytes_first(buf: RacyBytes<'_>, #[arg(szk)] len: u64) -> u32 {
    let _ = len;
    u32::from(buf.get(0).unwrap_or(0))
}

fn main() {}
