//! `#[derive(BtfType)]`: the interface-stub record of a module-defined
//! `#[repr(C)]` struct, so that `kfunc-btf` can write BTF for it.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ctxt::Ctxt;
use crate::names;
use crate::parse::unraw;
use crate::stub;
use crate::types::{self, Place, Ty};

/// `#[derive(BtfType)] item` -> tokens.
pub(crate) fn btf_type(item: TokenStream) -> TokenStream {
    let input: syn::Item = match syn::parse2(item) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let cx = Ctxt::new();
    let attrs = match &input {
        syn::Item::Struct(s) => btf_attrs(&cx, &s.attrs),
        _ => BtfAttrs::default(),
    };
    let fields = check(&cx, &input);
    match (cx.check(), &input) {
        (Ok(()), syn::Item::Struct(s)) => expand(s, &fields, &attrs),
        (Err(e), _) => e.to_compile_error(),
        (Ok(()), _) => TokenStream::new(),
    }
}

struct CheckedField {
    ident: syn::Ident,
    name: String,
    ty: Ty,
    /// Whether every bit pattern is a valid value of the field's type:
    /// `Some` when the tokens tell, `None` when the compiler must (a nested
    /// struct or an alias: checked with an `AnyBits` bound).
    any_bits: Option<bool>,
    /// The field's type as written.
    written: syn::Type,
}

