//! Decoder for interface-stub records (cargo feature `decode`), used by the
//! host tool `kfunc-btf` and by tests. Returns owned data and precise errors
//! that carry the byte offset where decoding failed.

use super::{
    tag, Field, Func, Param, StructDef, Type, HEADER_LEN, KIND_DATA_STRUCT, KIND_FUNC, KIND_STRUCT,
    MAGIC, MIN_VERSION, VERSION,
};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Nesting limit for types (pointers to pointers to ...), so hostile input
/// cannot exhaust the stack.
pub const MAX_TYPE_DEPTH: usize = 64;

/// An owned [`Type`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DecodedType {
    /// `void`.
    Void,
    /// Integer.
    Int {
        /// 1, 2, 4 or 8.
        size: u8,
        /// Signed?
        signed: bool,
    },
    /// `bool`.
    Bool,
    /// C `char` (version 2+).
    Char {
        /// Signed on the target?
        signed: bool,
    },
    /// Pointer.
    Ptr {
        /// Pointee.
        pointee: Box<DecodedType>,
        /// Mutable?
        mutable: bool,
    },
    /// Struct by name.
    Struct {
        /// Name.
        name: String,
    },
    /// Function pointer.
    FnPtr {
        /// Return type.
        ret: Box<DecodedType>,
        /// Parameter types.
        params: Vec<DecodedType>,
    },
    /// Array (struct fields only).
    Array {
        /// Element type.
        elem: Box<DecodedType>,
        /// Element count.
        len: u32,
    },
}

/// An owned [`Param`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DecodedParam {
    /// Rust parameter name.
    pub name: String,
    /// BTF name suffix (`"__sz"`...) or empty.
    pub suffix: String,
    /// Supplied by the verifier?
    pub implicit: bool,
    /// Type.
    pub ty: DecodedType,
}

impl DecodedParam {
    /// The BTF parameter name: `name` followed by `suffix`.
    pub fn btf_name(&self) -> String {
        let mut s = self.name.clone();
        s.push_str(&self.suffix);
        s
    }
}

/// An owned [`Func`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DecodedFunc {
    /// Symbol and BTF name.
    pub name: String,
    /// `KF_*` flags.
    pub flags: u32,
    /// Program-type mask, 0 = no limit.
    pub prog_types: u64,
    /// Return type.
    pub ret: DecodedType,
    /// All parameters (implementation prototype).
    pub params: Vec<DecodedParam>,
}

impl DecodedFunc {
    /// The parameters of the **interface** prototype (implicit ones removed).
    pub fn interface_params(&self) -> impl Iterator<Item = &DecodedParam> {
        self.params.iter().filter(|p| !p.implicit)
    }

    /// Whether any parameter is implicit.
    pub fn has_implicit(&self) -> bool {
        self.params.iter().any(|p| p.implicit)
    }
}

/// An owned [`Field`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DecodedField {
    /// Name.
    pub name: String,
    /// Byte offset.
    pub offset: u32,
    /// Type.
    pub ty: DecodedType,
}

/// An owned [`StructDef`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DecodedStruct {
    /// Name.
    pub name: String,
    /// Size in bytes.
    pub size: u32,
    /// Alignment in bytes.
    pub align: u32,
    /// Fields.
    pub fields: Vec<DecodedField>,
    /// A data struct (kind 3): written without the object marker.
    pub data: bool,
}

/// One decoded record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// Kind 1.
    Func(DecodedFunc),
    /// Kind 2.
    Struct(DecodedStruct),
    /// A kind this decoder does not know; readers skip it with a warning.
    Unknown {
        /// The kind byte.
        kind: u8,
        /// The record's length.
        len: u32,
    },
}

/// A record and the offset of its header in the decoded bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Offset of the record header.
    pub offset: usize,
    /// The record.
    pub record: Record,
}

