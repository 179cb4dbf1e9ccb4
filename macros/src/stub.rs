//! Interface-stub records written by the macros themselves
//! (`docs/interface-stubs.md`).
//!
//! Where the tokens fix every byte (integers, `bool`, `void`, pointers,
//! structs by name, the implicit `&ProgAux`), the record is a byte-string
//! literal: the compiler has nothing to evaluate. What only the compiler
//! knows is spliced in as 4-byte words ([`Record::word`]: the flags of a
//! kfunc that takes references, a derived struct's size, alignment and field
//! offsets, an array length written as an expression), with one call of the
//! runtime's `splice`. A type only the compiler can describe (`usize`,
//! `core::ffi::c_*`, an alias: [`Ty::Scalar`]) has no length the macro
//! knows; such a record is left to the runtime's const encoder
//! ([`Record::new`] returns `None`).
//!
//! The runtime's encoder (`runtime/src/interface/encode.rs`) is the
//! reference: `tests/tests/registry.rs` checks that both write the same
//! bytes.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;

use crate::types::Ty;

/// Record magic.
const MAGIC: &[u8; 4] = b"KFNC";
/// The encoding version written.
const VERSION: u8 = 3;
/// Record kind: kfunc.
pub(crate) const KIND_FUNC: u8 = 1;
/// Record kind: struct definition.
pub(crate) const KIND_STRUCT: u8 = 2;
/// Record kind: data struct definition (`#[btf(data)]`).
pub(crate) const KIND_DATA_STRUCT: u8 = 3;

/// Type tags (`docs/interface-stubs.md`, "Types").
mod tag {
    pub(super) const VOID: u8 = 0;
    pub(super) const INT: u8 = 1;
    pub(super) const BOOL: u8 = 2;
    pub(super) const PTR: u8 = 3;
    pub(super) const STRUCT: u8 = 4;
    pub(super) const FN_PTR: u8 = 5;
    pub(super) const ARRAY: u8 = 6;
}

/// Whether the tokens fix every byte of `ty`'s encoding (its length in
/// particular): everything but [`Ty::Scalar`].
pub(crate) fn is_literal(ty: &Ty) -> bool {
    match ty {
        Ty::Void | Ty::Int { .. } | Ty::Bool | Ty::Struct(_) => true,
        Ty::Scalar(_) => false,
        Ty::Ptr { pointee, .. } => is_literal(pointee),
        Ty::FnPtr { ret, params } => is_literal(ret) && params.iter().all(is_literal),
        Ty::Array { elem, .. } => is_literal(elem),
    }
}

/// A record under construction: literal bytes, and the positions of the
/// 4-byte words the compiler fills.
pub(crate) struct Record {
    bytes: Vec<u8>,
    /// `(offset, [u8; 4] expression)`.
    words: Vec<(usize, TokenStream)>,
    /// Set when a length limit of the format is exceeded (a name longer
    /// than 65535 bytes, ...): the runtime encoder then reports it.
    too_long: bool,
}

