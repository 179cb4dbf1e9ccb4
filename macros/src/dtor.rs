//! `#[kfunc(release, dtor)]`: the destructor of a module type whose objects
//! BPF programs store in maps (referenced kptrs). The kernel calls it, by
//! name, as `void dtor(void *obj)` when a map frees a value that still holds
//! an object; `register_btf_id_dtor_kfuncs` takes one per type.
//!
//! Checked here, at compile time: the kfunc is a `release` kfunc, returns
//! nothing and takes exactly one parameter, the struct's owner (`Arc<T>`,
//! `KBox<T>`: dropping it is the destruction) or `*mut T`. The
//! expansion then makes the compiler check the rest: `T` implements
//! `KptrDtor` (a second destructor of `T` is a conflicting implementation;
//! `T` must be a `#[derive(BtfType)]` struct of this crate, through the
//! supertrait `BtfStruct` and the orphan rule), and a crate-unique macro
//! named after `T` says so in its name when it is defined twice. The table
//! entry `__kfunc_dtor__<kfunc>` goes to the linkme slice `KFUNC_DTOR_TABLE`.
//!
//! The kernel calls a destructor through a `void (*)(void *)` pointer, so the
//! function it calls is not the kfunc itself but `<kfunc>_dtor`, an
//! `extern "C" fn(*mut c_void)` that hands the pointer on to the kfunc (as C
//! kernel code pairs `bpf_task_release` with `bpf_task_release_dtor`). With
//! kCFI (`CONFIG_CFI_CLANG`) the type hash of an indirect call must match
//! the callee's: `*mut c_void` is encoded as C's `void *`, `*mut T` as a
//! pointer to `T`, which would fail the check. `kfunc-btf apply` gives the
//! wrapper its BTF FUNC (`void <kfunc>_dtor(void *obj)`) and points the
//! table entry at it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Meta};

use crate::ctxt::Ctxt;
use crate::names;
use crate::types::{self, Ty};
use crate::validate::Kfunc;

/// The option's keyword.
pub(crate) const KEYWORD: &str = "dtor";

/// Prefix of a destructor-table entry's symbol.
pub(crate) const SYMBOL_PREFIX: &str = "__kfunc_dtor__";

/// Suffix of the `void *` function the kernel calls (kbuild/src/dtor.rs
/// has the same).
pub(crate) const WRAPPER_SUFFIX: &str = "_dtor";

/// Parses `dtor` (a bare word, once).
pub(crate) fn parse(cx: &Ctxt, meta: &Meta, ident: Ident, slot: &mut Option<Ident>) {
    if let Meta::List(_) | Meta::NameValue(_) = meta {
        cx.error_spanned_by(meta, "`dtor` takes no arguments; write just `dtor`");
        return;
    }
    if let Some(first) = slot {
        let mut err = syn::Error::new(ident.span(), "duplicate `dtor`; remove one");
        err.combine(syn::Error::new(first.span(), "`dtor` first given here"));
        cx.syn_error(err);
        return;
    }
    *slot = Some(ident);
}

/// A checked destructor: the object type as written.
pub(crate) struct Dtor {
    keyword: Ident,
    object: syn::Type,
    object_name: String,
}

