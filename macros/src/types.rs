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
    /// A parameter or return type of a function pointer in a struct field.
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
    /// Whether the message should go on to list what is allowed (not for
    /// refusals whose message already names the alternative).
    pub(crate) list_allowed: bool,
}

fn refuse(at: impl ToTokens, problem: impl Into<String>) -> TypeError {
    TypeError {
        at: at.into_token_stream(),
        problem: problem.into(),
        list_allowed: true,
    }
}

/// A type the boundary's soundness rules refuse; the message says why and
/// what to write instead.
fn unsound(at: impl ToTokens, problem: impl Into<String>) -> TypeError {
    TypeError {
        list_allowed: false,
        ..refuse(at, problem)
    }
}

impl TypeError {
    /// The message: the problem, then what is allowed at `place` where that
    /// helps.
    pub(crate) fn message(&self, place: Place) -> String {
        if self.list_allowed {
            format!("{}; {}", self.problem, allowed(place))
        } else {
            self.problem.clone()
        }
    }
}

/// What may be written at each place, appended to every type error.
pub(crate) fn allowed(place: Place) -> &'static str {
    match place {
        Place::Param => {
            "allowed: integers (u8..u64, i8..i64, usize, isize, core::ffi::c_*), bool, \
             raw pointers, &T and Option<&T> (T a #[derive(BtfType)] struct), \
             Arc<T> / KBox<T> (release kfuncs), Copied<T>, RacyBytes"
        }
        Place::Callback => {
            "allowed: integers (u8..u64, i8..i64, usize, isize, core::ffi::c_*), bool, \
             raw pointers, &T, &mut T, Option<&T>, Option<&mut T>"
        }
        Place::Return => {
            "allowed: (), integers (u8..u64, i8..i64, usize, isize, core::ffi::c_*), bool, \
             raw pointers, &'static T, Option<&'static T>, Arc<T> / KBox<T> and their \
             Option (acquire kfuncs)"
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

/// Whether every bit pattern of the type's size is a valid value, as far as
/// its tokens tell: `Some(true)` for integers, atomic integers, raw pointers
/// and arrays or cells of those; `Some(false)` for `bool`, `AtomicBool`,
/// references, `Option`s and function pointers (and what holds them);
/// `None` for a named type the compiler must judge (a struct, an alias).
pub(crate) fn any_bits(ty: &syn::Type) -> Option<bool> {
    match strip(ty) {
        syn::Type::Ptr(_) => Some(true),
        syn::Type::Reference(_) | syn::Type::BareFn(_) => Some(false),
        syn::Type::Array(a) => any_bits(&a.elem),
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            match &last.arguments {
                syn::PathArguments::None => {
                    if FIXED_INTS.iter().any(|(n, ..)| *n == name)
                        || TARGET_INTS.contains(&name.as_str())
                        || ATOMIC_INTS.iter().any(|(n, ..)| *n == name)
                        || name == "AtomicUsize"
                        || name == "AtomicIsize"
                    {
                        Some(true)
                    } else if name == "bool" || name == "AtomicBool" {
                        Some(false)
                    } else {
                        None
                    }
                }
                syn::PathArguments::AngleBracketed(a) => {
                    if name == "AtomicPtr" {
                        return Some(true);
                    }
                    if name == "Option" {
                        return Some(false);
                    }
                    match (CELLS.contains(&name.as_str()), a.args.first()) {
                        (true, Some(syn::GenericArgument::Type(inner))) => any_bits(inner),
                        _ => None,
                    }
                }
                syn::PathArguments::Parenthesized(_) => None,
            }
        }
        _ => None,
    }
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

/// Why a kfunc cannot take `&mut T`.
const MUT_REF_PARAM: &str = "a kfunc cannot take `&mut T`: a BPF program may pass the same object in two arguments and programs on other CPUs may hold it too, so nothing guarantees the exclusive access `&mut` promises; take `&T` of a #[derive(BtfType)] struct whose mutable fields are atomics (or `UnsafeCell`), or a raw `*mut T` in an `unsafe fn`";

/// Why a reference parameter cannot be `'static`.
pub(crate) const STATIC_REF_PARAM: &str = "a reference parameter cannot be `'static`: the verifier guarantees the object only for the duration of the call (the program may release it, or the kernel free it, as soon as the kfunc returns), so safe code must not be able to keep it; remove `'static` (an elided or generic lifetime is right)";

/// Refuses `&'static T` as a parameter.
pub(crate) fn static_ref_param(r: &syn::TypeReference) -> Result<(), TypeError> {
    match &r.lifetime {
        Some(l) if l.ident == "static" => Err(unsound(l, STATIC_REF_PARAM)),
        _ => Ok(()),
    }
}

/// Refuses `bool` behind a pointer in a kfunc signature: BPF programs read
/// and write such memory as plain bytes.
fn no_bool_behind_pointer(elem: &syn::Type, pointee: &Ty, place: Place) -> Result<(), TypeError> {
    let signature = matches!(place, Place::Param | Place::Return);
    if signature && matches!(pointee, Ty::Bool) {
        return Err(unsound(elem, "a `bool` behind a pointer is memory a BPF program can read and write as a byte, so it may hold a value other than 0 or 1, which is undefined behaviour for `bool`; point to a `u8` and compare it with 0"));
    }
    Ok(())
}

/// Classifies `ty` at `place`.
pub(crate) fn classify(ty: &syn::Type, place: Place) -> Result<Classified, TypeError> {
    let ty = strip(ty);
    match ty {
        syn::Type::Path(tp) => classify_path(ty, tp, place),
        syn::Type::Ptr(p) => {
            let pointee = classify(&p.elem, Place::Pointee)?;
            no_bool_behind_pointer(&p.elem, &pointee.ty, place)?;
            Ok(Classified::plain(Ty::Ptr {
                pointee: Box::new(pointee.ty),
                mutable: p.mutability.is_some(),
            }))
        }
        syn::Type::Reference(r) => {
            if place == Place::Param && r.mutability.is_some() {
                return Err(unsound(ty, MUT_REF_PARAM));
            }
            if place == Place::Param {
                static_ref_param(r)?;
            }
            let pointee = classify(&r.elem, Place::Pointee)?;
            no_bool_behind_pointer(&r.elem, &pointee.ty, place)?;
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
    if name == "Copied" {
        return classify_copied(ty, last, place);
    }
    if name == "RacyBytes" {
        return if place == Place::Param {
            Ok(Classified::plain(Ty::Ptr {
                pointee: Box::new(Ty::Int {
                    size: 1,
                    signed: false,
                }),
                mutable: false,
            }))
        } else {
            Err(refuse(ty, "`RacyBytes` is a kfunc parameter only: the view the generated entry makes of a buffer a program passes with its size"))
        };
    }
    if OWNERS.contains(&name.as_str()) && !no_args {
        return classify_owner(ty, &name, place);
    }
    if matches!(place, Place::Field | Place::Pointee) {
        if let Some(c) = classify_cell(ty, last, &name, place)? {
            return Ok(c);
        }
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

/// Atomic integers, as their integer.
const ATOMIC_INTS: &[(&str, u8, bool)] = &[
    ("AtomicU8", 1, false),
    ("AtomicU16", 2, false),
    ("AtomicU32", 4, false),
    ("AtomicU64", 8, false),
    ("AtomicI8", 1, true),
    ("AtomicI16", 2, true),
    ("AtomicI32", 4, true),
    ("AtomicI64", 8, true),
];

/// Wrappers with the layout of their one type argument: cells (all
/// `repr(transparent)`) and the kernel crate's `Opaque<T>`.
const CELLS: &[&str] = &["UnsafeCell", "Cell", "SyncUnsafeCell", "Opaque"];

/// Interior-mutable field types described as the C type they hold: an
/// `AtomicU32` is a `u32` to BTF, an `UnsafeCell<T>` or `Opaque<T>` is `T`.
/// `Ok(None)`: not such a type.
fn classify_cell(
    ty: &syn::Type,
    last: &syn::PathSegment,
    name: &str,
    place: Place,
) -> Result<Option<Classified>, TypeError> {
    let no_args = matches!(last.arguments, syn::PathArguments::None);
    if no_args {
        if let Some((_, size, signed)) = ATOMIC_INTS.iter().find(|(n, ..)| *n == name) {
            return Ok(Some(Classified::plain(Ty::Int {
                size: *size,
                signed: *signed,
            })));
        }
        let int = match name {
            "AtomicUsize" => Some(quote!(::core::primitive::usize)),
            "AtomicIsize" => Some(quote!(::core::primitive::isize)),
            "AtomicBool" => return Ok(Some(Classified::plain(Ty::Bool))),
            _ => None,
        };
        if let Some(int) = int {
            let int: syn::Type = syn::parse2(int).expect("a primitive type");
            return Ok(Some(Classified::plain(Ty::Scalar(int))));
        }
        return Ok(None);
    }
    let is_ptr = name == "AtomicPtr";
    if !is_ptr && !CELLS.contains(&name) {
        return Ok(None);
    }
    let inner = match &last.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            syn::GenericArgument::Type(t) => t,
            _ => return Err(refuse(ty, format!("malformed `{name}`"))),
        },
        _ => return Err(refuse(ty, format!("malformed `{name}`"))),
    };
    if is_ptr {
        let pointee = classify(inner, Place::Pointee)?;
        return Ok(Some(Classified::plain(Ty::Ptr {
            pointee: Box::new(pointee.ty),
            mutable: true,
        })));
    }
    classify(inner, place).map(Some)
}

/// Whether `ty` is `RacyBytes` / `RacyBytes<'_>` (`kfunc::RacyBytes`).
pub(crate) fn is_racy_bytes(ty: &syn::Type) -> bool {
    match strip(ty) {
        syn::Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|l| l.ident == "RacyBytes"),
        _ => false,
    }
}

/// `T` of `<wrapper><T>` (`Option<T>`, `Copied<T>`), as written: the one
/// type argument of a path whose last segment is `wrapper`.
pub(crate) fn type_arg_of<'a>(ty: &'a syn::Type, wrapper: &str) -> Option<&'a syn::Type> {
    let syn::Type::Path(p) = strip(ty) else {
        return None;
    };
    let last = p.path.segments.last()?;
    if p.qself.is_some() || last.ident != wrapper {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// The owners a kfunc signature may name by value (`kfunc::owner`): the
/// kernel crate's `Arc<T>` and `KBox<T>`, by their last path segment (the
/// expansion checks with `OwnedBy` that the type is the owner the struct
/// declares, so another type of the same name is refused there).
pub(crate) const OWNERS: &[&str] = &["Arc", "KBox"];

/// `T` of an owner `Arc<T>` / `KBox<T>`, as written.
pub(crate) fn owner_target(ty: &syn::Type) -> Option<&syn::Type> {
    OWNERS.iter().find_map(|o| type_arg_of(ty, o))
}

/// `Arc<T>` / `KBox<T>`: the pointer to `T` a BPF program holds, returned
/// by an acquire kfunc or taken back by a release kfunc (`validate` checks
/// which).
fn classify_owner(ty: &syn::Type, name: &str, place: Place) -> Result<Classified, TypeError> {
    if !matches!(place, Place::Param | Place::Return) {
        return Err(unsound(ty, format!("`{name}<T>` crosses the kfunc boundary by value only: an acquire kfunc returns it, a release kfunc takes it back")));
    }
    let target = owner_target(ty).ok_or_else(|| {
        refuse(
            ty,
            format!("write `{name}<T>` with one type, a #[derive(BtfType)] struct"),
        )
    })?;
    match strip(target) {
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().expect("paths have a segment");
            if !matches!(last.arguments, syn::PathArguments::None) {
                return Err(refuse(target, "an owned struct has no generic arguments"));
            }
            let n = last.ident.to_string();
            Ok(Classified::plain(Ty::Ptr {
                pointee: Box::new(Ty::Struct(n.strip_prefix("r#").unwrap_or(&n).to_owned())),
                mutable: true,
            }))
        }
        _ => Err(refuse(
            target,
            format!("`{name}<T>` owns a #[derive(BtfType)] struct"),
        )),
    }
}

/// The kernel crate's wrappers of kernel objects a kfunc may borrow as
/// `&T`: `(name, the wrapper's path, the C struct it wraps)`. Each is a
/// `#[repr(transparent)]` struct around `Opaque<bindings::<struct>>`, so a
/// trusted `struct <struct> *` from the verifier is a valid `&T` for the
/// call. Matched by the last path segment; the expansion checks that the
/// type is the kernel crate's (`kernel_object_check`).
pub(crate) const KERNEL_OBJECTS: &[(&str, &str, &str)] = &[
    ("Task", "::kernel::task::Task", "task_struct"),
    ("Credential", "::kernel::cred::Credential", "cred"),
    ("Cpumask", "::kernel::cpumask::Cpumask", "cpumask"),
];

/// The [`KERNEL_OBJECTS`] entry of `T` (a path without arguments).
pub(crate) fn kernel_object(
    t: &syn::Type,
) -> Option<&'static (&'static str, &'static str, &'static str)> {
    match strip(t) {
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            if !matches!(last.arguments, syn::PathArguments::None) {
                return None;
            }
            KERNEL_OBJECTS.iter().find(|(n, ..)| last.ident == n)
        }
        _ => None,
    }
}