/// What went wrong, see [`DecodeError`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The record does not start with `KFNC`.
    BadMagic {
        /// The bytes found instead.
        found: [u8; 4],
    },
    /// A version this decoder does not support.
    UnsupportedVersion {
        /// The version byte.
        version: u8,
    },
    /// The reserved header field is not zero.
    ReservedNotZero {
        /// The value found.
        value: u16,
    },
    /// The input ends before `what` is complete.
    Truncated {
        /// What was being read.
        what: &'static str,
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
    },
    /// The header's `len` is smaller than the header itself.
    BadLength {
        /// The length found.
        len: u32,
    },
    /// The record's body ends before its `len`.
    TrailingBytes {
        /// Bytes left unread inside the record.
        unused: usize,
    },
    /// An unknown `TypeRef` tag.
    UnknownTypeTag {
        /// The tag.
        tag: u8,
    },
    /// An integer size other than 1, 2, 4, 8.
    BadIntSize {
        /// The size.
        size: u8,
    },
    /// A 0/1 byte with another value.
    BadBool {
        /// Which field.
        what: &'static str,
        /// The value.
        value: u8,
    },
    /// A string that is not UTF-8.
    BadUtf8 {
        /// Which string.
        what: &'static str,
    },
    /// An array type in a kfunc record (arrays are for struct fields only).
    ArrayOutsideStruct,
    /// Types nested deeper than [`MAX_TYPE_DEPTH`].
    TooDeep,
    /// A record of another kind than the one asked for.
    WrongKind {
        /// Kind asked for.
        expected: u8,
        /// Kind found.
        found: u8,
    },
}

/// A decoding error at a byte offset of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset (from the start of the decoded bytes) where the problem is.
    pub offset: usize,
    /// The problem.
    pub kind: DecodeErrorKind,
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadMagic { found } => write!(f, "bad magic {:02x?} (expected \"KFNC\")", found),
            Self::UnsupportedVersion { version } => write!(
                f,
                "interface stub version {version} is not supported by this kfunc-btf \
                 (it reads versions {MIN_VERSION} to {VERSION}; version 3 checks stubs against the \
                 verifier model and marks module structs as objects, so a module built by older \
                 kfunc macros must be rebuilt); rebuild with a matching kfunc crate"
            ),
            Self::ReservedNotZero { value } => {
                write!(f, "reserved header field is {value:#x}, expected 0")
            }
            Self::Truncated {
                what,
                needed,
                available,
            } => {
                write!(
                    f,
                    "truncated {what}: needs {needed} bytes, {available} left"
                )
            }
            Self::BadLength { len } => {
                write!(
                    f,
                    "record length {len} is shorter than the {HEADER_LEN}-byte header"
                )
            }
            Self::TrailingBytes { unused } => {
                write!(f, "{unused} unused bytes at the end of the record")
            }
            Self::UnknownTypeTag { tag } => write!(f, "unknown type tag {tag}"),
            Self::BadIntSize { size } => write!(f, "integer size {size} (expected 1, 2, 4 or 8)"),
            Self::BadBool { what, value } => write!(f, "{what} is {value} (expected 0 or 1)"),
            Self::BadUtf8 { what } => write!(f, "{what} is not UTF-8"),
            Self::ArrayOutsideStruct => write!(f, "array type outside a struct field"),
            Self::TooDeep => write!(f, "types nested deeper than {MAX_TYPE_DEPTH}"),
            Self::WrongKind { expected, found } => {
                write!(f, "record kind {found}, expected kind {expected}")
            }
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "interface stub at offset {:#x}: {}",
            self.offset, self.kind
        )
    }
}

impl core::error::Error for DecodeError {}

/// Reads one record's bytes; offsets are reported relative to `base`.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    base: usize,
    arrays_allowed: bool,
    /// The record's encoding version (type tags depend on it).
    version: u8,
}

