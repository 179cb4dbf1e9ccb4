//! Declare BPF kfuncs from Rust-for-Linux kernel modules.
//!
//! ```
//! use kfunc::prelude::*;
//!
//! /// Adds `delta` to the program's counter.
//! #[kfunc(implicit_args)]
//! fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
//!     let _ = aux;
//!     delta
//! }
//! ```
//!
//! and, in the module's init function (kernel targets only):
//!
//! ```text
//! kfunc::register(module, &[ProgType::Syscall, ProgType::Tracing])?;
//! ```
//!
//! `#[kfunc]` (crate `kfunc-macros`, re-exported here) turns a function into
//! the **implementation** (the function, plus its unmangled `extern "C"`
//! entry that converts the registers BPF passes), an
//! **interface stub** ([`interface`], a BTF-only description in the
//! non-loaded `.comment.kfunc.interface` section) and a **flag-table entry**
//! ([`registry::KFUNC_FLAG_TABLE`]). The build (`kbuild/`) writes BTF from the
//! stubs and fills the flag table; at module init, `kfunc::register` (kernel
//! targets) hands the table to the kernel, one set per kfunc hook.
//!
//! The names, sections and layouts shared with the macros and the host tool
//! are fixed in `docs/CONTRACT.md`.
#![no_std]
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

// (on the host also for the stand-ins of the owner types, `owner::types`)
#[cfg(any(
    not(kfunc_kernel_checked),
    test,
    feature = "decode",
    feature = "testing"
))]
extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod copied;
pub mod dtor;
pub mod ffi;
pub mod flags;
mod gate;
pub mod interface;
pub mod owner;
pub mod prog_aux;
pub mod prog_type;
pub mod register;
pub mod registry;
pub mod set;
pub mod ty;
pub mod verifier;

pub use kfunc_macros::{kfunc, BtfType};
pub use prog_aux::ProgAux;
pub use prog_type::{Hook, ProgType};
#[cfg(kfunc_kernel_checked)]
pub use register::register;
#[cfg(any(target_os = "none", feature = "kernel", doc))]
pub use register::register_raw;
pub use register::{register_once, register_with, Backend, Error, ModuleState, Table};

/// The kernel crate, when this crate is built for a kernel tree by
/// `kbuild/kfunc.mk` (it is on the library path the kernel's flags give).
#[cfg(kfunc_kernel_checked)]
extern crate kernel;

pub use copied::{Copied, PlainData, RacyBytes};
pub use ty::RefArg;

/// `use kfunc::prelude::*;` brings in what kfunc declarations need.
pub mod prelude {
    pub use crate::{kfunc, BtfType, Copied, ProgAux, ProgType, RacyBytes};
}

/// Used only by the code `#[kfunc]` and `#[derive(BtfType)]` generate; not a
/// stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::copied::DataField;
    pub use crate::dtor::{spelled_as, BtfStruct, DtorEntry, KptrDtor, KFUNC_DTOR_TABLE};
    pub use crate::interface::{encode_func, encode_struct, func_len, splice, struct_len};
    pub use crate::interface::{Field, Func, Param, StructDef, Type};
    pub use crate::owner::types as owner_types;
    pub use crate::owner::{into_raw_or_null, OwnedBy, OwnerOf, Unowned};
    pub use crate::registry::{KFUNC_FLAG_TABLE, KFUNC_PROG_LIMITS};
    pub use crate::set::{FlagEntry, ProgLimit};
    pub use crate::ty::{AnyBits, ImplicitArg, RefArg, Scalar};
    pub use ::linkme;

    /// Flags `#[kfunc]` adds to a kfunc that takes a reference: the kernel's
    /// `KF_TRUSTED_ARGS` where it exists (before Linux 7.0), so that the
    /// verifier refuses NULL and untrusted pointers; nothing from 7.0 on,
    /// where every kfunc argument is trusted by default. Host builds (no
    /// kernel tree) take the pre-7.0 answer.
    pub const TRUSTED_ARGS_FOR_REFS: u32 = if cfg!(any(
        not(kfunc_kernel_checked),
        kfunc_kernel_has = "trusted_args"
    )) {
        crate::flags::KF_TRUSTED_ARGS
    } else {
        0
    };

    /// The section interface stubs go to. `.comment*` is on modpost's list of
    /// accepted non-allocated sections (the linker fragment clears
    /// `SHF_ALLOC`); `.note*` is not used because LLVM makes such sections
    /// `SHT_NOTE`.
    pub const INTERFACE_SECTION: &str = ".comment.kfunc.interface";
}