/// `T` of `Copied<T>` (`kfunc::Copied`), as written.
pub(crate) fn copied_target(ty: &syn::Type) -> Option<&syn::Type> {
    type_arg_of(ty, "Copied")
}

/// `Copied<T>`: a parameter the entry copies from the `const T *` the
/// program passes (`T` a data struct, checked with `PlainData`).
fn classify_copied(
    ty: &syn::Type,
    seg: &syn::PathSegment,
    place: Place,
) -> Result<Classified, TypeError> {
    if place != Place::Param {
        return Err(refuse(
            ty,
            "`Copied<T>` is a kfunc parameter only: the copy the generated entry makes of the data a program passes by pointer",
        ));
    }
    let Some(inner) = copied_target(ty) else {
        return Err(refuse(
            &seg.arguments,
            "write `Copied<T>` with one type, a #[derive(BtfType)] #[btf(data)] struct",
        ));
    };
    match strip(inner) {
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().expect("paths have a segment");
            if !matches!(last.arguments, syn::PathArguments::None) {
                return Err(refuse(inner, "a data struct has no generic arguments"));
            }
            let name = last.ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
            Ok(Classified::plain(Ty::Ptr {
                pointee: Box::new(Ty::Struct(name)),
                mutable: false,
            }))
        }
        _ => Err(refuse(
            inner,
            "`Copied<T>` takes a #[derive(BtfType)] #[btf(data)] struct",
        )),
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
        syn::Type::Reference(r) => {
            if place == Place::Param && r.mutability.is_some() {
                return Err(unsound(ty, MUT_REF_PARAM));
            }
            let c = classify(inner, place)?;
            Ok(Classified {
                ty: c.ty,
                nullable: Some(seg.ident.span()),
            })
        }
        syn::Type::BareFn(f) => classify_fn(inner, f, place),
        _ if owner_target(inner).is_some() => {
            if place != Place::Return {
                return Err(unsound(ty, "a release kfunc takes the owner itself (`Arc<T>`), never `None`: the verifier passes it only a referenced, non-NULL object"));
            }
            let c = classify(inner, place)?;
            Ok(Classified {
                ty: c.ty,
                nullable: Some(seg.ident.span()),
            })
        }
        _ => Err(refuse(
            ty,
            "`Option` is only FFI-safe around a reference or a function pointer: use Option<&T>, Option<&mut T> or Option<unsafe extern \"C\" fn(..)>",
        )),
    }
}

