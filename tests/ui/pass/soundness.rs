//! What the generated boundary accepts: narrow integers and `bool` (the
//! entry converts the full registers), references to derived structs whose
//! fields are valid for every bit pattern with atomic and cell fields for
//! what changes, and `&ProgAux`.
#![deny(warnings)]

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicI32, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use kfunc::prelude::*;

/// A refcounted object in plain safe Rust.
#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub key: u32,
    pub refcnt: AtomicU32,
    pub value: u64,
    pub hits: AtomicU64,
    pub level: AtomicI32,
    pub bytes: AtomicUsize,
    pub scratch: UnsafeCell<[u8; 8]>,
    pub next: AtomicPtr<Obj>,
}

/// Nested any-bits structs are any-bits too.
#[derive(BtfType)]
#[repr(C)]
pub struct Outer {
    pub inner: Obj,
    pub raw: *mut Obj,
}

#[kfunc]
fn bpf_s_u8(x: u8) -> u32 {
    u32::from(x)
}

#[kfunc]
fn bpf_s_bool(b: bool) -> u32 {
    if b {
        1
    } else {
        0
    }
}

#[kfunc]
fn bpf_s_i16(x: i16, y: i8, z: u16) -> i16 {
    x.wrapping_add(i16::from(y)).wrapping_add(z as i16)
}

#[kfunc]
fn bpf_s_ret_bool(x: u32) -> bool {
    x > 3
}

#[kfunc]
fn bpf_s_obj(o: &Obj) -> u64 {
    o.hits.fetch_add(1, Ordering::Relaxed);
    o.value.wrapping_add(u64::from(o.refcnt.load(Ordering::Acquire)))
}

#[kfunc]
fn bpf_s_outer(o: Option<&Outer>) -> u32 {
    o.map_or(0, |o| o.inner.key)
}

#[kfunc(implicit_args)]
fn bpf_s_aux(x: u8, aux: &ProgAux) -> u64 {
    u64::from(x) + (aux.as_ptr() as u64 & 1)
}

fn main() {
    // The Rust functions keep their own signatures.
    assert_eq!(bpf_s_u8(7), 7);
    assert_eq!(bpf_s_bool(true), 1);
    assert_eq!(bpf_s_i16(1, 2, 3), 6);
    assert!(bpf_s_ret_bool(4));
}
