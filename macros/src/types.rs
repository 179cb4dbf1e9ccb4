//! Token-level classification of Rust types into interface-stub types.
//!
//! A proc macro sees tokens, not resolved types, so this works on names:
//! primitive integers, `bool`, `()`, raw pointers, references, `Option<&T>`,
//! `c_void`, `extern "C"` function pointers and named structs. Anything it
//! cannot name (a type alias used by value, `usize`, `core::ffi::c_*`) goes
//! through the `Scalar` trait so the compiler decides, with the error spanned
//! at the user's type.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

/// Where a type appears; the rules differ slightly.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Place {
    /// A kfunc parameter.
    Param,
    /// A kfunc return type.
    Return,
    /// Behind a pointer or reference.
    Pointee,
    /// A parameter or return type of a callback function pointer.
    Callback,
    /// A field of a `#[derive(BtfType)]` struct.
    Field,
}

/// An interface-stub type, still holding the tokens it came from where the
/// compiler has to finish the job.
#[derive(Clone, Debug)]
pub(crate) enum Ty {
    /// `()` as a return type, `c_void` behind a pointer.
    Void,
    /// A fixed-width integer.
    Int { size: u8, signed: bool },
    /// `bool`.
    Bool,
    /// A type the `Scalar` trait describes (`usize`, `c_int`, aliases).
    Scalar(syn::Type),
    /// A raw pointer, reference or `Option` of a reference.
    Ptr { pointee: Box<Ty>, mutable: bool },
    /// A struct, by name (kernel struct or `#[derive(BtfType)]`).
    Struct(String),
    /// An `extern "C"` function pointer.
    FnPtr { ret: Box<Ty>, params: Vec<Ty> },
    /// `[T; N]`, struct fields only.
    Array { elem: Box<Ty>, len: syn::Expr },
}

/// A classified type with the facts checks need.
#[derive(Clone, Debug)]
pub(crate) struct Classified {
    /// The stub type.
    pub(crate) ty: Ty,
    /// `Some(span of Option)` for `Option<&T>`: nullable by construction.
    pub(crate) nullable: Option<Span>,
}

impl Classified {
    fn plain(ty: Ty) -> Self {
        Classified { ty, nullable: None }
    }
}

/// Why a type is refused: where, and what is wrong with it.
pub(crate) struct TypeError {
    /// The offending (sub)type's tokens, for the span.
    pub(crate) at: TokenStream,
    /// What is wrong, e.g. "a tuple has no C layout".
    pub(crate) problem: String,
}

fn refuse(at: impl ToTokens, problem: impl Into<String>) -> TypeError {
    TypeError {
        at: at.into_token_stream(),
        problem: problem.into(),
    }
}

/// What may be written at each place, appended to every type error.
pub(crate) fn allowed(place: Place) -> &'static str {
    match place {
        Place::Param | Place::Callback => {
            "allowed: integers (u8..u64, i8..i64, usize, isize, core::ffi::c_*), bool, \
             raw pointers, &T, &mut T, Option<&T>, Option<&mut T>, \
             Option<unsafe extern \"C\" fn(..) -> ..>"
        }
        Place::Return => {
            "allowed: (), integers (u8..u64, i8..i64, usize, isize, core::ffi::c_*), bool, \
             raw pointers, &T, &mut T, Option<&T>, Option<&mut T>"
        }
        Place::Pointee => {
            "a pointer may point to an integer, bool, c_void, another pointer or a struct \
             (a kernel struct or a #[derive(BtfType)] struct)"
        }
        Place::Field => {
            "allowed: integers, bool, raw pointers, &T, &mut T, Option<&T>, \
             extern \"C\" fn pointers, arrays [T; N], and structs by value"
        }
    }
}

const FIXED_INTS: &[(&str, u8, bool)] = &[
    ("u8", 1, false),
    ("u16", 2, false),
    ("u32", 4, false),
    ("u64", 8, false),
    ("i8", 1, true),
    ("i16", 2, true),
    ("i32", 4, true),
    ("i64", 8, true),
];

/// Integer names whose size depends on the target: they go through `Scalar`.
const TARGET_INTS: &[&str] = &[
    "usize",
    "isize",
    "c_char",
    "c_schar",
    "c_uchar",
    "c_short",
    "c_ushort",
    "c_int",
    "c_uint",
    "c_long",
    "c_ulong",
    "c_longlong",
    "c_ulonglong",
];

/// Whether a classified type is an integer (or may be one: `Scalar`).
pub(crate) fn is_integer(ty: &Ty) -> bool {
    matches!(ty, Ty::Int { .. } | Ty::Scalar(_))
}