fn classify_fn(ty: &syn::Type, f: &syn::TypeBareFn, place: Place) -> Result<Classified, TypeError> {
    if matches!(place, Place::Param | Place::Return) {
        return Err(unsound(
            ty,
            "a kfunc cannot take or return a function pointer: for a module kfunc the verifier neither checks that a program passes a valid callback (only a fixed list of the kernel's own kfuncs gets its callbacks verified) nor how it is called, and under kCFI a BPF callback's type hash does not match a Rust function pointer type; take a map, an iterator or an integer id instead",
        ));
    }
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
    fn any_bits_by_tokens() {
        let judge = |src: &str| any_bits(&syn::parse_str(src).unwrap());
        for yes in [
            "u32",
            "core::ffi::c_int",
            "AtomicU64",
            "core::sync::atomic::AtomicIsize",
            "*mut Foo",
            "[u8; 16]",
            "UnsafeCell<u32>",
            "Opaque<[AtomicU32; 2]>",
            "AtomicPtr<Foo>",
        ] {
            assert_eq!(judge(yes), Some(true), "{yes}");
        }
        for no in [
            "bool",
            "AtomicBool",
            "&Foo",
            "Option<&Foo>",
            "Option<unsafe extern \"C\" fn()>",
            "[bool; 2]",
            "Cell<bool>",
        ] {
            assert_eq!(judge(no), Some(false), "{no}");
        }
        for unknown in ["Foo", "bindings::list_head", "MyAlias", "Opaque<Foo>"] {
            assert_eq!(judge(unknown), None, "{unknown}");
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
        assert!(class("Option<&Foo>", Place::Param).is_ok());
        assert!(class("Option<&mut Foo>", Place::Param)
            .unwrap_err()
            .contains("`&mut T`"));
        assert!(class("&mut Foo", Place::Param)
            .unwrap_err()
            .contains("`&mut T`"));
        assert!(class("&mut Foo", Place::Return).is_ok());
        assert!(class("&'static Foo", Place::Param)
            .unwrap_err()
            .contains("cannot be `'static`"));
        assert!(class("Option<&'static Foo>", Place::Param)
            .unwrap_err()
            .contains("cannot be `'static`"));
        assert!(class("&'a Foo", Place::Param).is_ok());
        assert!(class("Option<&'static Foo>", Place::Return).is_ok());
        assert!(
            class("Option<unsafe extern \"C\" fn(u32) -> i32>", Place::Param)
                .unwrap_err()
                .contains("function pointer")
        );
        assert!(
            class("Option<unsafe extern \"C\" fn(u32) -> i32>", Place::Field)
                .unwrap()
                .contains("FnPtr")
        );
        assert!(class("fn(u32)", Place::Field)
            .unwrap_err()
            .contains("C ABI"));
        assert!(class("*mut bool", Place::Param)
            .unwrap_err()
            .contains("`bool` behind a pointer"));
        assert!(class("&bool", Place::Return)
            .unwrap_err()
            .contains("`bool` behind a pointer"));
        assert!(class("*mut bool", Place::Field).is_ok());
        // Interior mutability is described as the C type it holds.
        assert!(class("core::sync::atomic::AtomicU32", Place::Field)
            .unwrap()
            .contains("Int { size : 4u8 , signed : false }"));
        assert!(class("AtomicI64", Place::Field)
            .unwrap()
            .contains("Int { size : 8u8 , signed : true }"));
        assert!(class("AtomicUsize", Place::Field)
            .unwrap()
            .contains("usize as :: kfunc :: __private :: Scalar"));
        assert!(class("AtomicBool", Place::Field).unwrap().contains("Bool"));
        assert!(class("AtomicPtr<Foo>", Place::Field)
            .unwrap()
            .contains("\"Foo\""));
        assert!(class("UnsafeCell<u16>", Place::Field)
            .unwrap()
            .contains("Int { size : 2u8"));
        assert!(class("Opaque<bindings::list_head>", Place::Field)
            .unwrap()
            .contains("\"list_head\""));
        assert!(class("Cell<[u8; 4]>", Place::Field)
            .unwrap()
            .contains("Array"));
        assert!(class("*mut AtomicU64", Place::Param)
            .unwrap()
            .contains("Int { size : 8u8"));
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
