//! Parameter names are verifier input: a name ending in `__ign` would make
//! the verifier skip the argument's checks, so a program could pass the
//! integer 8 for a `&Obj`. Every name with `__` is refused, scalars too
//! (`len__k` would demand a constant, `buf__sz` pair with a pointer).
use core::sync::atomic::AtomicU32;
use kfunc::{kfunc, BtfType};

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub refcnt: AtomicU32,
}

#[allow(non_snake_case)]
#[kfunc]
fn bpf_named(o__ign: &Obj, len__k: u32) -> u32 {
    let _ = o__ign;
    len__k
}

fn main() {}
