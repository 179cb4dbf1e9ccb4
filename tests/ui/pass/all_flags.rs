//! Every flag, alone or in the combinations the kernel uses.
#![allow(non_camel_case_types)]

use core::ffi::c_void;
use kfunc::{kfunc, BtfType, ProgAux};

#[derive(BtfType)]
#[repr(C)]
pub struct Thing {
    pub refs: u32,
}

#[derive(BtfType)]
#[repr(C)]
pub struct bpf_iter_range {
    pub next: u32,
    pub end: u32,
}

#[kfunc(acquire, ret_null, trusted_args)]
unsafe fn bpf_t_acquire(id: u32) -> *mut Thing {
    let _ = id;
    core::ptr::null_mut()
}

#[kfunc(release)]
unsafe fn bpf_t_release(t: *mut Thing) {
    let _ = t;
}

#[kfunc(sleepable, destructive, perfmon)]
fn bpf_t_reboot(code: u32) -> i32 {
    code as i32
}

#[kfunc(rcu, rcu_protected, spinlock_safe)]
unsafe fn bpf_t_peek(t: *const Thing) -> u32 {
    let _ = t;
    0
}

#[kfunc(arena_ret, arena_arg1, arena_arg2)]
unsafe fn bpf_t_arena(a: *mut c_void, b: *mut c_void) -> *mut c_void {
    let _ = b;
    a
}

#[kfunc(implicit_args, prog_types(syscall, tracing, xdp))]
fn bpf_t_implicit(x: u32, aux: &ProgAux) -> u32 {
    let _ = aux;
    x
}

#[kfunc(iter_new)]
unsafe fn bpf_iter_range_new(it: *mut bpf_iter_range, start: u32, end: u32) -> i32 {
    let _ = (it, start, end);
    0
}

#[kfunc(iter_next, ret_null)]
unsafe fn bpf_iter_range_next(it: *mut bpf_iter_range) -> *mut u32 {
    let _ = it;
    core::ptr::null_mut()
}

#[kfunc(iter_destroy)]
unsafe fn bpf_iter_range_destroy(it: *mut bpf_iter_range) {
    let _ = it;
}

fn main() {}
