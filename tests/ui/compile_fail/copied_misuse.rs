//! `Copied<T>` is for data structs (`#[btf(data)]`), as a parameter, with
//! no annotations; data structs are taken by copy, never by reference.
use core::sync::atomic::AtomicU32;
use kfunc::{kfunc, BtfType, Copied};

#[derive(BtfType)]
#[btf(data)]
#[repr(C)]
pub struct Args {
    pub a: u64,
}

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub refcnt: AtomicU32,
}

/// An object is not data: the verifier demands a real object for it.
#[kfunc]
fn bpf_copy_obj(o: Copied<Obj>) -> u32 {
    let _ = o;
    0
}

/// A data struct may come from a program's stack: no `&T`.
#[kfunc]
fn bpf_ref_data(a: &Args) -> u64 {
    a.a
}

/// `nullable` would let the program pass NULL for the bytes the entry reads.
#[kfunc]
fn bpf_copy_nullable(#[arg(nullable)] a: Copied<Args>) -> u64 {
    a.a
}

/// A copy is made of what the program passed: not a return type.
#[kfunc]
fn bpf_copy_ret() -> Copied<Args> {
    loop {}
}

fn main() {}
