//! Interface stubs: the BTF-only description of a kfunc or of a
//! module-defined struct, written by the macros as constant bytes into the
//! `.comment.kfunc.interface` section and read by `kfunc-btf`.
//!
//! The byte format (version 3) is specified in
//! `docs/interface-stubs.md`. [`encode_func`] / [`encode_struct`] produce it
//! in const context (and [`write_func`] / [`write_struct`] at run time);
//! they are the reference for the records the macros write as literals
//! themselves (completed by [`splice`]). The `decode` module (cargo feature
//! `decode`) reads both.

mod encode;
pub use encode::{
    encode_func, encode_struct, func_len, splice, struct_len, write_func, write_struct,
};

#[cfg(feature = "decode")]
pub mod decode;

/// Record magic.
pub const MAGIC: [u8; 4] = *b"KFNC";
/// Encoding version this crate writes (it reads every version from
/// [`MIN_VERSION`] to this one). Version 2 added the `char` type tag;
/// version 3 changed no byte but what the records mean: struct records
/// become objects the verifier only accepts by BTF id (the object marker
/// of [`crate::verifier`]), and the stubs are checked against the verifier
/// model, so records written by older macros are refused.
pub const VERSION: u8 = 3;
/// Oldest encoding version this crate reads.
pub const MIN_VERSION: u8 = 3;
/// Record kind: kfunc.
pub const KIND_FUNC: u8 = 1;
/// Record kind: struct definition (an object: `kfunc-btf` appends the
/// object marker of [`crate::verifier`]).
pub const KIND_STRUCT: u8 = 2;
/// Record kind: data struct definition (`#[btf(data)]`, version 3+): the
/// same bytes as [`KIND_STRUCT`], written without the object marker, so the
/// verifier accepts plain memory of its size for it ([`crate::Copied`]).
pub const KIND_DATA_STRUCT: u8 = 3;
/// Length of the record header (magic, version, kind, reserved, len).
pub const HEADER_LEN: usize = 12;

/// Type tags of a `TypeRef`.
pub mod tag {
    /// `void`.
    pub const VOID: u8 = 0;
    /// Integer: `size: u8`, `signed: u8`.
    pub const INT: u8 = 1;
    /// `bool`.
    pub const BOOL: u8 = 2;
    /// Pointer: `mutable: u8`, pointee.
    pub const PTR: u8 = 3;
    /// Struct by name: `name: str`.
    pub const STRUCT: u8 = 4;
    /// Function pointer: return, `count: u8`, params.
    pub const FN_PTR: u8 = 5;
    /// Array: `len: u32`, element.
    pub const ARRAY: u8 = 6;
    /// C `char` (version 2+): `signed: u8`, its signedness on the target.
    pub const CHAR: u8 = 7;
}

/// A type as the interface stub describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// `()` as a return type, `c_void` as a pointee.
    Void,
    /// A fixed-size integer.
    Int {
        /// Size in bytes: 1, 2, 4 or 8.
        size: u8,
        /// Signed?
        signed: bool,
    },
    /// `bool`.
    Bool,
    /// C `char` (`core::ffi::c_char`): one byte, signed or not as the
    /// target's `char` is.
    Char {
        /// Signed on the target?
        signed: bool,
    },
    /// A raw pointer or reference.
    Ptr {
        /// What it points to.
        pointee: &'static Type,
        /// `*mut` / `&mut` (true) or `*const` / `&` (false).
        mutable: bool,
    },
    /// A struct, by its C/BTF name (module struct records first, then vmlinux BTF).
    Struct {
        /// The struct's name, e.g. `"task_struct"`.
        name: &'static str,
    },
    /// A function pointer (BPF callback).
    FnPtr {
        /// Return type.
        ret: &'static Type,
        /// Parameter types.
        params: &'static [Type],
    },
    /// A fixed-size array (struct fields only).
    Array {
        /// Element type.
        elem: &'static Type,
        /// Number of elements.
        len: u32,
    },
}

impl Type {
    /// The C `char` of a one-byte integer type (`<c_char as Scalar>::TYPE`):
    /// how `#[kfunc]` describes `c_char`, keeping its target signedness.
    pub const fn char_of(t: Type) -> Type {
        match t {
            Type::Int { size: 1, signed } => Type::Char { signed },
            _ => panic!("interface stub: `c_char` is not a one-byte integer"),
        }
    }
}

/// One kfunc parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The Rust parameter name.
    pub name: &'static str,
    /// BTF name suffix such as `"__sz"`, or `""`.
    pub suffix: &'static str,
    /// Supplied by the verifier (not part of the interface prototype).
    pub implicit: bool,
    /// The parameter's type.
    pub ty: Type,
}

/// A kfunc's interface stub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Func {
    /// Symbol and BTF name.
    pub name: &'static str,
    /// `KF_*` bits of its flag-table entry.
    pub flags: u32,
    /// Bit n = `enum bpf_prog_type` n may call it; 0 = no limit.
    pub prog_types: u64,
    /// Return type.
    pub ret: Type,
    /// All parameters (the implementation prototype).
    pub params: &'static [Param],
}

/// One field of a module-defined struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Field name.
    pub name: &'static str,
    /// Offset in bytes.
    pub offset: u32,
    /// Field type.
    pub ty: Type,
}

/// A module-defined `#[repr(C)]` struct, as `#[derive(BtfType)]` describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StructDef {
    /// BTF name.
    pub name: &'static str,
    /// `size_of`.
    pub size: u32,
    /// `align_of`.
    pub align: u32,
    /// Fields in declaration order.
    pub fields: &'static [Field],
    /// A data struct (`#[btf(data)]`, record kind [`KIND_DATA_STRUCT`]):
    /// integers only, passed by copy; else an object.
    pub data: bool,
}

#[cfg(test)]
mod tests;
