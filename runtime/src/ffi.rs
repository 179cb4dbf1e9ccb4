//! The few kernel C types and functions the runtime needs, declared here so
//! the crate builds without the `kernel` crate (host tests, host tools).
//!
//! The structs are opaque: zero-sized, `!Send`, `!Sync`, `!Unpin`, only ever
//! used behind pointers the kernel hands out. A pointer from the `kernel`
//! crate's bindings converts with a cast, e.g.
//! `module.as_ptr().cast::<kfunc::ffi::module>()`.
#![allow(non_camel_case_types)]

use core::marker::{PhantomData, PhantomPinned};

/// Opaque `struct module`.
#[repr(C)]
pub struct module {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// Opaque `struct bpf_prog_aux`: the verifier's per-program data, passed to
/// kfuncs as an implicit argument (see [`ProgAux`](crate::ProgAux)).
#[repr(C)]
pub struct bpf_prog_aux {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// Opaque `struct bpf_prog`.
#[repr(C)]
pub struct bpf_prog {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// `btf_kfunc_filter_t`: `int (*)(const struct bpf_prog *prog, u32 kfunc_id)`;
/// non-zero denies the call.
pub type btf_kfunc_filter_t =
    Option<unsafe extern "C" fn(prog: *const bpf_prog, kfunc_id: u32) -> i32>;

#[cfg(any(target_os = "none", feature = "kernel", doc))]
#[allow(missing_docs)]
mod kernel {
    use crate::set::KfuncIdSet;
    use core::ffi::c_char;

    extern "C" {
        /// `int register_btf_kfunc_id_set(enum bpf_prog_type, const struct btf_kfunc_id_set *)`
        /// (kernel/bpf/btf.c, `EXPORT_SYMBOL_GPL`, init-time only).
        pub fn register_btf_kfunc_id_set(prog_type: u32, set: *const KfuncIdSet) -> i32;
        /// `int register_btf_id_dtor_kfuncs(const struct btf_id_dtor_kfunc *, u32, struct module *)`
        /// (kernel/bpf/btf.c, `EXPORT_SYMBOL_GPL`, init-time only, once per module).
        pub fn register_btf_id_dtor_kfuncs(
            dtors: *const crate::dtor::DtorEntry,
            add_cnt: u32,
            owner: *mut super::module,
        ) -> i32;
        /// `int _printk(const char *fmt, ...)`.
        pub fn _printk(fmt: *const c_char, ...) -> i32;
    }
}

#[cfg(any(target_os = "none", feature = "kernel", doc))]
pub use kernel::{_printk, register_btf_id_dtor_kfuncs, register_btf_kfunc_id_set};