/// The last path segment's name if `ty` is a plain path, like `a::b::Name`.
pub(crate) fn last_ident(ty: &syn::Type) -> Option<&syn::Ident> {
    match strip(ty) {
        syn::Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| &s.ident),
        _ => None,
    }
}

/// Removes `( )` and invisible groups.
pub(crate) fn strip(ty: &syn::Type) -> &syn::Type {
    match ty {
        syn::Type::Paren(p) => strip(&p.elem),
        syn::Type::Group(g) => strip(&g.elem),
        _ => ty,
    }
}

/// Classifies `ty` at `place`.
pub(crate) fn classify(ty: &syn::Type, place: Place) -> Result<Classified, TypeError> {
    let ty = strip(ty);
    match ty {
        syn::Type::Path(tp) => classify_path(ty, tp, place),
        syn::Type::Ptr(p) => {
            let pointee = classify(&p.elem, Place::Pointee)?;
            Ok(Classified::plain(Ty::Ptr {
                pointee: Box::new(pointee.ty),
                mutable: p.mutability.is_some(),
            }))
        }
        syn::Type::Reference(r) => {
            let pointee = classify(&r.elem, Place::Pointee)?;
            Ok(Classified::plain(Ty::Ptr {
                pointee: Box::new(pointee.ty),
                mutable: r.mutability.is_some(),
            }))
        }
        syn::Type::Tuple(t) if t.elems.is_empty() => match place {
            Place::Return => Ok(Classified::plain(Ty::Void)),
            Place::Pointee => Err(refuse(ty, "`()` is not a C type; to point to untyped memory use `core::ffi::c_void`")),
            _ => Err(refuse(ty, "`()` is zero-sized and has no C equivalent")),
        },
        syn::Type::Tuple(_) => Err(refuse(ty, "a tuple has no C layout; pass the parts as separate parameters or use a #[repr(C)] struct behind a pointer")),
        syn::Type::Slice(_) => Err(refuse(ty, "a slice is not FFI-safe (a pointer plus a length in Rust); pass a pointer and a length parameter annotated #[arg(sz)]")),
        syn::Type::Array(a) => match place {
            Place::Field => {
                let elem = classify(&a.elem, Place::Field)?;
                Ok(Classified::plain(Ty::Array {
                    elem: Box::new(elem.ty),
                    len: a.len.clone(),
                }))
            }
            _ => Err(refuse(ty, "an array cannot be passed to or from a kfunc; pass a pointer to its first element and a length parameter annotated #[arg(sz)]")),
        },
        syn::Type::BareFn(f) => classify_fn(ty, f, place),
        syn::Type::Never(_) => Err(refuse(ty, "a kfunc must return to the BPF program; the never type `!` has no BTF equivalent")),
        syn::Type::ImplTrait(_) => Err(refuse(ty, "`impl Trait` is not a concrete type and cannot cross the C ABI")),
        syn::Type::TraitObject(_) => Err(refuse(ty, "a trait object is not FFI-safe (it is unsized, and a pointer to it is a fat pointer)")),
        syn::Type::Infer(_) => Err(refuse(ty, "the type must be written out; `_` cannot be described to BTF")),
        syn::Type::Macro(_) => Err(refuse(ty, "a type macro cannot be described to BTF; write the type out")),
        _ => Err(refuse(ty, "this type cannot be described to BTF")),
    }
}

