//! Const-evaluable encoder: the macros call [`func_len`] and
//! [`encode_func`] (or [`struct_len`] and [`encode_struct`]) in a `const`
//! item, so the record is plain bytes in the object file. Invalid input
//! (a name longer than 65535 bytes, more than 255 parameters, an integer
//! size other than 1/2/4/8, an array outside a struct field) panics, which
//! in const context is a compile error.

use super::{
    tag, Field, Func, Param, StructDef, Type, HEADER_LEN, KIND_DATA_STRUCT, KIND_FUNC, KIND_STRUCT,
    MAGIC, VERSION,
};

/// Where a type appears; arrays are allowed only in struct fields.
#[derive(Clone, Copy)]
enum Ctx {
    Func,
    Struct,
}

const fn str_len(s: &str) -> usize {
    if s.len() > u16::MAX as usize {
        panic!("interface stub: a name is longer than 65535 bytes");
    }
    2 + s.len()
}

const fn type_len(t: &Type, ctx: Ctx) -> usize {
    match *t {
        Type::Void | Type::Bool => 1,
        Type::Char { .. } => 2,
        Type::Int { size, .. } => {
            if !matches!(size, 1 | 2 | 4 | 8) {
                panic!("interface stub: integer size must be 1, 2, 4 or 8");
            }
            3
        }
        Type::Ptr { pointee, .. } => 2 + type_len(pointee, ctx),
        Type::Struct { name } => 1 + str_len(name),
        Type::FnPtr { ret, params } => {
            if params.len() > u8::MAX as usize {
                panic!("interface stub: a function pointer has more than 255 parameters");
            }
            let mut len = 1 + type_len(ret, ctx) + 1;
            let mut i = 0;
            while i < params.len() {
                len += type_len(&params[i], ctx);
                i += 1;
            }
            len
        }
        Type::Array { elem, .. } => {
            if matches!(ctx, Ctx::Func) {
                panic!("interface stub: arrays are only allowed in struct fields");
            }
            1 + 4 + type_len(elem, ctx)
        }
    }
}

const fn param_len(p: &Param) -> usize {
    str_len(p.name) + str_len(p.suffix) + 1 + type_len(&p.ty, Ctx::Func)
}

/// Length in bytes of the record [`encode_func`] writes for `f`.
pub const fn func_len(f: &Func) -> usize {
    if f.params.len() > u8::MAX as usize {
        panic!("interface stub: a kfunc has more than 255 parameters");
    }
    let mut len = HEADER_LEN + 4 + str_len(f.name) + 8 + type_len(&f.ret, Ctx::Func) + 1;
    let mut i = 0;
    while i < f.params.len() {
        len += param_len(&f.params[i]);
        i += 1;
    }
    if len > u32::MAX as usize {
        panic!("interface stub: record longer than 4 GiB");
    }
    len
}

const fn field_len(f: &Field) -> usize {
    str_len(f.name) + 4 + type_len(&f.ty, Ctx::Struct)
}

/// Length in bytes of the record [`encode_struct`] writes for `s`.
pub const fn struct_len(s: &StructDef) -> usize {
    if s.fields.len() > u16::MAX as usize {
        panic!("interface stub: a struct has more than 65535 fields");
    }
    let mut len = HEADER_LEN + str_len(s.name) + 4 + 4 + 2;
    let mut i = 0;
    while i < s.fields.len() {
        len += field_len(&s.fields[i]);
        i += 1;
    }
    if len > u32::MAX as usize {
        panic!("interface stub: record longer than 4 GiB");
    }
    len
}

