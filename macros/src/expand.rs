//! Expansion of a checked kfunc into the implementation, the flag-table
//! entry, the optional program-type limit and the interface stub, in the
//! shape fixed by `docs/CONTRACT.md`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};

use crate::ctxt::Ctxt;
use crate::fallback;
use crate::parse::Options;
use crate::stub;
use crate::types;
use crate::types::Ty;
use crate::validate::{self, CheckedParam, Kfunc};

/// `#[kfunc(attr)] item` -> tokens. Never panics on user input: errors come
/// out as `compile_error!`s next to a harmless copy of the function.
pub(crate) fn kfunc(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let options = Options::parse(&cx, attr);
    let item_fn: syn::ItemFn = match syn::parse2::<LightFn>(item.clone()).map(|f| f.0) {
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

/// A free function whose body is kept as tokens: the macro never looks into
/// the body, and parsing its statements (with an unoptimised `syn`, as
/// proc macros are built in release profiles) was a good part of the
/// macro's own run time. Inner attributes are taken out of the body as
/// `syn::ItemFn` does; the statements stay verbatim (rustc parses them,
/// and reports their syntax errors, when it reads the expansion).
struct LightFn(syn::ItemFn);

impl syn::parse::Parse for LightFn {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Self> {
        let mut attrs = input.call(syn::Attribute::parse_outer)?;
        let vis: syn::Visibility = input.parse()?;
        let sig: syn::Signature = input.parse()?;
        let content;
        let brace_token = syn::braced!(content in input);
        attrs.extend(content.call(syn::Attribute::parse_inner)?);
        let body: TokenStream = content.parse()?;
        Ok(LightFn(syn::ItemFn {
            attrs,
            vis,
            sig,
            block: Box::new(syn::Block {
                brace_token,
                stmts: vec![syn::Stmt::Item(syn::Item::Verbatim(body))],
            }),
        }))
    }
}

fn expand(k: &Kfunc, dtor: Option<crate::dtor::Dtor>) -> TokenStream {
    let implementation = implementation(k);
    let entry = entry(k);
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

    // `&T` parameters: `T: RefArg`; `Copied<T>` parameters: `T: PlainData`.
    // Each check is spanned at `T` so that the trait's message lands on the
    // user's type, and checks that the name the stub records is the
    // struct's own.
    let struct_args = k.params.iter().filter_map(|p| {
        if let Some(target) = &p.ref_target {
            Some(struct_check(
                target,
                "ref_arg",
                quote!(::kfunc::__private::RefArg),
            ))
        } else if let Some(owner) = &p.owner {
            Some(owner_check(owner))
        } else if let Some((target, path)) = &p.kernel_object {
            Some(kernel_object_check(target, path))
        } else {
            p.copied
                .as_ref()
                .map(|target| struct_check(target, "plain_data", quote!(::kfunc::PlainData)))
        }
    });
    // The owner an acquire kfunc returns is the struct's; a struct handed out
    // or taken back by reference has none.
    let ret_owner = k.ret_owner.as_ref().map(|(owner, _)| owner_check(owner));
    let unowned = k.unowned.iter().map(|t| {
        struct_check(
            t,
            "unowned",
            quote!(::kfunc::__private::OwnedBy<::kfunc::__private::Unowned>),
        )
    });

    let flags = syn::LitInt::new(&format!("{:#x}u32", k.flags), Span::call_site());
    // References make the verifier require valid, non-NULL pointers: on
    // kernels before 7.0 through KF_TRUSTED_ARGS (the runtime knows whether
    // the kernel has it), from 7.0 on by default.
    let flags = if k.trust_refs {
        quote!(#flags | ::kfunc::__private::TRUSTED_ARGS_FOR_REFS)
    } else {
        quote!(#flags)
    };
    let flags_sym = format!("__kfunc_flags__{name}");
    // Elements of the runtime's linkme slices, written as linkme's element
    // macro writes them on ELF targets (`#[used]`, the slice's section)
    // without its expansion cost; the type is ours, so its type check is
    // not needed. Section names: docs/CONTRACT.md.
    let entry_slot = quote! {
        #[used]
        #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
        #[unsafe(export_name = #flags_sym)]
        static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(FLAGS);
    };
    let mask = syn::LitInt::new(&format!("{:#x}u64", k.prog_mask), Span::call_site());
    let limit = (k.prog_mask != 0).then(|| {
        let limit_sym = format!("__kfunc_limit__{name}");
        quote! {
            #[used]
            #[unsafe(link_section = "linkme_KFUNC_PROG_LIMITS")]
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
    let stub = stub(k);
    let implicit_checks = k.params.iter().filter_map(implicit_check);
    let dtor = dtor.map(|d| d.expand(name));
    quote! {
        #implementation

        #(#cfgs)*
        const _: () = {
            #(#gates)*
            #unique_macro
            #(#struct_args)*
            #ret_owner
            #(#unowned)*
            #entry
            const FLAGS: ::core::primitive::u32 = #flags;
            #entry_slot
            #limit
            #iter_size
            #dtor
            #(#implicit_checks)*
            #stub
        };
    }
}

/// `const _: () = { const fn <check><T: ?Sized + <bound>>() -> &str {..}
/// spelled_as(<check>::<T>(), "<spelled>"); };` for a struct `T` a safe
/// parameter names: the bound holds, and `T`'s BTF name
/// (`BtfStruct::NAME`) is the one written here, which the stub records. A
/// `T` that is not a path is not a struct: the bound alone refuses it.
fn struct_check(target: &syn::Type, check: &str, bound: TokenStream) -> TokenStream {
    let (first, last) = types::span_range(target);
    let spelled = types::last_ident(target).map(crate::parse::unraw);
    let target = types::static_lifetimes(quote!(#target));
    let check = syn::Ident::new(check, Span::call_site());
    let call = quote_spanned!(first=> #check::<);
    let close = quote_spanned!(last=> >);
    let body = match spelled {
        Some(spelled) => {
            let same = quote_spanned!(first=> ::kfunc::__private::spelled_as);
            quote!(#same(#call #target #close (), #spelled);)
        }
        None => quote!(#call #target #close ();),
    };
    quote! {
        const _: () = {
            const fn #check<T: ?::core::marker::Sized + #bound>() -> &'static ::core::primitive::str {
                <T as ::kfunc::__private::BtfStruct>::NAME
            }
            #body
        };
    }
}

/// `&T` of a kernel object: `T` must be the kernel crate's wrapper the
/// name stands for (`kernel::task::Task` for `Task`), whose C struct the
/// stub records; another type of that name is a type mismatch at `T`.
fn kernel_object_check(target: &syn::Type, path: &str) -> TokenStream {
    let (first, _) = types::span_range(target);
    let canonical: syn::Type = syn::parse_str(path).expect("a valid path");
    let target = types::static_lifetimes(quote!(#target));
    let id = quote_spanned!(first=> |object| object);
    quote! {
        const _: fn(&'static #target) -> &'static #canonical = #id;
    }
}

/// `T: OwnedBy<O>` for an owner `O<T>` (`Arc<T>`, `KBox<T>`) in the
/// signature, spanned at `T`: the owner is the one the struct declares.
fn owner_check(owner: &syn::Type) -> TokenStream {
    let target = types::owner_target(owner).expect("validate checked the owner");
    let owner = types::static_lifetimes(quote!(#owner));
    struct_check(
        target,
        "owned_by",
        quote!(::kfunc::__private::OwnedBy<#owner>),
    )
}

/// The interface stub: a literal record when the tokens fix every type
/// (`stub`), otherwise a `Func` for the runtime's const encoder.
fn stub(k: &Kfunc) -> TokenStream {
    let literal = stub::is_literal(&k.ret) && k.params.iter().all(|p| stub::is_literal(&p.ty));
    if literal {
        let mut r = stub::Record::new(stub::KIND_FUNC);
        if k.trust_refs {
            r.word(quote!(FLAGS));
        } else {
            r.u32(k.flags);
        }
        r.str(&k.name);
        r.u64(k.prog_mask);
        r.ty(&k.ret);
        r.count_u8(k.params.len());
        for p in &k.params {
            r.str(&p.name);
            r.str(&p.suffix);
            r.u8(u8::from(p.implicit));
            r.ty(&p.ty);
        }
        if let Some(stub) = r.into_static() {
            return stub;
        }
    }
    let name = &k.name;
    let mask = syn::LitInt::new(&format!("{:#x}u64", k.prog_mask), Span::call_site());
    let ret = k.ret.to_expr();
    let params = k.params.iter().map(param_expr);
    quote! {
        const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
            name: #name,
            flags: FLAGS,
            prog_types: #mask,
            ret: #ret,
            params: &[#(#params),*],
        };
        const LEN: ::core::primitive::usize = ::kfunc::__private::func_len(&FUNC);
        #[used]
        #[unsafe(link_section = ".comment.kfunc.interface")]
        static STUB: [::core::primitive::u8; LEN] = ::kfunc::__private::encode_func::<LEN>(&FUNC);
    }
}

/// `&ProgAux` implicit argument: the runtime's `ImplicitArg` checks that the
/// name is the kfunc crate's `ProgAux`, with the error on the user's type
/// (the stub describes it as `struct bpf_prog_aux *` either way).
fn implicit_check(p: &CheckedParam) -> Option<TokenStream> {
    if !p.implicit || !matches!(types::strip(&p.param.ty), syn::Type::Reference(_)) {
        return None;
    }
    let ty = implicit_expr(&p.param.ty);
    Some(quote!(const _: ::kfunc::__private::Type = #ty;))
}

/// The user's function as written, a Rust function (callable from Rust with
/// its own signature) that is always inlined into its [`entry`].
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
        #[inline(always)]
        #vis #unsafety fn #ident #generics (#(#inputs),*) #output #block
    }
}

/// The kfunc's exported C entry: the symbol BTF names and BPF programs
/// call. Integer and `bool` parameters arrive as full registers (the
/// verifier neither extends nor range-checks them) and are converted with
/// `Scalar::from_reg`; integer and `bool` returns leave extended with
/// `Scalar::to_reg`. Pointers and references pass through unchanged.
fn entry(k: &Kfunc) -> TokenStream {
    let sig = &k.item.sig;
    let name = &k.name;
    let ident = &sig.ident;
    let unsafety = &sig.unsafety;
    let generics = &sig.generics;
    let scalar = quote!(::kfunc::__private::Scalar);
    let mut inputs = Vec::new();
    let mut args = Vec::new();
    let mut copies = Vec::new();
    for (i, p) in k.params.iter().enumerate() {
        let arg = format_ident!("arg{}", i);
        if p.is_scalar() {
            inputs.push(quote!(#arg: ::core::primitive::u64));
            args.push(match &p.ty {
                // What `Scalar::from_reg` does, written out where the
                // tokens name the type: no trait to resolve.
                Ty::Int { size, signed } => {
                    let int = int_type(*size, *signed);
                    quote!(#arg as #int)
                }
                Ty::Bool => quote!(#arg != 0),
                _ => {
                    let ty = types::static_lifetimes(types::strip(&p.param.ty).to_token_stream());
                    quote!(<#ty as #scalar>::from_reg(#arg))
                }
            });
        } else if p.racy {
            // The verifier checked that the next argument's full register
            // value of bytes is readable at this pointer (`__sz`/`__szk`);
            // the view reads no further.
            let len = format_ident!("arg{}", i + 1);
            inputs.push(quote!(#arg: *const ::core::primitive::u8));
            copies.push(quote!(let #arg = unsafe { ::kfunc::RacyBytes::from_raw(#arg, #len as ::core::primitive::usize) };));
            args.push(quote!(#arg));
        } else if let Some(owner) = &p.owner {
            // A release kfunc: the verifier passes only a referenced `T`
            // pointer, which only an acquire kfunc of `T` with this same
            // owner (`OwnedBy`) produced by `into_raw`, and forgets it after
            // the call; the body drops the owner.
            let target = types::owner_target(owner).expect("validate checked the owner");
            let target = types::static_lifetimes(quote!(#target));
            let owner = types::static_lifetimes(quote!(#owner));
            inputs.push(quote!(#arg: *mut #target));
            copies.push(quote!(let #arg = unsafe { <#owner as ::kfunc::__private::OwnerOf<#target>>::from_raw(#arg) };));
            args.push(quote!(#arg));
        } else if let Some(target) = &p.copied {
            // The program passed a pointer the verifier checked to have
            // `size_of::<T>()` readable bytes (a data struct is a struct of
            // scalars in BTF); the entry copies them before the body runs.
            let target = types::static_lifetimes(quote!(#target));
            inputs.push(quote!(#arg: *const #target));
            copies.push(quote!(let #arg = unsafe { ::kfunc::Copied::<#target>::read_from(#arg) };));
            args.push(quote!(#arg));
        } else {
            let ty = types::strip(&p.param.ty);
            inputs.push(quote!(#arg: #ty));
            args.push(quote!(#arg));
        }
    }
    let call = quote!(#ident(#(#args),*));
    let call = if unsafety.is_some() {
        // The caller is a BPF program the verifier checked against this
        // kfunc's BTF: what the user's `unsafe fn` requires beyond that is
        // the user's to argue (docs/ARCHITECTURE.md).
        quote!(unsafe { #call })
    } else {
        call
    };
    let scalar_ret = matches!(k.ret, Ty::Int { .. } | Ty::Bool | Ty::Scalar(_));
    let (output, body) = if scalar_ret {
        let body = match k.ret {
            // `Scalar::to_reg` written out: zero-extended (unsigned, `bool`),
            // sign-extended (signed).
            Ty::Int { signed: true, .. } => {
                quote!((#call) as ::core::primitive::i64 as ::core::primitive::u64)
            }
            Ty::Int { signed: false, .. } | Ty::Bool => quote!((#call) as ::core::primitive::u64),
            _ => quote!(#scalar::to_reg(#call)),
        };
        (quote!(-> ::core::primitive::u64), body)
    } else if let Some((owner, option)) = &k.ret_owner {
        // An acquire kfunc: the owner becomes the pointer the program holds
        // (NULL for `None`).
        let target = types::owner_target(owner).expect("validate checked the owner");
        let target = types::static_lifetimes(quote!(#target));
        let owner = types::static_lifetimes(quote!(#owner));
        let body = if *option {
            quote!(::kfunc::__private::into_raw_or_null::<#target, #owner>(#call))
        } else {
            quote!(<#owner as ::kfunc::__private::OwnerOf<#target>>::into_raw(#call))
        };
        (quote!(-> *mut #target), body)
    } else {
        let output = match &sig.output {
            syn::ReturnType::Type(arrow, ty) => {
                let ty = types::strip(ty);
                quote!(#arrow #ty)
            }
            syn::ReturnType::Default => quote!(),
        };
        (output, call)
    };
    // The `unsafe { }` around a call of the user's `unsafe fn` is argued in
    // docs/ARCHITECTURE.md (the caller is a verified BPF program; the body's
    // own safety comments cover the rest): no comment can be generated.
    quote! {
        #[allow(clippy::undocumented_unsafe_blocks)]
        #[unsafe(export_name = #name)]
        #unsafety extern "C" fn __kfunc_entry #generics (#(#inputs),*) #output {
            #(#copies)*
            #body
        }
    }
}

/// `::core::primitive::{u,i}{8,16,32,64}`.
fn int_type(size: u8, signed: bool) -> TokenStream {
    let name = format_ident!("{}{}", if signed { "i" } else { "u" }, u32::from(size) * 8);
    quote!(::core::primitive::#name)
}

fn param_expr(p: &CheckedParam) -> TokenStream {
    let name = &p.name;
    let suffix = &p.suffix;
    let implicit = p.implicit;
    // An implicit argument is `struct bpf_prog_aux *` by name, whatever its
    // Rust spelling (`&ProgAux` is checked by `implicit_check`).
    let ty = p.ty.to_expr();
    quote! {
        ::kfunc::__private::Param { name: #name, suffix: #suffix, implicit: #implicit, ty: #ty }
    }
}

fn implicit_expr(ty: &syn::Type) -> TokenStream {
    types::assoc_type(ty, quote!(::kfunc::__private::ImplicitArg))
}