fn classify_path(
    ty: &syn::Type,
    tp: &syn::TypePath,
    place: Place,
) -> Result<Classified, TypeError> {
    if tp.qself.is_some() {
        return match place {
            Place::Pointee | Place::Field => Err(refuse(
                ty,
                "a struct behind a pointer must be named by its path, not a qualified path",
            )),
            _ => Ok(Classified::plain(Ty::Scalar(ty.clone()))),
        };
    }
    let last = tp.path.segments.last().expect("paths have a segment");
    let name = last.ident.to_string();
    let no_args = matches!(last.arguments, syn::PathArguments::None);

    // By last segment: `u32`, `core::primitive::u32` and `::std::primitive::u32`
    // alike (no struct is called `u32`).
    if no_args {
        if let Some((_, size, signed)) = FIXED_INTS.iter().find(|(n, ..)| *n == name) {
            return Ok(Classified::plain(Ty::Int {
                size: *size,
                signed: *signed,
            }));
        }
        match name.as_str() {
            "bool" => return Ok(Classified::plain(Ty::Bool)),
            "u128" | "i128" => return Err(refuse(ty, "128-bit integers do not fit a BPF register; use u64 or i64")),
            "f32" | "f64" => return Err(refuse(ty, "floating point is not allowed in the kernel or in BPF")),
            "char" => return Err(refuse(ty, "`char` is a 4-byte Unicode scalar value, not a C char; use `u8` or `core::ffi::c_char`")),
            "str" => return Err(refuse(ty, "`str` is unsized and has no C layout; pass `*const core::ffi::c_char` (with #[arg(str)] for a constant string)")),
            _ => {}
        }
    }
    if no_args && TARGET_INTS.contains(&name.as_str()) {
        return Ok(Classified::plain(Ty::Scalar(ty.clone())));
    }
    if name == "Option" {
        return classify_option(ty, last, place);
    }
    if name == "c_void" && no_args {
        return match place {
            Place::Pointee => Ok(Classified::plain(Ty::Void)),
            _ => Err(refuse(
                ty,
                "`c_void` may only appear behind a pointer (`*mut c_void`)",
            )),
        };
    }
    match place {
        Place::Pointee | Place::Field => {
            if !no_args {
                return Err(refuse(
                    &last.arguments,
                    "a struct with generic arguments has no single BTF name; use a non-generic #[repr(C)] struct",
                ));
            }
            let name = last.ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
            Ok(Classified::plain(Ty::Struct(name)))
        }
        // By value: only scalars are passed in registers. `Scalar` decides.
        Place::Param | Place::Return | Place::Callback => {
            Ok(Classified::plain(Ty::Scalar(ty.clone())))
        }
    }
}

fn classify_option(
    ty: &syn::Type,
    seg: &syn::PathSegment,
    place: Place,
) -> Result<Classified, TypeError> {
    let inner = match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            syn::GenericArgument::Type(t) => strip(t),
            _ => return Err(refuse(ty, "malformed `Option`")),
        },
        _ => return Err(refuse(ty, "malformed `Option`")),
    };
    match inner {
        syn::Type::Reference(_) => {
            let c = classify(inner, place)?;
            Ok(Classified {
                ty: c.ty,
                nullable: Some(seg.ident.span()),
            })
        }
        syn::Type::BareFn(f) => classify_fn(inner, f, place),
        _ => Err(refuse(
            ty,
            "`Option` is only FFI-safe around a reference or a function pointer: use Option<&T>, Option<&mut T> or Option<unsafe extern \"C\" fn(..)>",
        )),
    }
}

fn classify_fn(ty: &syn::Type, f: &syn::TypeBareFn, place: Place) -> Result<Classified, TypeError> {
    if place == Place::Pointee {
        return Err(refuse(
            ty,
            "a pointer to a function pointer cannot be described; pass the function pointer itself",
        ));
    }
    let is_c = match &f.abi {
        Some(abi) => match &abi.name {
            None => true,
            Some(name) => name.value() == "C",
        },
        None => false,
    };
    if !is_c {
        let at: TokenStream = match &f.abi {
            Some(abi) => abi.to_token_stream(),
            None => f.fn_token.to_token_stream(),
        };
        return Err(refuse(at, "a callback must use the C ABI: write `unsafe extern \"C\" fn(..)` (Rust-ABI function pointers cannot be called from BPF)"));
    }
    if let Some(v) = &f.variadic {
        return Err(refuse(v, "a variadic callback cannot be called from BPF"));
    }
    let ret = match &f.output {
        syn::ReturnType::Default => Ty::Void,
        syn::ReturnType::Type(_, t) => classify(t, Place::Return).map(|c| c.ty)?,
    };
    let mut params = Vec::new();
    for input in &f.inputs {
        params.push(classify(&input.ty, Place::Callback)?.ty);
    }
    Ok(Classified::plain(Ty::FnPtr {
        ret: Box::new(ret),
        params,
    }))
}

/// A type as a user would write it, for messages (`&mut T`, not `& mut T`).
pub(crate) fn pretty(tokens: &impl ToTokens) -> String {
    let mut s = tokens.to_token_stream().to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        ("& mut ", "&mut "),
        ("& '", "&'"),
        ("& ", "&"),
        ("* mut ", "*mut "),
        ("* const ", "*const "),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
    ] {
        s = s.replace(from, to);
    }
    s
}

/// The first and last spans of a type's tokens, to span generated code over it.
pub(crate) fn span_range(ty: &syn::Type) -> (Span, Span) {
    let mut iter = ty.to_token_stream().into_iter();
    let first = iter.next().map(|t| t.span()).unwrap_or_else(|| ty.span());
    let last = iter.last().map(|t| t.span()).unwrap_or(first);
    (first, last)
}

