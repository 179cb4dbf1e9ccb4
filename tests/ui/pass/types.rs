//! Every type family the interface stub can describe.
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_int, c_long, c_uint, c_void};
use kfunc::{kfunc, BtfType};

mod bindings {
    /// Stands in for a kernel struct from the `kernel` crate's bindings.
    #[repr(C)]
    pub struct task_struct {
        _opaque: [u8; 0],
    }
    pub type pid_t = core::ffi::c_int;
}

#[derive(BtfType)]
#[repr(C, align(8))]
pub struct Stats {
    pub count: u64,
    pub flags: c_uint,
    pub enabled: bool,
    pub name: [c_char; 16],
    pub owner: *mut bindings::task_struct,
    pub next: Option<&'static Stats>,
    pub on_event: Option<unsafe extern "C" fn(u64) -> i32>,
    pub r#type: u8,
}

#[kfunc]
fn bpf_ty_ints(a: u8, b: u16, c: u32, d: u64, e: i8) -> i64 {
    (a as i64) + (b as i64) + (c as i64) + (d as i64) + (e as i64)
}

#[kfunc]
fn bpf_ty_sized(a: usize, b: isize, c: c_int, d: c_long, e: bindings::pid_t) -> bool {
    a as isize + b + c as isize + d as isize + e as isize > 0
}

#[kfunc]
fn bpf_ty_unit() {}

#[kfunc]
unsafe fn bpf_ty_pointers(
    a: *mut c_void,
    b: *const bindings::task_struct,
    c: *const Stats,
    d: *mut Stats,
    e: *mut *mut u8,
) -> *const c_void {
    let _ = (b, c, d, e);
    a
}

/// A struct with `bool`, reference and function-pointer fields is described
/// to BTF, and passed by raw pointer (it is not `RefArg`).
#[kfunc(ret_null)]
unsafe fn bpf_ty_option(s: *const Stats) -> Option<&'static Stats> {
    // SAFETY: test code; never called.
    unsafe { s.as_ref() }
}

#[kfunc]
#[allow(unused_parens)]
fn bpf_ty_paren(x: (u32)) -> (u64) {
    x as u64
}

fn main() {}