impl<'a> Reader<'a> {
    fn err(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError {
            offset: self.base + self.pos,
            kind,
        }
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], DecodeError> {
        let available = self.bytes.len() - self.pos;
        if n > available {
            return Err(self.err(DecodeErrorKind::Truncated {
                what,
                needed: n,
                available,
            }));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, DecodeError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, DecodeError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, DecodeError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, DecodeError> {
        let b = self.take(8, what)?;
        let mut a = [0; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn bool(&mut self, what: &'static str) -> Result<bool, DecodeError> {
        let at = self.pos;
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            value => {
                self.pos = at;
                Err(self.err(DecodeErrorKind::BadBool { what, value }))
            }
        }
    }

    fn str(&mut self, what: &'static str) -> Result<String, DecodeError> {
        let len = self.u16(what)? as usize;
        let at = self.pos;
        let b = self.take(len, what)?;
        match core::str::from_utf8(b) {
            Ok(s) => Ok(String::from(s)),
            Err(_) => {
                self.pos = at;
                Err(self.err(DecodeErrorKind::BadUtf8 { what }))
            }
        }
    }

    fn ty(&mut self, depth: usize) -> Result<DecodedType, DecodeError> {
        if depth >= MAX_TYPE_DEPTH {
            return Err(self.err(DecodeErrorKind::TooDeep));
        }
        let at = self.pos;
        let t = self.u8("type tag")?;
        Ok(match t {
            tag::VOID => DecodedType::Void,
            tag::INT => {
                let size_at = self.pos;
                let size = self.u8("integer size")?;
                if !matches!(size, 1 | 2 | 4 | 8) {
                    self.pos = size_at;
                    return Err(self.err(DecodeErrorKind::BadIntSize { size }));
                }
                let signed = self.bool("integer signedness")?;
                DecodedType::Int { size, signed }
            }
            tag::BOOL => DecodedType::Bool,
            tag::CHAR if self.version >= 2 => DecodedType::Char {
                signed: self.bool("char signedness")?,
            },
            tag::PTR => {
                let mutable = self.bool("pointer mutability")?;
                let pointee = Box::new(self.ty(depth + 1)?);
                DecodedType::Ptr { pointee, mutable }
            }
            tag::STRUCT => DecodedType::Struct {
                name: self.str("struct name")?,
            },
            tag::FN_PTR => {
                let ret = Box::new(self.ty(depth + 1)?);
                let count = self.u8("function pointer parameter count")?;
                let mut params = Vec::with_capacity(count as usize);
                for _ in 0..count {
                    params.push(self.ty(depth + 1)?);
                }
                DecodedType::FnPtr { ret, params }
            }
            tag::ARRAY => {
                if !self.arrays_allowed {
                    self.pos = at;
                    return Err(self.err(DecodeErrorKind::ArrayOutsideStruct));
                }
                let len = self.u32("array length")?;
                let elem = Box::new(self.ty(depth + 1)?);
                DecodedType::Array { elem, len }
            }
            tag => {
                self.pos = at;
                return Err(self.err(DecodeErrorKind::UnknownTypeTag { tag }));
            }
        })
    }

    fn func(&mut self) -> Result<DecodedFunc, DecodeError> {
        let flags = self.u32("kfunc flags")?;
        let name = self.str("kfunc name")?;
        let prog_types = self.u64("kfunc prog_types")?;
        let ret = self.ty(0)?;
        let n = self.u8("parameter count")?;
        let mut params = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let name = self.str("parameter name")?;
            let suffix = self.str("parameter suffix")?;
            let implicit = self.bool("parameter implicit flag")?;
            let ty = self.ty(0)?;
            params.push(DecodedParam {
                name,
                suffix,
                implicit,
                ty,
            });
        }
        Ok(DecodedFunc {
            name,
            flags,
            prog_types,
            ret,
            params,
        })
    }

    fn structure(&mut self) -> Result<DecodedStruct, DecodeError> {
        let name = self.str("struct name")?;
        let size = self.u32("struct size")?;
        let align = self.u32("struct alignment")?;
        let n = self.u16("field count")?;
        let mut fields = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let name = self.str("field name")?;
            let offset = self.u32("field offset")?;
            let ty = self.ty(0)?;
            fields.push(DecodedField { name, offset, ty });
        }
        Ok(DecodedStruct {
            name,
            size,
            align,
            fields,
            data: false,
        })
    }
}

/// Decodes the record that starts at `bytes[0]`. Returns it and its length.
/// Offsets in errors are relative to `bytes`.
pub fn decode_record(bytes: &[u8]) -> Result<(Record, usize), DecodeError> {
    decode_record_at(bytes, 0)
}

fn decode_record_at(bytes: &[u8], base: usize) -> Result<(Record, usize), DecodeError> {
    let mut r = Reader {
        bytes,
        pos: 0,
        base,
        arrays_allowed: false,
        version: MIN_VERSION,
    };
    let magic = r.take(4, "record header")?;
    if magic != MAGIC {
        r.pos = 0;
        let mut found = [0; 4];
        found.copy_from_slice(magic);
        return Err(r.err(DecodeErrorKind::BadMagic { found }));
    }
    let version = r.u8("record header")?;
    if !(MIN_VERSION..=VERSION).contains(&version) {
        r.pos -= 1;
        return Err(r.err(DecodeErrorKind::UnsupportedVersion { version }));
    }
    let kind = r.u8("record header")?;
    let reserved = r.u16("record header")?;
    if reserved != 0 {
        r.pos -= 2;
        return Err(r.err(DecodeErrorKind::ReservedNotZero { value: reserved }));
    }
    let len = r.u32("record header")?;
    if (len as usize) < HEADER_LEN {
        r.pos -= 4;
        return Err(r.err(DecodeErrorKind::BadLength { len }));
    }
    let len_us = len as usize;
    if len_us > bytes.len() {
        return Err(DecodeError {
            offset: base,
            kind: DecodeErrorKind::Truncated {
                what: "record",
                needed: len_us,
                available: bytes.len(),
            },
        });
    }
    // From here on, reads are bounded by the record's own length.
    let mut body = Reader {
        bytes: &bytes[..len_us],
        pos: HEADER_LEN,
        base,
        arrays_allowed: false,
        version,
    };
    let record = match kind {
        KIND_FUNC => Record::Func(body.func()?),
        KIND_STRUCT | KIND_DATA_STRUCT => {
            body.arrays_allowed = true;
            let mut s = body.structure()?;
            s.data = kind == KIND_DATA_STRUCT;
            Record::Struct(s)
        }
        kind => return Ok((Record::Unknown { kind, len }, len_us)),
    };
    if body.pos != len_us {
        return Err(body.err(DecodeErrorKind::TrailingBytes {
            unused: len_us - body.pos,
        }));
    }
    Ok((record, len_us))
}

/// Decodes a whole `.comment.kfunc.interface` section: records in any order,
/// with any number of `0x00` padding bytes between them.
pub fn decode_section(bytes: &[u8]) -> Result<Vec<Located>, DecodeError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos] == 0 {
            pos += 1;
            continue;
        }
        let (record, len) = decode_record_at(&bytes[pos..], pos)?;
        out.push(Located {
            offset: pos,
            record,
        });
        pos += len;
    }
    Ok(out)
}