/// `<ty as Trait>::TYPE`, spanned over the user's type so that an unmet
/// bound (the trait's `on_unimplemented` message) points at it.
pub(crate) fn assoc_type(ty: &syn::Type, trait_path: TokenStream) -> TokenStream {
    let (first, last) = span_range(ty);
    let open = quote_spanned!(first=> <);
    let trait_path = respan(trait_path, last);
    let close = quote_spanned!(last=> as #trait_path >::TYPE);
    let ty = static_lifetimes(ty.to_token_stream());
    quote!(#open #ty #close)
}

/// Replaces every lifetime by `'static`: the generated `const _` block is
/// outside the function, where its lifetime parameters are not in scope.
pub(crate) fn static_lifetimes(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut after_quote = false;
    for tt in tokens {
        let tt = match tt {
            TokenTree::Group(g) => {
                let mut inner =
                    proc_macro2::Group::new(g.delimiter(), static_lifetimes(g.stream()));
                inner.set_span(g.span());
                TokenTree::Group(inner)
            }
            TokenTree::Ident(i) if after_quote => {
                TokenTree::Ident(proc_macro2::Ident::new("static", i.span()))
            }
            other => other,
        };
        after_quote = matches!(&tt, TokenTree::Punct(p) if p.as_char() == '\'');
        out.push(tt);
    }
    out.into_iter().collect()
}

fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut t| {
            t.set_span(span);
            t
        })
        .collect()
}

impl Ty {
    /// The `::kfunc::__private::Type` constant expression for this type.
    pub(crate) fn to_expr(&self) -> TokenStream {
        let t = quote!(::kfunc::__private::Type);
        match self {
            Ty::Void => quote!(#t::Void),
            Ty::Int { size, signed } => quote!(#t::Int { size: #size, signed: #signed }),
            Ty::Bool => quote!(#t::Bool),
            Ty::Scalar(ty) => {
                let scalar = assoc_type(ty, quote!(::kfunc::__private::Scalar));
                // `c_char` is C `char` (not `signed char`/`unsigned char`):
                // its own tag, with the target's signedness
                if last_ident(ty).is_some_and(|i| i == "c_char") {
                    quote!(#t::char_of(#scalar))
                } else {
                    scalar
                }
            }
            Ty::Ptr { pointee, mutable } => {
                let pointee = pointee.to_expr();
                quote!(#t::Ptr { pointee: &#pointee, mutable: #mutable })
            }
            Ty::Struct(name) => quote!(#t::Struct { name: #name }),
            Ty::FnPtr { ret, params } => {
                let ret = ret.to_expr();
                let params = params.iter().map(Ty::to_expr);
                quote!(#t::FnPtr { ret: &#ret, params: &[#(#params),*] })
            }
            Ty::Array { elem, len } => {
                let elem = elem.to_expr();
                quote!(#t::Array { elem: &#elem, len: (#len) as ::core::primitive::u32 })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(src: &str, place: Place) -> Result<String, String> {
        let ty: syn::Type = syn::parse_str(src).unwrap();
        match classify(&ty, place) {
            Ok(c) => Ok(c.ty.to_expr().to_string()),
            Err(e) => Err(e.problem),
        }
    }

    #[test]
    fn families() {
        assert!(class("*mut core::primitive::u8", Place::Param)
            .unwrap()
            .contains("Int { size : 1u8"));
        assert!(class("u32", Place::Param)
            .unwrap()
            .contains("Int { size : 4u8 , signed : false }"));
        assert!(class("core::ffi::c_int", Place::Param)
            .unwrap()
            .contains("Scalar"));
        assert!(class("*mut core::ffi::c_void", Place::Param)
            .unwrap()
            .contains("pointee : & :: kfunc :: __private :: Type :: Void"));
        assert!(class("&bindings::task_struct", Place::Param)
            .unwrap()
            .contains("\"task_struct\""));
        assert!(class("Option<&mut Foo>", Place::Param).is_ok());
        assert!(
            class("Option<unsafe extern \"C\" fn(u32) -> i32>", Place::Param)
                .unwrap()
                .contains("FnPtr")
        );
        assert!(class("fn(u32)", Place::Param)
            .unwrap_err()
            .contains("C ABI"));
        assert!(class("(u32, u32)", Place::Param)
            .unwrap_err()
            .contains("tuple"));
        assert!(class("[u8; 4]", Place::Param)
            .unwrap_err()
            .contains("array"));
        assert!(class("[u8; 4]", Place::Field).unwrap().contains("Array"));
        assert!(class("&str", Place::Param).unwrap_err().contains("str"));
        assert!(class("()", Place::Return).unwrap().contains("Void"));
        assert!(class("Option<u32>", Place::Param)
            .unwrap_err()
            .contains("Option"));
        assert!(class("*mut Foo<u8>", Place::Param)
            .unwrap_err()
            .contains("generic"));
    }
}
