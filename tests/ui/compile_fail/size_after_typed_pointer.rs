//! A size parameter right after a pointer makes the verifier check the
//! memory against that size, not against the pointee type: after a
//! `Copied<T>` (a struct of scalars in BTF) a program could pass one byte
//! with a size of 1 while the entry copies a whole `T`. Not allowed after
//! a `Copied<T>` or a `&T`.
use core::sync::atomic::AtomicU32;
use kfunc::{kfunc, BtfType, Copied};

#[derive(BtfType)]
#[btf(data)]
#[repr(C)]
pub struct Args {
    pub a: u64,
    pub b: u64,
}

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub refcnt: AtomicU32,
}

#[kfunc]
fn bpf_sized_copy(args: Copied<Args>, #[arg(sz)] len: u32) -> u64 {
    args.a + u64::from(len)
}

#[kfunc]
fn bpf_sized_ref(o: &Obj, #[arg(szk)] len: u32) -> u32 {
    let _ = o;
    len
}

fn main() {}