fn decode_one(bytes: &[u8], expected: u8) -> Result<Record, DecodeError> {
    let (record, len) = decode_record(bytes)?;
    let found = match &record {
        Record::Func(_) => KIND_FUNC,
        Record::Struct(s) if s.data => KIND_DATA_STRUCT,
        Record::Struct(_) => KIND_STRUCT,
        Record::Unknown { kind, .. } => *kind,
    };
    // either struct kind is a struct
    let found_class = if found == KIND_DATA_STRUCT {
        KIND_STRUCT
    } else {
        found
    };
    if found_class != expected {
        return Err(DecodeError {
            offset: 5,
            kind: DecodeErrorKind::WrongKind { expected, found },
        });
    }
    if len != bytes.len() {
        return Err(DecodeError {
            offset: len,
            kind: DecodeErrorKind::TrailingBytes {
                unused: bytes.len() - len,
            },
        });
    }
    Ok(record)
}

/// Decodes exactly one kfunc record spanning all of `bytes`.
pub fn decode_func(bytes: &[u8]) -> Result<DecodedFunc, DecodeError> {
    match decode_one(bytes, KIND_FUNC)? {
        Record::Func(f) => Ok(f),
        _ => unreachable!("decode_one checked the kind"),
    }
}

/// Decodes exactly one struct record spanning all of `bytes`.
pub fn decode_struct(bytes: &[u8]) -> Result<DecodedStruct, DecodeError> {
    match decode_one(bytes, KIND_STRUCT)? {
        Record::Struct(s) => Ok(s),
        _ => unreachable!("decode_one checked the kind"),
    }
}