fn check(cx: &Ctxt, input: &syn::Item) -> Vec<CheckedField> {
    let input = match input {
        syn::Item::Struct(data) => data,
        syn::Item::Enum(e) => {
            let s = format!("#[derive(BtfType)] on `{}`", unraw(&e.ident));
            cx.error_spanned_by(
                e.enum_token,
                format!("{s}: only structs are supported; pass an enum to a kfunc as its integer type (e.g. `u32`)"),
            );
            return Vec::new();
        }
        syn::Item::Union(u) => {
            let s = format!("#[derive(BtfType)] on `{}`", unraw(&u.ident));
            cx.error_spanned_by(
                u.union_token,
                format!("{s}: only structs are supported, not unions"),
            );
            return Vec::new();
        }
        other => {
            cx.error_spanned_by(other, "#[derive(BtfType)] applies to a #[repr(C)] struct");
            return Vec::new();
        }
    };
    let name = unraw(&input.ident);
    let s = format!("#[derive(BtfType)] on `{name}`");
    if let Some(why) = names::struct_name_problem(&name) {
        cx.error_spanned_by(
            &input.ident,
            format!("{s}: the struct's name goes into BTF, and {why}; rename the struct"),
        );
    }
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            format!(
                "{s}: a generic struct has no single BTF layout; remove the generic parameters"
            ),
        );
    }
    if !has_repr_c(&input.attrs) {
        cx.error_spanned_by(
            &input.ident,
            format!("{s}: the struct must be #[repr(C)], or its layout is not the one BTF describes; add #[repr(C)]"),
        );
    }
    let named = match &input.fields {
        syn::Fields::Named(named) => named,
        syn::Fields::Unnamed(f) => {
            cx.error_spanned_by(
                f,
                format!("{s}: a tuple struct has no field names for BTF; use named fields"),
            );
            return Vec::new();
        }
        syn::Fields::Unit => {
            cx.error_spanned_by(
                &input.ident,
                format!("{s}: a unit struct has no layout to describe; add fields"),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for field in &named.named {
        let ident = field.ident.clone().expect("named field");
        let fname = unraw(&ident);
        if fname == names::OBJECT_MARKER {
            cx.error_spanned_by(
                &ident,
                format!("{s}: field `{fname}`: kfunc-btf gives every module struct a member of this name (see `kfunc::verifier`); rename the field"),
            );
        }
        match types::classify(&field.ty, Place::Field) {
            Ok(c) => out.push(CheckedField {
                ident,
                name: fname,
                ty: c.ty,
                any_bits: types::any_bits(&field.ty),
                written: field.ty.clone(),
            }),
            Err(e) => cx.syn_error(syn::Error::new_spanned(
                &e.at,
                format!("{s}: field `{fname}`: {}", e.message(Place::Field)),
            )),
        }
    }
    out
}

/// The options of `#[btf(...)]`.
#[derive(Default)]
struct BtfAttrs {
    /// `data`: the struct is plain data, taken by copy.
    data: bool,
    /// `owner = Arc` / `owner = KBox`: the smart pointer that owns the
    /// struct's objects when they cross the boundary (`kfunc::owner`).
    owner: Option<syn::Ident>,
}

/// Reads `#[btf(data)]` and `#[btf(owner = Arc|KBox)]`; anything else is an
/// error at its tokens.
fn btf_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> BtfAttrs {
    let mut out = BtfAttrs::default();
    let mut data_at = None;
    for a in attrs.iter().filter(|a| a.path().is_ident("btf")) {
        let r = a.parse_nested_meta(|meta| {
            if meta.path.is_ident("data") {
                out.data = true;
                data_at = Some(meta.path.clone());
                Ok(())
            } else if meta.path.is_ident("owner") {
                let owner: syn::Ident = meta.value()?.parse()?;
                if !types::OWNERS.iter().any(|o| owner == o) {
                    return Err(syn::Error::new_spanned(&owner, format!("`{owner}` is not an owner kfunc knows: write `owner = Arc` (kernel::sync::Arc) or `owner = KBox` (kernel::alloc::KBox)")));
                }
                if let Some(first) = &out.owner {
                    let mut e = syn::Error::new_spanned(&owner, "a struct has one owner; remove one `owner = ...`");
                    e.combine(syn::Error::new_spanned(first, "first owner given here"));
                    return Err(e);
                }
                out.owner = Some(owner);
                Ok(())
            } else {
                Err(meta.error("unknown #[btf(...)] option; the options are `data` (a struct of integers that kfuncs take by copy, as `kfunc::Copied<T>`) and `owner = Arc` / `owner = KBox` (the smart pointer that owns the struct's objects in acquire and release kfuncs)"))
            }
        });
        if let Err(e) = r {
            cx.syn_error(e);
        }
    }
    if let (Some(owner), Some(_)) = (&out.owner, &data_at) {
        cx.error_spanned_by(owner, "a #[btf(data)] struct is copied, never owned across the boundary: remove `owner` or `data`");
    }
    out
}

fn has_repr_c(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("repr")).any(|a| {
        let mut c = false;
        let _ = a.parse_nested_meta(|meta| {
            if meta.path.is_ident("C") {
                c = true;
            }
            // Skip arguments such as `align(8)`.
            if meta.input.peek(syn::token::Paren) {
                let _content;
                syn::parenthesized!(_content in meta.input);
            }
            Ok(())
        });
        c
    })
}

fn expand(input: &syn::ItemStruct, fields: &[CheckedField], attrs: &BtfAttrs) -> TokenStream {
    let data = attrs.data;
    let ident = &input.ident;
    let name = unraw(ident);
    // The owner at the boundary (`kfunc::owner`): every acquire, release and
    // destructor kfunc of the struct must use it. Data structs have none.
    let owned_by = (!data).then(|| {
        let owner = match &attrs.owner {
            Some(o) => quote_spanned!(o.span()=> ::kfunc::__private::owner_types::#o<#ident>),
            None => quote!(::kfunc::__private::Unowned),
        };
        quote!(impl ::kfunc::__private::OwnedBy<#owner> for #ident {})
    });
    let ref_arg = if data {
        Some(plain_data(ident, fields))
    } else {
        ref_arg(ident, fields)
    };
    let stub = literal_stub(ident, fields, data).unwrap_or_else(|| const_stub(ident, fields, data));
    quote! {
        impl ::kfunc::__private::BtfStruct for #ident {
            const NAME: &'static ::core::primitive::str = #name;
        }
        #owned_by
        #ref_arg
        const _: () = {
            #stub
        };
    }
}

/// The record as a literal with the layout (size, alignment, offsets)
/// spliced in, when the tokens fix every field type.
fn literal_stub(ident: &syn::Ident, fields: &[CheckedField], data: bool) -> Option<TokenStream> {
    if !fields.iter().all(|f| stub::is_literal(&f.ty)) {
        return None;
    }
    let kind = if data {
        stub::KIND_DATA_STRUCT
    } else {
        stub::KIND_STRUCT
    };
    let mut r = stub::Record::new(kind);
    r.str(&unraw(ident));
    r.word(quote!(::core::mem::size_of::<#ident>()));
    r.word(quote!(::core::mem::align_of::<#ident>()));
    r.count_u16(fields.len());
    for f in fields {
        let fident = &f.ident;
        r.str(&f.name);
        r.word(quote!(::core::mem::offset_of!(#ident, #fident)));
        r.ty(&f.ty);
    }
    r.into_static()
}

/// The record through the runtime's const encoder: for field types only
/// the compiler can describe (`AtomicUsize`, `c_*`, aliases).
fn const_stub(ident: &syn::Ident, fields: &[CheckedField], data: bool) -> TokenStream {
    let name = unraw(ident);
    let fields = fields.iter().map(|f| {
        let fident = &f.ident;
        let fname = &f.name;
        let ty = f.ty.to_expr();
        quote! {
            ::kfunc::__private::Field {
                name: #fname,
                offset: ::core::mem::offset_of!(#ident, #fident) as ::core::primitive::u32,
                ty: #ty,
            }
        }
    });
    quote! {
        const DEF: ::kfunc::__private::StructDef = ::kfunc::__private::StructDef {
            name: #name,
            size: ::core::mem::size_of::<#ident>() as ::core::primitive::u32,
            align: ::core::mem::align_of::<#ident>() as ::core::primitive::u32,
            fields: &[#(#fields),*],
            data: #data,
        };
        const LEN: ::core::primitive::usize = ::kfunc::__private::struct_len(&DEF);
        #[used]
        #[unsafe(link_section = ".comment.kfunc.interface")]
        static STUB: [::core::primitive::u8; LEN] = ::kfunc::__private::encode_struct::<LEN>(&DEF);
    }
}

/// `AnyBits`, `DataField` and `PlainData` for a data struct (`#[btf(data)]`):
/// every field must be a `DataField` (integers, arrays of them, data
/// structs), checked with a bound at the field's type. No `RefArg`: data
/// is taken by copy, never by reference.
fn plain_data(ident: &syn::Ident, fields: &[CheckedField]) -> TokenStream {
    let checks = bound_checks(
        fields.iter(),
        "data_field",
        quote!(::kfunc::__private::DataField),
    );
    quote! {
        #checks
        // SAFETY: every field is a `DataField` (checked above): integers,
        // arrays of them and data structs, all valid for every bit pattern.
        unsafe impl ::kfunc::__private::AnyBits for #ident {}
        // SAFETY: as above; the stub is a data-struct record (kind 3), so
        // kfunc-btf writes a struct of scalars, and the struct may be a
        // field of another data struct.
        unsafe impl ::kfunc::__private::DataField for #ident {}
        // SAFETY: as above.
        unsafe impl ::kfunc::PlainData for #ident {}
    }
}

/// `const _: () = { const fn check<T: ?Sized + Bound>() {} check::<F>(); .. }`
/// for the fields' types, each call spanned at the field's type so that a
/// missing impl is reported there.
fn bound_checks<'a>(
    fields: impl Iterator<Item = &'a CheckedField>,
    check: &str,
    bound: TokenStream,
) -> TokenStream {
    let check = syn::Ident::new(check, proc_macro2::Span::call_site());
    let checks = fields.map(|f| {
        let (first, last) = types::span_range(&f.written);
        let written = &f.written;
        let ty = types::static_lifetimes(quote!(#written));
        let open = quote_spanned!(first=> #check::<);
        let close = quote_spanned!(last=> >);
        quote!(#open #ty #close ();)
    });
    quote! {
        const _: () = {
            const fn #check<T: ?::core::marker::Sized + #bound>() {}
            #(#checks)*
        };
    }
}

/// `AnyBits` and `RefArg` for a struct whose fields are all valid for every
/// bit pattern, so kfuncs may take it as `&T`. The object marker already
/// makes the verifier pass only real objects for a `&T`; valid-for-every-
/// bit-pattern fields are kept as the rule all the same (no invalid value
/// whatever wrote the object). Fields the tokens cannot judge (nested
/// structs, aliases) are checked with a bound at the field's type. A
/// struct with a `bool`, a reference or a function pointer gets neither:
/// kfuncs take it by raw pointer.
fn ref_arg(ident: &syn::Ident, fields: &[CheckedField]) -> Option<TokenStream> {
    if fields.iter().any(|f| f.any_bits == Some(false)) {
        return None;
    }
    let mut unknown = fields.iter().filter(|f| f.any_bits.is_none()).peekable();
    let checks = unknown
        .peek()
        .is_some()
        .then(|| bound_checks(unknown, "any_bits", quote!(::kfunc::__private::AnyBits)));
    Some(quote! {
        // SAFETY: every field is valid for every bit pattern: integers,
        // atomic integers, raw pointers and arrays or cells of those, by
        // their tokens; the others by the `AnyBits` bounds checked below.
        unsafe impl ::kfunc::__private::AnyBits for #ident {}
        // SAFETY: `AnyBits` (above); mutation of a module object shared
        // with BPF goes through its atomic or cell fields, as Rust's own
        // rules require of the module's code, and BPF programs cannot write
        // module objects they reach by BTF id.
        unsafe impl ::kfunc::RefArg for #ident {}
        #checks
    })
}
