//! Expansion of a checked kfunc into the implementation, the flag-table
//! entry, the optional program-type limit and the interface stub, in the
//! shape fixed by `docs/CONTRACT.md`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use crate::ctxt::Ctxt;
use crate::fallback;
use crate::parse::Options;
use crate::types;
use crate::validate::{self, CheckedParam, Kfunc};

/// `#[kfunc(attr)] item` -> tokens. Never panics on user input: errors come
/// out as `compile_error!`s next to a harmless copy of the function.
pub(crate) fn kfunc(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let options = Options::parse(&cx, attr);
    let item_fn: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(_) => {
            let span = item
                .clone()
                .into_iter()
                .next()
                .map_or_else(Span::call_site, |t| t.span());
            cx.error_at(
                span,
                "#[kfunc] goes on a free function (`fn name(..) -> R { .. }`); for a struct that kfuncs use, write #[derive(BtfType)]",
            );
            let errors = cx.check().err().map(|e| e.to_compile_error());
            return quote!(#errors #item);
        }
    };
    let checked = validate::check(&cx, &options, &item_fn);
    let dtor = checked
        .as_ref()
        .and_then(|k| crate::dtor::check(&cx, &options, k));
    match (cx.check(), checked) {
        (Ok(()), Some(kfunc)) => expand(&kfunc, dtor),
        (result, _) => {
            let errors = result.err().map(|e| e.to_compile_error());
            let stand_in = fallback::stand_in(&item_fn);
            quote!(#errors #stand_in)
        }
    }
}

fn expand(k: &Kfunc, dtor: Option<crate::dtor::Dtor>) -> TokenStream {
    let implementation = implementation(k);
    let cfgs = &k.cfgs;
    let name = &k.name;
    let ident = &k.item.sig.ident;

    let gates = k.gates.iter().map(|(gate, span)| {
        let gate = syn::Ident::new(gate, *span);
        quote_spanned!(*span=> ::kfunc::__kfunc_gate!(#gate);)
    });

    // A second kfunc of the same name in this crate must fail `cargo check`
    // (a duplicate `#[no_mangle]` only fails at link time): two exported
    // macros of one name are a resolution error, spanned at the names.
    let unique = format_ident!("__kfunc_name_{}", name, span = ident.span());
    let unique_macro = quote_spanned! {ident.span()=>
        #[doc(hidden)]
        #[allow(non_local_definitions)]
        #[macro_export]
        macro_rules! #unique { () => {}; }
    };

    let flags = syn::LitInt::new(&format!("{:#x}u32", k.flags), Span::call_site());
    let flags_sym = format!("__kfunc_flags__{name}");
    let entry = quote! {
        #[::kfunc::__private::linkme::distributed_slice(::kfunc::__private::KFUNC_FLAG_TABLE)]
        #[linkme(crate = ::kfunc::__private::linkme)]
        #[unsafe(export_name = #flags_sym)]
        static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(#flags);
    };
    let mask = syn::LitInt::new(&format!("{:#x}u64", k.prog_mask), Span::call_site());
    let limit = (k.prog_mask != 0).then(|| {
        let limit_sym = format!("__kfunc_limit__{name}");
        quote! {
            #[::kfunc::__private::linkme::distributed_slice(::kfunc::__private::KFUNC_PROG_LIMITS)]
            #[linkme(crate = ::kfunc::__private::linkme)]
            #[unsafe(export_name = #limit_sym)]
            static LIMIT: ::kfunc::__private::ProgLimit = ::kfunc::__private::ProgLimit::new(#mask);
        }
    });

    // kernel/bpf/btf.c btf_check_iter_kfuncs(): the iterator state lives in
    // BPF stack slots, so its size must be a non-zero multiple of 8.
    let iter_size = k.iter_state.as_ref().map(|state| {
        let (first, _) = types::span_range(state);
        let state_ts = types::static_lifetimes(quote!(#state));
        let msg = format!(
            "kfunc `{name}`: the iterator state `{}` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]",
            types::pretty(state)
        );
        quote_spanned! {first=>
            const _: () = ::core::assert!(
                ::core::mem::size_of::<#state_ts>() != 0
                    && ::core::mem::size_of::<#state_ts>() % 8 == 0,
                #msg
            );
        }
    });
    let ret = k.ret.to_expr();
    let params = k.params.iter().map(param_expr);
    let dtor = dtor.map(|d| d.expand(name));
    quote! {
        #implementation

        #(#cfgs)*
        const _: () = {
            #(#gates)*
            #unique_macro
            #entry
            #limit
            #iter_size
            #dtor
            const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
                name: #name,
                flags: #flags,
                prog_types: #mask,
                ret: #ret,
                params: &[#(#params),*],
            };
            const LEN: ::core::primitive::usize = ::kfunc::__private::func_len(&FUNC);
            #[used]
            #[unsafe(link_section = ".comment.kfunc.interface")]
            static STUB: [::core::primitive::u8; LEN] = ::kfunc::__private::encode_func::<LEN>(&FUNC);
        };
    }
}

/// The implementation: the user's function, `extern "C"` and unmangled.
fn implementation(k: &Kfunc) -> TokenStream {
    let attrs = &k.attrs;
    let syn::ItemFn {
        vis, sig, block, ..
    } = &k.item;
    let unsafety = &sig.unsafety;
    let ident = &sig.ident;
    let generics = &sig.generics;
    let output = &sig.output;
    let inputs = k.params.iter().map(|p| {
        let attrs = &p.param.attrs;
        let pat = &p.param.pat;
        let ty = &p.param.ty;
        quote!(#(#attrs)* #pat: #ty)
    });
    quote! {
        #(#attrs)*
        #[unsafe(no_mangle)]
        #vis #unsafety extern "C" fn #ident #generics (#(#inputs),*) #output #block
    }
}

fn param_expr(p: &CheckedParam) -> TokenStream {
    let name = &p.name;
    let suffix = &p.suffix;
    let implicit = p.implicit;
    let ty = match types::strip(&p.param.ty) {
        // `&ProgAux`: the runtime's `ImplicitArg` both checks that the name
        // is the kfunc crate's `ProgAux` (the error lands on the user's
        // type) and describes it. A raw `*mut bpf_prog_aux` may come from
        // any bindings crate, so it is described by name.
        syn::Type::Reference(_) if p.implicit => implicit_expr(&p.param.ty),
        _ => p.ty.to_expr(),
    };
    quote! {
        ::kfunc::__private::Param { name: #name, suffix: #suffix, implicit: #implicit, ty: #ty }
    }
}

fn implicit_expr(ty: &syn::Type) -> TokenStream {
    types::assoc_type(ty, quote!(::kfunc::__private::ImplicitArg))
}