impl Record {
    /// A record of `kind`; the header's length is patched by
    /// [`Record::into_static`].
    pub(crate) fn new(kind: u8) -> Self {
        let mut bytes = Vec::with_capacity(96);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&[VERSION, kind, 0, 0, 0, 0, 0, 0]);
        Record {
            bytes,
            words: Vec::new(),
            too_long: false,
        }
    }

    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub(crate) fn u16(&mut self, v: u16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A count that must fit a `u8` (parameters).
    pub(crate) fn count_u8(&mut self, n: usize) {
        self.too_long |= n > usize::from(u8::MAX);
        self.u8(n as u8);
    }

    /// A count that must fit a `u16` (fields).
    pub(crate) fn count_u16(&mut self, n: usize) {
        self.too_long |= n > usize::from(u16::MAX);
        self.u16(n as u16);
    }

    /// `str`: `u16` length, UTF-8 bytes.
    pub(crate) fn str(&mut self, s: &str) {
        self.count_u16(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// A `u32` only the compiler knows: `expr` is a constant expression of
    /// an integer type, converted `as u32` and written little endian.
    pub(crate) fn word(&mut self, expr: TokenStream) {
        self.words.push((
            self.bytes.len(),
            quote!(((#expr) as ::core::primitive::u32).to_le_bytes()),
        ));
        self.bytes.extend_from_slice(&[0; 4]);
    }

    /// A `TypeRef`. `ty` must be [`is_literal`].
    pub(crate) fn ty(&mut self, ty: &Ty) {
        match ty {
            Ty::Void => self.u8(tag::VOID),
            Ty::Int { size, signed } => {
                self.u8(tag::INT);
                self.u8(*size);
                self.u8(u8::from(*signed));
            }
            Ty::Bool => self.u8(tag::BOOL),
            Ty::Ptr { pointee, mutable } => {
                self.u8(tag::PTR);
                self.u8(u8::from(*mutable));
                self.ty(pointee);
            }
            Ty::Struct(name) => {
                self.u8(tag::STRUCT);
                self.str(name);
            }
            Ty::FnPtr { ret, params } => {
                self.u8(tag::FN_PTR);
                self.ty(ret);
                self.count_u8(params.len());
                for p in params {
                    self.ty(p);
                }
            }
            Ty::Array { elem, len } => {
                self.u8(tag::ARRAY);
                match literal_u32(len) {
                    Some(n) => self.u32(n),
                    None => self.word(quote!(#len)),
                }
                self.ty(elem);
            }
            Ty::Scalar(_) => {
                unreachable!("stub::Record::ty: a Scalar type has no literal encoding")
            }
        }
    }

    /// `#[used] #[link_section] static STUB: [u8; N] = ...;`, or `None` when
    /// the record breaks a length limit of the format (the caller then uses
    /// the runtime encoder, whose const panic names the limit).
    pub(crate) fn into_static(mut self) -> Option<TokenStream> {
        let len = self.bytes.len();
        if self.too_long || len > u32::MAX as usize {
            return None;
        }
        self.bytes[8..12].copy_from_slice(&(len as u32).to_le_bytes());
        let mut lit = Literal::byte_string(&self.bytes);
        lit.set_span(Span::call_site());
        let len = Literal::usize_unsuffixed(len);
        let value = if self.words.is_empty() {
            quote!(*#lit)
        } else {
            let at = self
                .words
                .iter()
                .map(|(at, _)| Literal::usize_unsuffixed(*at));
            let words = self.words.iter().map(|(_, w)| w);
            quote!(::kfunc::__private::splice(*#lit, [#(#at),*], [#(#words),*]))
        };
        Some(quote! {
            #[used]
            #[unsafe(link_section = ".comment.kfunc.interface")]
            static STUB: [::core::primitive::u8; #len] = #value;
        })
    }
}

/// The value of an integer literal array length (`16`, `16usize`).
fn literal_u32(len: &syn::Expr) -> Option<u32> {
    match len {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_types() {
        let mut r = Record::new(KIND_FUNC);
        r.ty(&Ty::Ptr {
            pointee: Box::new(Ty::Struct("task_struct".into())),
            mutable: true,
        });
        r.ty(&Ty::Int {
            size: 4,
            signed: true,
        });
        let out = r.into_static().unwrap().to_string();
        // 12 header + ptr(2) + struct(1 + 2 + 11) + int(3) = 31 bytes.
        assert!(out.contains("[:: core :: primitive :: u8 ; 31]"), "{out}");
        assert!(
            out.contains(
                r#"b"KFNC\x03\x01\0\0\x1F\0\0\0\x03\x01\x04\x0B\0task_struct\x01\x04\x01""#
            ),
            "{out}"
        );
    }

    #[test]
    fn words_are_spliced_at_their_offsets() {
        let mut r = Record::new(KIND_STRUCT);
        r.word(quote!(N));
        let out = r.into_static().unwrap().to_string();
        assert!(out.contains("splice"), "{out}");
        assert!(out.contains("[12]"), "{out}");
    }

    #[test]
    fn limits_fall_back_to_the_runtime_encoder() {
        let mut r = Record::new(KIND_FUNC);
        r.str(&"x".repeat(70_000));
        assert!(r.into_static().is_none());
        assert!(!is_literal(&Ty::Ptr {
            pointee: Box::new(Ty::Scalar(syn::parse_quote!(usize))),
            mutable: false
        }));
    }
}
