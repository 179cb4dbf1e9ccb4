//! A data struct (`#[btf(data)]`) holds integers, arrays of integers and
//! other data structs: the verifier accepts plain memory only for a
//! "struct of scalars", and a copy of plain memory must be valid for every
//! bit pattern (no `bool`, no pointers, no objects).
use core::sync::atomic::AtomicU32;
use kfunc::BtfType;

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub refcnt: AtomicU32,
}

#[derive(BtfType)]
#[btf(data)]
#[repr(C)]
pub struct Bad {
    pub flag: bool,
    pub ptr: *const u8,
    pub obj: Obj,
    pub ok: [u16; 4],
}

#[derive(BtfType)]
#[btf(date)]
#[repr(C)]
pub struct Typo {
    pub a: u32,
}

fn main() {}
