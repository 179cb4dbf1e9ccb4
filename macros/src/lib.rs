//! Procedural macros of the `kfunc` crate (`runtime/`); use them
//! through its re-exports (`kfunc::kfunc`, `kfunc::BtfType`).
//!
//! Each macro runs three stages: `parse` (tokens to this crate's own AST,
//! syntax errors), `validate` (every semantic rule, all errors collected in
//! one `ctxt` context) and `expand` (the code shape fixed by
//! `docs/CONTRACT.md`). When checks fail, the errors are emitted next to a
//! harmless stand-in of the user's item (`fallback`), so one mistake does
//! not cascade.

#![deny(missing_docs)]

mod ctxt;
mod derive;
mod dtor;
mod expand;
mod fallback;
mod names;
mod parse;
mod stub;
mod types;
mod validate;

#[cfg(test)]
mod golden;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Declares a BPF kfunc.
///
/// ```text
/// #[kfunc(acquire, ret_null)]
/// unsafe fn bpf_thing_get(id: u32) -> *mut Thing { .. }
/// ```
///
/// Expands to the **implementation** (the function, `extern "C"` and
/// unmangled), its **flag-table** entry and its **interface stub**. Options:
/// the `KF_*` flags in snake case (`acquire`, `release`, `ret_null`,
/// `trusted_args`, `sleepable`, `destructive`, `rcu`, `iter_new`,
/// `iter_next`, `iter_destroy`, `rcu_protected`, `fastcall`, `arena_ret`,
/// `arena_arg1`, `arena_arg2`, `implicit_args`, `spinlock_safe`, `perfmon`),
/// `prog_types(...)` and `dtor` (with `release`: the destructor the kernel
/// calls for an object of this module left in a BPF map). Parameters take `#[arg(sz)]`-style annotations that
/// become BTF name suffixes. See the `kfunc` crate's guide.
#[proc_macro_attribute]
pub fn kfunc(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_kfunc(attr.into(), item.into()).into()
}

/// Describes a module-defined `#[repr(C)]` struct to BTF, so kfuncs can take
/// and return pointers to it. With `#[btf(data)]` the struct is plain data
/// (integers only) that kfuncs take by copy, as `kfunc::Copied<T>`.
#[proc_macro_derive(BtfType, attributes(btf))]
pub fn derive_btf_type(item: TokenStream) -> TokenStream {
    derive::btf_type(item.into()).into()
}

/// The whole `#[kfunc]` expansion on `proc_macro2` tokens (testable outside
/// a compiler invocation).
fn expand_kfunc(
    attr: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    expand::kfunc(attr, item)
}
