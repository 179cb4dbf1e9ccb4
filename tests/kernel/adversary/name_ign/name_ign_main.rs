// SPDX-License-Identifier: GPL-2.0

//! name_ign: the first example of issue "model the verifier": a safe kfunc
//! whose parameter is named `o__ign`. BTF keeps parameter names and the
//! verifier reads the `__ign` suffix as "do not check this argument", so a
//! program could pass the integer 8 for `o: &Obj` and the kfunc would
//! dereference it. The build must fail at the parameter, for the kernel
//! tree it is built against (the kernel tier builds it on every variant).

use core::sync::atomic::AtomicU64;
use kernel::prelude::*;
use kfunc::prelude::*;

module! {
    type: NameIgn,
    name: "name_ign",
    description: "A kfunc with a parameter name the verifier interprets (must not build)",
    license: "GPL",
}

/// An object of the module.
#[repr(C)]
#[derive(BtfType)]
pub struct Obj {
    a: AtomicU64,
}

/// Reads the object.
#[allow(non_snake_case)]
#[kfunc]
fn bpf_name_ign_read(o__ign: &Obj) -> u64 {
    o__ign.a.load(core::sync::atomic::Ordering::Relaxed)
}

struct NameIgn;

impl kernel::Module for NameIgn {
    fn init(module: &'static ThisModule) -> Result<Self> {
        kfunc::register(module, &[ProgType::Syscall])?;
        Ok(NameIgn)
    }
}
