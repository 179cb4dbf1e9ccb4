//! A pointer a kfunc returns reaches the program as a trusted pointer the
//! verifier ties to nothing: the program may release the object it was
//! borrowed from and still pass it to a kfunc taking `&T`. So a returned
//! reference is `'static`, and a safe kfunc returns no raw pointer.
use core::sync::atomic::AtomicU64;
use kfunc::{kfunc, BtfType};

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub value: AtomicU64,
}

#[kfunc(ret_null)]
fn bpf_borrow<'a>(o: &'a Obj) -> Option<&'a Obj> {
    Some(o)
}

#[kfunc]
fn bpf_elided(o: &Obj) -> &Obj {
    o
}

#[kfunc]
fn bpf_raw(o: &Obj) -> *const Obj {
    o
}

fn main() {}
