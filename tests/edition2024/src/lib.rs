//! An edition 2024 user crate: the generated code must build here too
//! (`#[unsafe(no_mangle)]`, `#[unsafe(link_section)]`, `unsafe extern`
//! function pointers, `unsafe_op_in_unsafe_fn`, new lints), and in a
//! `no_std` crate like a kernel module (`std` only for the test harness).
#![cfg_attr(not(test), no_std)]
#![deny(warnings, missing_docs, unsafe_op_in_unsafe_fn)]
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_void};
use kfunc::prelude::*;

/// A module-defined struct that kfuncs hand out.
#[derive(BtfType)]
#[repr(C)]
pub struct Thing {
    /// Identifier.
    pub id: u32,
    /// Name bytes.
    pub name: [c_char; 8],
    /// Next in a list.
    pub next: Option<&'static Thing>,
}

/// Iterator state.
#[derive(BtfType)]
#[repr(C)]
pub struct bpf_iter_e24 {
    /// Cursor.
    pub pos: u64,
}

/// Counts calls of the current program.
#[kfunc(implicit_args, prog_types(syscall, tracing))]
pub fn bpf_e24_count(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux.as_ptr();
    delta
}

/// Looks a thing up.
///
/// # Safety
/// Called by BPF programs only.
#[kfunc(acquire, ret_null, sleepable)]
pub unsafe fn bpf_e24_get(id: u32) -> *mut Thing {
    let _ = id;
    core::ptr::null_mut()
}

/// Releases a thing.
///
/// # Safety
/// `t` comes from [`bpf_e24_get`].
#[kfunc(release)]
pub unsafe fn bpf_e24_put(t: *mut Thing) {
    let _ = t;
}

/// Fills a buffer.
///
/// # Safety
/// `buf` is valid for `len` bytes.
#[kfunc(destructive, rcu)]
pub unsafe fn bpf_e24_fill(
    buf: *mut u8,
    #[arg(sz)] len: u32,
    #[arg(str)] tag: *const c_char,
) -> i32 {
    // SAFETY: the caller guarantees `buf` is valid for `len` bytes.
    unsafe { core::ptr::write_bytes(buf, 0, len as usize) };
    let _ = tag;
    0
}

/// Narrow integers and `bool`: the entry converts full registers.
#[kfunc]
pub fn bpf_e24_narrow(on: bool, level: i16, ctx: *mut c_void) -> u8 {
    u8::from(on && level > 0 && !ctx.is_null())
}

/// A counter shared with BPF programs by reference.
#[derive(BtfType)]
#[repr(C)]
pub struct Counter {
    /// Hits, updated atomically.
    pub hits: core::sync::atomic::AtomicU64,
}

/// Peeks at an optional counter.
#[kfunc]
pub fn bpf_e24_peek(c: Option<&Counter>) -> u64 {
    c.map_or(0, |c| c.hits.load(core::sync::atomic::Ordering::Relaxed))
}

/// Starts an iteration.
///
/// # Safety
/// `it` points to iterator state.
#[kfunc(iter_new)]
pub unsafe fn bpf_iter_e24_new(it: *mut bpf_iter_e24, start: u64) -> i32 {
    // SAFETY: the caller guarantees `it` is valid.
    unsafe { (*it).pos = start };
    0
}

/// Next element.
///
/// # Safety
/// `it` points to iterator state.
#[kfunc(iter_next, ret_null)]
pub unsafe fn bpf_iter_e24_next(it: *mut bpf_iter_e24) -> *mut u64 {
    // SAFETY: the caller guarantees `it` is valid.
    unsafe { &raw mut (*it).pos }
}

/// Ends an iteration.
///
/// # Safety
/// `it` points to iterator state.
#[kfunc(iter_destroy)]
pub unsafe fn bpf_iter_e24_destroy(it: *mut bpf_iter_e24) {
    let _ = it;
}

extern crate alloc;

/// An object owned by an `Arc` across the boundary (the host's stand-in of
/// the kernel crate's `Arc`, which `kfunc` re-exports).
#[derive(BtfType)]
#[repr(C)]
#[btf(owner = Arc)]
pub struct Shared {
    /// Identifier.
    pub id: u32,
}

/// Hands out a new object.
#[kfunc(acquire)]
pub fn bpf_e24_shared_new(id: u32) -> Option<alloc::sync::Arc<Shared>> {
    Some(alloc::sync::Arc::new(Shared { id }))
}

/// Takes one back (also the destructor of a map's kptr).
#[kfunc(release, dtor)]
pub fn bpf_e24_shared_put(obj: alloc::sync::Arc<Shared>) {
    drop(obj);
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_kfunc_is_in_the_flag_table() {
        assert_eq!(kfunc::registry::entries().len(), 11);
        assert_eq!(kfunc::registry::limits().len(), 1);
    }
}