/// Checks the destructor rules; `None` (with errors in `cx`) when broken or
/// when the kfunc is not a destructor.
pub(crate) fn check(cx: &Ctxt, options: &crate::parse::Options, k: &Kfunc) -> Option<Dtor> {
    let keyword = options.dtor.clone()?;
    let name = &k.name;
    let mut ok = true;
    if k.flags & names::RELEASE == 0 {
        cx.error_spanned_by(
            &keyword,
            format!(
                "kfunc `{name}`: a destructor must be a release kfunc (the kernel calls it to drop \
                 the reference a map held): write #[kfunc(release, dtor)]"
            ),
        );
        ok = false;
    }
    if !matches!(k.ret, Ty::Void) {
        cx.error_spanned_by(
            &k.item.sig.output,
            format!(
                "kfunc `{name}`: a destructor returns nothing (the kernel calls it as `void dtor(void *obj)`)"
            ),
        );
        ok = false;
    }
    if k.params.len() != 1 {
        cx.error_spanned_by(
            &k.item.sig.inputs,
            format!(
                "kfunc `{name}`: a destructor takes exactly one parameter, `*mut T` (the object \
                 the map held), not {}",
                k.params.len()
            ),
        );
        return None;
    }
    let p = &k.params[0];
    let object = match (types::strip(&p.param.ty), &p.ty) {
        (syn::Type::Ptr(ptr), Ty::Ptr { pointee, .. }) if ptr.mutability.is_some() => {
            match &**pointee {
                Ty::Struct(s) => Some((types::strip(&ptr.elem).clone(), s.clone())),
                _ => None,
            }
        }
        // `Arc<T>` / `KBox<T>`: the destructor drops the owner the map held
        (_, Ty::Ptr { pointee, .. }) if p.owner.is_some() => {
            match (&**pointee, types::owner_target(&p.param.ty)) {
                (Ty::Struct(s), Some(t)) => Some((types::strip(t).clone(), s.clone())),
                _ => None,
            }
        }
        _ => None,
    };
    let Some((object, object_name)) = object else {
        cx.error_spanned_by(
            &p.param.ty,
            format!(
                "kfunc `{name}`: a destructor's parameter must be the owner of a #[derive(BtfType)] \
                 struct of this module (`Arc<T>`, `KBox<T>`) or `*mut T` (the type it destroys)"
            ),
        );
        return None;
    };
    ok.then_some(Dtor {
        keyword,
        object,
        object_name,
    })
}

impl Dtor {
    /// The trait impl, the uniqueness macro, the `void *` wrapper the
    /// kernel calls and the table entry, for the kfunc's `const _` block
    /// (where `__kfunc_entry` is the kfunc's exported entry).
    pub(crate) fn expand(&self, kfunc: &str) -> TokenStream {
        let object = &self.object;
        let span = object.span();
        let object_ts = types::static_lifetimes(quote!(#object));
        let unique = format_ident!(
            "__kfunc_dtor_of_{}",
            self.object_name,
            span = self.keyword.span()
        );
        let sym = format!("{SYMBOL_PREFIX}{kfunc}");
        let wrapper = format!("{kfunc}{WRAPPER_SUFFIX}");
        // errors about the impl (conflicting, not a BtfType) point at `T`
        let imp = quote_spanned!(span=> impl ::kfunc::__private::KptrDtor for #object_ts {});
        // the object's name in the stub is the struct's own
        let spelled = &self.object_name;
        let same = quote_spanned!(span=> ::kfunc::__private::spelled_as(<#object_ts as ::kfunc::__private::BtfStruct>::NAME, #spelled));
        quote! {
            #imp
            const _: () = #same;
            #[doc(hidden)]
            #[allow(non_local_definitions)]
            #[macro_export]
            macro_rules! #unique { () => {}; }
            // the kernel's call: `void (*)(void *)`, the object the map held.
            // SAFETY (of the generated block): the kernel calls the
            // destructor registered for `T` only with a `T` object a map held
            // as a referenced kptr, i.e. one this module's acquire kfunc gave
            // out: exactly what a release of `*mut T` is promised.
            #[allow(clippy::undocumented_unsafe_blocks, unused_unsafe)]
            #[unsafe(export_name = #wrapper)]
            unsafe extern "C" fn __kfunc_dtor(obj: *mut ::core::ffi::c_void) {
                unsafe { __kfunc_entry(obj.cast()) }
            }
            #[::kfunc::__private::linkme::distributed_slice(::kfunc::__private::KFUNC_DTOR_TABLE)]
            #[linkme(crate = ::kfunc::__private::linkme)]
            #[unsafe(export_name = #sym)]
            static DTOR: ::kfunc::__private::DtorEntry = ::kfunc::__private::DtorEntry::UNFILLED;
        }
    }
}
