// SPDX-License-Identifier: GPL-2.0

//! implicit_only: one kfunc with an implicit argument, unconditionally.
//!
//! On Linux 7.0+ it builds (and works like `bpf_demo_prog_id` in
//! kfunc_demo). On an older kernel (e.g. 6.12) the build must FAIL with a
//! compile error at `implicit_args` naming the kernel needed: such a kernel
//! would call the function with garbage in place of the `bpf_prog_aux`.

use kernel::prelude::*;
use kfunc::prelude::*;

module! {
    type: ImplicitOnly,
    name: "implicit_only",
    description: "A kfunc with an implicit bpf_prog_aux argument (Linux 7.0+)",
    license: "GPL",
}

/// Returns the calling program's id plus one.
#[kfunc(implicit_args)]
fn bpf_implicit_only_id(aux: &ProgAux) -> u32 {
    let aux = aux.as_ptr().cast::<kernel::bindings::bpf_prog_aux>();
    // SAFETY: the verifier passes the caller's live `bpf_prog_aux`.
    unsafe { (*aux).id }.wrapping_add(1)
}

struct ImplicitOnly;

impl kernel::Module for ImplicitOnly {
    fn init(module: &'static ThisModule) -> Result<Self> {
        // On failure the runtime printed why (a "kfunc: ..." line).
        kfunc::register(module, &[ProgType::Syscall])?;
        pr_info!("kfuncs registered\n");
        Ok(ImplicitOnly)
    }
}