/// A cursor over an output buffer of exactly the record's length.
struct Writer<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Writer<'a> {
    const fn new(buf: &'a mut [u8]) -> Self {
        Writer { buf, pos: 0 }
    }

    const fn bytes(&mut self, b: &[u8]) {
        if self.pos + b.len() > self.buf.len() {
            panic!(
                "interface stub: buffer too small (its length must be the *_len() of the record)"
            );
        }
        let mut i = 0;
        while i < b.len() {
            self.buf[self.pos] = b[i];
            self.pos += 1;
            i += 1;
        }
    }

    const fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }

    const fn u16(&mut self, v: u16) {
        self.bytes(&v.to_le_bytes());
    }

    const fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }

    const fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    const fn str(&mut self, s: &str) {
        let _ = str_len(s);
        self.u16(s.len() as u16);
        self.bytes(s.as_bytes());
    }

    const fn header(&mut self, kind: u8) {
        self.bytes(&MAGIC);
        self.u8(VERSION);
        self.u8(kind);
        self.u16(0);
        self.u32(self.buf.len() as u32);
    }

    const fn ty(&mut self, t: &Type) {
        match *t {
            Type::Void => self.u8(tag::VOID),
            Type::Int { size, signed } => {
                self.u8(tag::INT);
                self.u8(size);
                self.u8(signed as u8);
            }
            Type::Bool => self.u8(tag::BOOL),
            Type::Char { signed } => {
                self.u8(tag::CHAR);
                self.u8(signed as u8);
            }
            Type::Ptr { pointee, mutable } => {
                self.u8(tag::PTR);
                self.u8(mutable as u8);
                self.ty(pointee);
            }
            Type::Struct { name } => {
                self.u8(tag::STRUCT);
                self.str(name);
            }
            Type::FnPtr { ret, params } => {
                self.u8(tag::FN_PTR);
                self.ty(ret);
                self.u8(params.len() as u8);
                let mut i = 0;
                while i < params.len() {
                    self.ty(&params[i]);
                    i += 1;
                }
            }
            Type::Array { elem, len } => {
                self.u8(tag::ARRAY);
                self.u32(len);
                self.ty(elem);
            }
        }
    }

    const fn finish(self) {
        if self.pos != self.buf.len() {
            panic!(
                "interface stub: the buffer is longer than the record (its length must be the *_len() of the record)"
            );
        }
    }
}

/// Encodes the kfunc record for `f`. `N` must be [`func_len`]`(f)`.
pub const fn encode_func<const N: usize>(f: &Func) -> [u8; N] {
    if N != func_len(f) {
        panic!("encode_func::<N>: N must equal func_len(&FUNC)");
    }
    let mut buf = [0; N];
    write_func(f, &mut buf);
    buf
}

/// Writes the kfunc record for `f` into `out`, whose length must be
/// [`func_len`]`(f)` (the run-time form of [`encode_func`]).
pub const fn write_func(f: &Func, out: &mut [u8]) {
    if out.len() != func_len(f) {
        panic!("write_func: the buffer's length must equal func_len(f)");
    }
    let mut w = Writer::new(out);
    w.header(KIND_FUNC);
    w.u32(f.flags);
    w.str(f.name);
    w.u64(f.prog_types);
    w.ty(&f.ret);
    w.u8(f.params.len() as u8);
    let mut i = 0;
    while i < f.params.len() {
        let p = &f.params[i];
        w.str(p.name);
        w.str(p.suffix);
        w.u8(p.implicit as u8);
        w.ty(&p.ty);
        i += 1;
    }
    w.finish()
}

/// Encodes the struct record for `s`. `N` must be [`struct_len`]`(s)`.
pub const fn encode_struct<const N: usize>(s: &StructDef) -> [u8; N] {
    if N != struct_len(s) {
        panic!("encode_struct::<N>: N must equal struct_len(&STRUCT)");
    }
    let mut buf = [0; N];
    write_struct(s, &mut buf);
    buf
}

/// Writes the struct record for `s` into `out`, whose length must be
/// [`struct_len`]`(s)` (the run-time form of [`encode_struct`]).
pub const fn write_struct(s: &StructDef, out: &mut [u8]) {
    if out.len() != struct_len(s) {
        panic!("write_struct: the buffer's length must equal struct_len(s)");
    }
    let mut w = Writer::new(out);
    w.header(if s.data {
        KIND_DATA_STRUCT
    } else {
        KIND_STRUCT
    });
    w.str(s.name);
    w.u32(s.size);
    w.u32(s.align);
    w.u16(s.fields.len() as u16);
    let mut i = 0;
    while i < s.fields.len() {
        let f = &s.fields[i];
        w.str(f.name);
        w.u32(f.offset);
        w.ty(&f.ty);
        i += 1;
    }
    w.finish()
}

/// Writes each `words[i]` at byte offset `at[i]` of `record`: how the macros
/// complete a record whose bytes they wrote as a literal, with the 4-byte
/// words only the compiler knows (the flags of a kfunc that takes
/// references, a derived struct's size, alignment and field offsets).
/// An offset past the end panics, which in const context is a compile error.
pub const fn splice<const N: usize, const W: usize>(
    mut record: [u8; N],
    at: [usize; W],
    words: [[u8; 4]; W],
) -> [u8; N] {
    let mut i = 0;
    while i < W {
        let mut j = 0;
        while j < 4 {
            record[at[i] + j] = words[i][j];
            j += 1;
        }
        i += 1;
    }
    record
}
