// SPDX-License-Identifier: GPL-2.0

//! kfunc_mixed: a module with a C part and a Rust part, each with kfuncs.
//!
//! The C part (`mixed_c.c`) declares its kfuncs the C way (a `BTF_KFUNCS`
//! set filled by the kernel's resolve_btfids) and registers them for
//! syscall programs; the Rust part declares its kfuncs with `#[kfunc]` and
//! registers them for every program type (the common hook: the kernel takes
//! one set per hook and module, and the syscall hook is the C part's). One
//! BPF program (`bpf/mixed.bpf.c`) calls both.

use kernel::prelude::*;
use kfunc::prelude::*;

module! {
    type: KfuncMixed,
    name: "kfunc_mixed",
    description: "A module with C and Rust kfuncs (kfunc crate example)",
    license: "GPL",
}

/// Adds two numbers, wrapping on overflow.
#[kfunc]
fn bpf_mixed_rs_add(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

/// Doubles a number, wrapping on overflow.
#[kfunc]
fn bpf_mixed_rs_twice(x: u64) -> u64 {
    x.wrapping_mul(2)
}

extern "C" {
    /// The C part's registration of its own kfunc set (`mixed_c.c`).
    fn kfunc_mixed_c_register() -> core::ffi::c_int;
}

struct KfuncMixed;

impl kernel::Module for KfuncMixed {
    fn init(module: &'static ThisModule) -> Result<Self> {
        // SAFETY: a plain C function of this module, called once at init.
        let c = unsafe { kfunc_mixed_c_register() };
        if c != 0 {
            pr_err!("C kfunc set: register_btf_kfunc_id_set returned {}\n", c);
            return Err(Error::from_errno(c));
        }
        // On failure the runtime printed why (a "kfunc: ..." line).
        kfunc::register(module, &[ProgType::Unspec])?;
        pr_info!("C and Rust kfuncs registered\n");
        Ok(KfuncMixed)
    }
}