impl From<&Type> for DecodedType {
    fn from(t: &Type) -> Self {
        match *t {
            Type::Void => DecodedType::Void,
            Type::Int { size, signed } => DecodedType::Int { size, signed },
            Type::Bool => DecodedType::Bool,
            Type::Char { signed } => DecodedType::Char { signed },
            Type::Ptr { pointee, mutable } => DecodedType::Ptr {
                pointee: Box::new(pointee.into()),
                mutable,
            },
            Type::Struct { name } => DecodedType::Struct { name: name.into() },
            Type::FnPtr { ret, params } => DecodedType::FnPtr {
                ret: Box::new(ret.into()),
                params: params.iter().map(DecodedType::from).collect(),
            },
            Type::Array { elem, len } => DecodedType::Array {
                elem: Box::new(elem.into()),
                len,
            },
        }
    }
}

impl From<&Param> for DecodedParam {
    fn from(p: &Param) -> Self {
        DecodedParam {
            name: p.name.into(),
            suffix: p.suffix.into(),
            implicit: p.implicit,
            ty: (&p.ty).into(),
        }
    }
}

impl From<&Func> for DecodedFunc {
    fn from(f: &Func) -> Self {
        DecodedFunc {
            name: f.name.into(),
            flags: f.flags,
            prog_types: f.prog_types,
            ret: (&f.ret).into(),
            params: f.params.iter().map(DecodedParam::from).collect(),
        }
    }
}

impl From<&Field> for DecodedField {
    fn from(f: &Field) -> Self {
        DecodedField {
            name: f.name.into(),
            offset: f.offset,
            ty: (&f.ty).into(),
        }
    }
}

impl From<&StructDef> for DecodedStruct {
    fn from(s: &StructDef) -> Self {
        DecodedStruct {
            name: s.name.into(),
            size: s.size,
            align: s.align,
            fields: s.fields.iter().map(DecodedField::from).collect(),
            data: s.data,
        }
    }
}

impl fmt::Display for DecodedType {
    /// C-like spelling, e.g. `struct task_struct *`, `u64`, `int (*)(u32)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodedType::Void => f.write_str("void"),
            DecodedType::Int { size, signed } => {
                write!(f, "{}{}", if *signed { 's' } else { 'u' }, size * 8)
            }
            DecodedType::Bool => f.write_str("bool"),
            DecodedType::Char { .. } => f.write_str("char"),
            DecodedType::Ptr { pointee, mutable } => {
                write!(f, "{}{} *", if *mutable { "" } else { "const " }, pointee)
            }
            DecodedType::Struct { name } => write!(f, "struct {name}"),
            DecodedType::FnPtr { ret, params } => {
                write!(f, "{ret} (*)(")?;
                for (i, p) in params.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{p}")?;
                }
                f.write_str(")")
            }
            DecodedType::Array { elem, len } => write!(f, "{elem}[{len}]"),
        }
    }
}
