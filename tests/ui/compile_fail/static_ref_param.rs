//! A reference parameter lives for the call only: `'static` would let safe
//! code keep an object the program releases right after.
use core::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use kfunc::prelude::*;

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub refcnt: AtomicU32,
}

static KEPT: AtomicPtr<Obj> = AtomicPtr::new(core::ptr::null_mut());

#[kfunc]
fn bpf_keep(o: &'static Obj, p: Option<&'static Obj>) {
    KEPT.store(o as *const Obj as *mut Obj, Ordering::Relaxed);
    let _ = p;
}

#[kfunc(implicit_args)]
fn bpf_keep_aux(aux: &'static ProgAux) -> u32 {
    let _ = aux;
    0
}

fn main() {}
