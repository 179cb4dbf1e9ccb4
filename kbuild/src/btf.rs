//! A small safe wrapper around the parts of libbpf's BTF API that
//! `kfunc-btf` uses (parse, split BTF, add types, dedup, distill, relocate,
//! raw data). No BTF is encoded by hand: every byte comes from libbpf.

use std::ffi::{CStr, CString};
use std::os::raw::c_int;
use std::path::Path;
use std::ptr::NonNull;
use std::rc::Rc;

use libbpf_sys as sys;

use crate::error::Error;

/// BTF kinds (`BTF_KIND_*`).
pub mod kind {
    #![allow(missing_docs)]
    pub const INT: u32 = 1;
    pub const PTR: u32 = 2;
    pub const ARRAY: u32 = 3;
    pub const STRUCT: u32 = 4;
    pub const UNION: u32 = 5;
    pub const ENUM: u32 = 6;
    pub const FWD: u32 = 7;
    pub const TYPEDEF: u32 = 8;
    pub const VOLATILE: u32 = 9;
    pub const CONST: u32 = 10;
    pub const RESTRICT: u32 = 11;
    pub const FUNC: u32 = 12;
    pub const FUNC_PROTO: u32 = 13;
    pub const FLOAT: u32 = 16;
    pub const DECL_TAG: u32 = 17;
    pub const TYPE_TAG: u32 = 18;
    pub const ENUM64: u32 = 19;
    pub const VAR: u32 = 14;
    pub const DATASEC: u32 = 15;
}

/// `BTF_FUNC_STATIC`: what pahole writes for every function, kfuncs included.
pub const FUNC_STATIC: u32 = sys::BTF_FUNC_STATIC;
/// `BTF_INT_SIGNED`.
pub const INT_SIGNED: u32 = sys::BTF_INT_SIGNED;
/// `BTF_INT_BOOL`.
pub const INT_BOOL: u32 = sys::BTF_INT_BOOL;

/// A member of a STRUCT/UNION or a parameter of a FUNC_PROTO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Name (empty for anonymous).
    pub name: String,
    /// Type id.
    pub type_id: u32,
    /// Bit offset (members only; 0 for parameters).
    pub bit_offset: u32,
}

/// An owned, decoded view of one BTF type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInfo {
    /// `BTF_KIND_*`.
    pub kind: u32,
    /// Name (empty for anonymous).
    pub name: String,
    /// `vlen` (for FUNC: the linkage).
    pub vlen: u32,
    /// `kind_flag`.
    pub kflag: bool,
    /// `size` (INT, STRUCT, ...) or `type` (PTR, FUNC, FUNC_PROTO's return, ...).
    pub size_or_type: u32,
    /// Members (STRUCT/UNION) or parameters (FUNC_PROTO).
    pub members: Vec<Member>,
    /// INT encoding (`BTF_INT_SIGNED` / `BTF_INT_BOOL`), INT only.
    pub int_encoding: u32,
    /// `(element type, number of elements)`, ARRAY only.
    pub array: Option<(u32, u32)>,
    /// `component_idx`, DECL_TAG only.
    pub component_idx: i32,
}

/// One BTF object owned by libbpf.
///
/// INVARIANT: `raw` points to a live `struct btf` created by libbpf and owned
/// by this value (freed in `Drop`). When `base` is `Some`, `raw` is split BTF
/// whose base is `base.raw`, which the `Rc` keeps alive at least as long.
pub struct Btf {
    raw: NonNull<sys::btf>,
    base: Option<Rc<Btf>>,
}

fn cstring(s: &str) -> Result<CString, Error> {
    CString::new(s).map_err(|_| Error::Btf(format!("name {s:?} contains a NUL byte")))
}

fn last_err(what: &str) -> Error {
    Error::Btf(format!("{what}: {}", std::io::Error::last_os_error()))
}

fn check(ret: c_int, what: impl FnOnce() -> String) -> Result<u32, Error> {
    if ret < 0 {
        Err(Error::Btf(format!(
            "{}: {}",
            what(),
            std::io::Error::from_raw_os_error(-ret)
        )))
    } else {
        Ok(ret as u32)
    }
}

impl Btf {
    fn wrap(raw: *mut sys::btf, base: Option<Rc<Btf>>, what: &str) -> Result<Btf, Error> {
        match NonNull::new(raw) {
            Some(raw) => Ok(Btf { raw, base }),
            None => Err(last_err(what)),
        }
    }

    /// Parses the `.BTF` of an ELF file (vmlinux) or a raw BTF file
    /// (`/sys/kernel/btf/vmlinux`).
    pub fn parse_file(path: &Path) -> Result<Btf, Error> {
        let c = cstring(&path.to_string_lossy())?;
        // SAFETY: `c` is a valid NUL-terminated path; a NULL `btf_ext` out
        // pointer asks libbpf not to parse .BTF.ext. The result is either NULL
        // (checked by `wrap`) or a new object we own.
        let raw = unsafe { sys::btf__parse(c.as_ptr(), std::ptr::null_mut()) };
        Btf::wrap(raw, None, "parsing BTF")?.checked()
    }

    /// Parses raw (base) BTF bytes.
    pub fn from_bytes(data: &[u8]) -> Result<Btf, Error> {
        let len = u32::try_from(data.len()).map_err(|_| Error::Btf("BTF too large".into()))?;
        // SAFETY: `data` is valid for `len` bytes for the duration of the
        // call; libbpf copies it into the new object.
        let raw = unsafe { sys::btf__new(data.as_ptr().cast(), len) };
        Btf::wrap(raw, None, "parsing BTF")?.checked()
    }

    /// Parses raw split BTF bytes on top of `base`.
    pub fn from_bytes_split(data: &[u8], base: Rc<Btf>) -> Result<Btf, Error> {
        let len = u32::try_from(data.len()).map_err(|_| Error::Btf("BTF too large".into()))?;
        // SAFETY: `data` is valid for `len` bytes (copied by libbpf); `base.raw`
        // is live (invariant) and kept alive by the returned value's `base`.
        let raw = unsafe { sys::btf__new_split(data.as_ptr().cast(), len, base.raw.as_ptr()) };
        Btf::wrap(raw, Some(base), "parsing split BTF")?.checked()
    }

    /// Checks what libbpf's parser leaves unchecked but its later stages
    /// (adding types, dedup, relocate, distill) rely on, so malformed BTF is
    /// an error here instead of a crash there: a full-size, native-endian
    /// header, and the type ids libbpf's parser does not check but its
    /// relocation and dedup follow exist: a FUNC_PROTO's return type (the
    /// parameters' types are checked) and a FWD's `type` field; and no type
    /// contains itself (see [`Btf::value_cycle`]).
    fn checked(self) -> Result<Btf, Error> {
        // the header: libbpf accepts a `hdr_len` shorter than its own header
        // struct and later copies only `hdr_len` bytes of it, then reads and
        // writes the whole struct (heap overflow); the kernel refuses both
        // that and byte-swapped BTF
        let mut size: u32 = 0;
        // SAFETY: `raw` is live; libbpf returns NULL or a pointer to `size`
        // bytes it owns, valid until the next change (none while we read).
        let p = unsafe { sys::btf__raw_data(self.raw.as_ptr(), &mut size) };
        if p.is_null() || size < 24 {
            return Err(Error::Btf("malformed BTF: no header".into()));
        }
        // SAFETY: `p` is valid for `size` bytes (above).
        let raw = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), size as usize) };
        if raw[0..2] != [0x9f, 0xeb] {
            return Err(Error::Btf(
                "malformed BTF: not little-endian (the kernel reads native BTF only)".into(),
            ));
        }
        let rd = |o: usize| u32::from_le_bytes([raw[o], raw[o + 1], raw[o + 2], raw[o + 3]]);
        let hdr_len = rd(4);
        if hdr_len < 24 {
            return Err(Error::Btf(format!(
                "malformed BTF: header length {hdr_len}, shorter than the 24-byte header"
            )));
        }
        // the kernel takes a longer header (7.x writes 32 bytes) only when
        // the bytes it does not know are zero
        if hdr_len > size || raw[24..hdr_len as usize].iter().any(|&b| b != 0) {
            return Err(Error::Btf(format!(
                "malformed BTF: a header of {hdr_len} bytes whose bytes after the first 24 \
                 are not zero (or not there); the kernel refuses it"
            )));
        }
        // the kernel refuses header flags ("Unsupported flags")
        if raw[3] != 0 {
            return Err(Error::Btf(format!(
                "malformed BTF: header flags {:#x}; the kernel refuses BTF with flags set",
                raw[3]
            )));
        }
        // the layout every writer uses and the kernel requires (no gaps):
        // types right after the header, strings right after the types.
        // libbpf parses other layouts, but writes the BTF back in this one
        // with the input's offsets in the header: BTF that neither it nor
        // the kernel can read (found by fuzzing)
        let (type_off, type_len, str_off, str_len) = (rd(8), rd(12), rd(16), rd(20));
        if type_off != 0
            || str_off != type_len
            || u64::from(hdr_len) + u64::from(type_len) + u64::from(str_len) != u64::from(size)
        {
            return Err(Error::Btf(format!(
                "malformed BTF: types at {type_off} ({type_len} bytes) and strings at {str_off} \
                 ({str_len} bytes) after a {hdr_len}-byte header, in {size} bytes; the kernel \
                 wants the types right after the header, the strings right after them and \
                 nothing else"
            )));
        }
        let n = self.type_cnt();
        for id in self.start_id()..n {
            if let Some(t) = self.raw_type(id) {
                // SAFETY: both union fields are a plain u32.
                let ty = unsafe { t.__bindgen_anon_1.type_ };
                let what = match (t.info >> 24) & 0x1f {
                    kind::FUNC_PROTO => "FUNC_PROTO returning",
                    // libbpf's relocation and dedup treat it as a type id
                    kind::FWD => "FWD referring to",
                    _ => continue,
                };
                if ty >= n {
                    return Err(Error::Btf(format!(
                        "malformed BTF: type [{id}] is a {what} type [{ty}], \
                         which does not exist ({n} types)"
                    )));
                }
            }
        }
        self.check_no_value_cycle("malformed BTF")?;
        Ok(self)
    }

    /// Refuses a type of this object that contains itself other than
    /// through a pointer (a TYPEDEF of itself, a struct holding itself),
    /// naming the types on the loop; `what` starts the message.
    pub fn check_no_value_cycle(&self, what: &str) -> Result<(), Error> {
        match self.value_cycle() {
            None => Ok(()),
            Some(cycle) => {
                let path: Vec<String> = cycle.iter().map(|id| format!("[{id}]")).collect();
                Err(Error::Btf(format!(
                    "{what}: type [{}] contains itself, not through a pointer ({}); \
                     the kernel refuses such BTF (\"Loop detected\")",
                    cycle[0],
                    path.join(" -> ")
                )))
            }
        }
    }

    /// The types `id` holds by value: every type reference of it but a
    /// PTR's (the one way C lets a type refer to itself).
    fn value_refs(&self, id: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let Some(t) = self.raw_type(id) else {
            return out;
        };
        let vlen = (t.info & 0xffff) as usize;
        // SAFETY: both union fields are a plain u32.
        let ty = unsafe { t.__bindgen_anon_1.type_ };
        let tail = (t as *const sys::btf_type).wrapping_add(1);
        match (t.info >> 24) & 0x1f {
            kind::TYPEDEF
            | kind::VOLATILE
            | kind::CONST
            | kind::RESTRICT
            | kind::TYPE_TAG
            | kind::FUNC
            | kind::VAR
            | kind::DECL_TAG => out.push(ty),
            kind::ARRAY => {
                // SAFETY: an ARRAY is followed by a `struct btf_array`
                // (libbpf validated the data's layout).
                let a = unsafe { tail.cast::<sys::btf_array>().read_unaligned() };
                out.extend([a.type_, a.index_type]);
            }
            kind::STRUCT | kind::UNION => {
                let m = tail.cast::<sys::btf_member>();
                // SAFETY: a STRUCT/UNION is followed by `vlen` members.
                out.extend((0..vlen).map(|i| unsafe { m.add(i).read_unaligned() }.type_));
            }
            kind::FUNC_PROTO => {
                out.push(ty);
                let p = tail.cast::<sys::btf_param>();
                // SAFETY: a FUNC_PROTO is followed by `vlen` params.
                out.extend((0..vlen).map(|i| unsafe { p.add(i).read_unaligned() }.type_));
            }
            kind::DATASEC => {
                let v = tail.cast::<sys::btf_var_secinfo>();
                // SAFETY: a DATASEC is followed by `vlen` var_secinfos.
                out.extend((0..vlen).map(|i| unsafe { v.add(i).read_unaligned() }.type_));
            }
            _ => {}
        }
        out
    }

    /// A cycle of by-value references among this object's own types (a
    /// TYPEDEF of itself, a struct holding itself, ...), as the ids on it.
    /// libbpf's parser accepts one; its relocation then follows the chain
    /// for ever (found by fuzzing: a hang), and the kernel's BTF check
    /// refuses it. Iterative depth-first search; a base has been checked
    /// when it was loaded, and base types cannot refer to split ones.
    fn value_cycle(&self) -> Option<Vec<u32>> {
        const NEW: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let start = self.start_id();
        let n = self.type_cnt();
        let mut state = vec![NEW; n.saturating_sub(start) as usize];
        let idx = |id: u32| (id >= start && id < n).then(|| (id - start) as usize);
        // the path: (type, its by-value references, how many are visited)
        let mut path: Vec<(u32, Vec<u32>, usize)> = Vec::new();
        for root in start..n {
            if state[(root - start) as usize] != NEW {
                continue;
            }
            state[(root - start) as usize] = ON_PATH;
            path.push((root, self.value_refs(root), 0));
            while let Some((id, next, i)) = path.last_mut() {
                let Some(&r) = next.get(*i) else {
                    state[(*id - start) as usize] = DONE;
                    path.pop();
                    continue;
                };
                *i += 1;
                let Some(j) = idx(r) else { continue };
                match state[j] {
                    NEW => {
                        state[j] = ON_PATH;
                        path.push((r, self.value_refs(r), 0));
                    }
                    ON_PATH => {
                        let from = path.iter().position(|(p, _, _)| *p == r).unwrap_or(0);
                        let mut cycle: Vec<u32> = path[from..].iter().map(|(p, _, _)| *p).collect();
                        cycle.push(r);
                        return Some(cycle);
                    }
                    _ => {}
                }
            }
        }
        None
    }

    /// Creates empty split BTF on top of `base`.
    pub fn empty_split(base: Rc<Btf>) -> Result<Btf, Error> {
        // SAFETY: `base.raw` is live and kept alive by the returned value.
        let raw = unsafe { sys::btf__new_empty_split(base.raw.as_ptr()) };
        Btf::wrap(raw, Some(base), "creating split BTF")
    }

    /// The base this split BTF refers to.
    pub fn base(&self) -> Option<&Rc<Btf>> {
        self.base.as_ref()
    }

    /// Number of types including the base's and the void type 0: valid ids
    /// are `1..type_cnt()`.
    pub fn type_cnt(&self) -> u32 {
        // SAFETY: `raw` is live (invariant).
        unsafe { sys::btf__type_cnt(self.raw.as_ptr()) }
    }

    /// First id that belongs to this object (1 for base BTF).
    pub fn start_id(&self) -> u32 {
        self.base.as_ref().map_or(1, |b| b.type_cnt())
    }

    fn raw_type(&self, id: u32) -> Option<&sys::btf_type> {
        if id == 0 || id >= self.type_cnt() {
            return None;
        }
        // SAFETY: `id` is in range, so libbpf returns a pointer into its type
        // data, valid until the object is modified, which needs `&mut self`
        // while the returned reference borrows `self`.
        unsafe { sys::btf__type_by_id(self.raw.as_ptr(), id).as_ref() }
    }

    fn str_at(&self, off: u32) -> &str {
        // SAFETY: `raw` is live; libbpf returns NULL or a NUL-terminated string
        // inside its string section, valid while `self` is borrowed (see
        // `raw_type`).
        let p = unsafe { sys::btf__name_by_offset(self.raw.as_ptr(), off) };
        if p.is_null() {
            return "";
        }
        // SAFETY: `p` is non-NULL and NUL-terminated (above).
        unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
    }

    /// Kind of type `id` (`None` for 0 or out of range).
    pub fn kind_of(&self, id: u32) -> Option<u32> {
        self.raw_type(id).map(|t| (t.info >> 24) & 0x1f)
    }

    /// Name of type `id` ("" when anonymous or out of range).
    pub fn name_of(&self, id: u32) -> &str {
        self.raw_type(id).map_or("", |t| self.str_at(t.name_off))
    }

    /// Decodes type `id`.
    pub fn type_info(&self, id: u32) -> Option<TypeInfo> {
        let t = self.raw_type(id)?;
        let kind = (t.info >> 24) & 0x1f;
        let vlen = t.info & 0xffff;
        // SAFETY: both union fields are a plain u32.
        let size_or_type = unsafe { t.__bindgen_anon_1.size };
        let tail = (t as *const sys::btf_type).wrapping_add(1);
        let mut info = TypeInfo {
            kind,
            name: self.str_at(t.name_off).to_owned(),
            vlen,
            kflag: t.info >> 31 != 0,
            size_or_type,
            members: Vec::new(),
            int_encoding: 0,
            array: None,
            component_idx: 0,
        };
        match kind {
            kind::INT => {
                // SAFETY: an INT is followed by one u32 (BTF format; libbpf
                // validated the data).
                let v = unsafe { tail.cast::<u32>().read_unaligned() };
                info.int_encoding = (v >> 24) & 0xf;
            }
            kind::ARRAY => {
                // SAFETY: an ARRAY is followed by a `struct btf_array`.
                let a = unsafe { tail.cast::<sys::btf_array>().read_unaligned() };
                info.array = Some((a.type_, a.nelems));
            }
            kind::STRUCT | kind::UNION => {
                let m = tail.cast::<sys::btf_member>();
                for i in 0..vlen as usize {
                    // SAFETY: a STRUCT/UNION is followed by `vlen` members.
                    let m = unsafe { m.add(i).read_unaligned() };
                    info.members.push(Member {
                        name: self.str_at(m.name_off).to_owned(),
                        type_id: m.type_,
                        bit_offset: if info.kflag {
                            m.offset & 0xff_ffff
                        } else {
                            m.offset
                        },
                    });
                }
            }
            kind::FUNC_PROTO => {
                let p = tail.cast::<sys::btf_param>();
                for i in 0..vlen as usize {
                    // SAFETY: a FUNC_PROTO is followed by `vlen` params.
                    let p = unsafe { p.add(i).read_unaligned() };
                    info.members.push(Member {
                        name: self.str_at(p.name_off).to_owned(),
                        type_id: p.type_,
                        bit_offset: 0,
                    });
                }
            }
            kind::DECL_TAG => {
                // SAFETY: a DECL_TAG is followed by a `struct btf_decl_tag`.
                let d = unsafe { tail.cast::<sys::btf_decl_tag>().read_unaligned() };
                info.component_idx = d.component_idx;
            }
            _ => {}
        }
        Some(info)
    }

    /// Finds a type by name and kind, in this object and its base.
    pub fn find(&self, name: &str, kind: u32) -> Option<u32> {
        let c = CString::new(name).ok()?;
        // SAFETY: `raw` is live and `c` NUL-terminated.
        let id = unsafe { sys::btf__find_by_name_kind(self.raw.as_ptr(), c.as_ptr(), kind) };
        (id > 0).then_some(id as u32)
    }

    /// Adds an INT.
    pub fn add_int(&mut self, name: &str, size: u32, encoding: u32) -> Result<u32, Error> {
        let c = cstring(name)?;
        // SAFETY: `raw` is live and exclusively borrowed; `c` NUL-terminated.
        let r = unsafe {
            sys::btf__add_int(self.raw.as_ptr(), c.as_ptr(), size as _, encoding as c_int)
        };
        check(r, || format!("adding INT {name}"))
    }

    /// Adds a PTR to `ref_id`.
    pub fn add_ptr(&mut self, ref_id: u32) -> Result<u32, Error> {
        // SAFETY: `raw` is live and exclusively borrowed.
        let r = unsafe { sys::btf__add_ptr(self.raw.as_ptr(), ref_id as c_int) };
        check(r, || "adding PTR".into())
    }

    /// Adds a CONST of `ref_id`.
    pub fn add_const(&mut self, ref_id: u32) -> Result<u32, Error> {
        // SAFETY: `raw` is live and exclusively borrowed.
        let r = unsafe { sys::btf__add_const(self.raw.as_ptr(), ref_id as c_int) };
        check(r, || "adding CONST".into())
    }

    /// Adds a TYPE_TAG with `kind_flag` set (an attribute such as
    /// `address_space(1)`) referring to `ref_id`.
    pub fn add_type_attr(&mut self, value: &str, ref_id: u32) -> Result<u32, Error> {
        let c = cstring(value)?;
        // SAFETY: `raw` is live and exclusively borrowed; `c` NUL-terminated.
        let r = unsafe { sys::btf__add_type_attr(self.raw.as_ptr(), c.as_ptr(), ref_id as c_int) };
        check(r, || format!("adding type attribute {value}"))
    }

    /// Adds an ARRAY.
    pub fn add_array(&mut self, index_id: u32, elem_id: u32, len: u32) -> Result<u32, Error> {
        // SAFETY: `raw` is live and exclusively borrowed.
        let r = unsafe {
            sys::btf__add_array(self.raw.as_ptr(), index_id as c_int, elem_id as c_int, len)
        };
        check(r, || "adding ARRAY".into())
    }

    /// Adds a forward declaration of a struct.
    pub fn add_fwd_struct(&mut self, name: &str) -> Result<u32, Error> {
        let c = cstring(name)?;
        // SAFETY: `raw` is live and exclusively borrowed; `c` NUL-terminated.
        let r = unsafe { sys::btf__add_fwd(self.raw.as_ptr(), c.as_ptr(), sys::BTF_FWD_STRUCT) };
        check(r, || format!("adding FWD {name}"))
    }

    /// Adds a STRUCT with its members (`(name, type id, byte offset)`).
    pub fn add_struct(
        &mut self,
        name: &str,
        size: u32,
        members: &[(String, u32, u32)],
    ) -> Result<u32, Error> {
        let c = cstring(name)?;
        // SAFETY: `raw` is live and exclusively borrowed; `c` NUL-terminated.
        let r = unsafe { sys::btf__add_struct(self.raw.as_ptr(), c.as_ptr(), size) };
        let id = check(r, || format!("adding STRUCT {name}"))?;
        for (m, ty, off) in members {
            let cm = cstring(m)?;
            let bits = off.checked_mul(8).ok_or_else(|| {
                Error::Btf(format!(
                    "field {name}.{m}: offset {off} bytes does not fit BTF's 32-bit bit offset"
                ))
            })?;
            // SAFETY: as above; libbpf appends the field to the STRUCT just
            // added (nothing was added in between).
            let r = unsafe {
                sys::btf__add_field(self.raw.as_ptr(), cm.as_ptr(), *ty as c_int, bits, 0)
            };
            check(r, || format!("adding field {name}.{m}"))?;
        }
        Ok(id)
    }

    /// Adds a FUNC_PROTO with named parameters.
    pub fn add_func_proto(&mut self, ret: u32, params: &[(String, u32)]) -> Result<u32, Error> {
        // SAFETY: `raw` is live and exclusively borrowed.
        let r = unsafe { sys::btf__add_func_proto(self.raw.as_ptr(), ret as c_int) };
        let id = check(r, || "adding FUNC_PROTO".into())?;
        for (n, ty) in params {
            let c = cstring(n)?;
            // SAFETY: as above; the parameter is appended to the FUNC_PROTO
            // just added.
            let r =
                unsafe { sys::btf__add_func_param(self.raw.as_ptr(), c.as_ptr(), *ty as c_int) };
            check(r, || format!("adding parameter {n}"))?;
        }
        Ok(id)
    }

    /// Adds a FUNC.
    pub fn add_func(&mut self, name: &str, linkage: u32, proto: u32) -> Result<u32, Error> {
        let c = cstring(name)?;
        // SAFETY: `raw` is live and exclusively borrowed; `c` NUL-terminated.
        let r =
            unsafe { sys::btf__add_func(self.raw.as_ptr(), c.as_ptr(), linkage, proto as c_int) };
        check(r, || format!("adding FUNC {name}"))
    }

    /// Adds a DECL_TAG on `target` (`component_idx` -1: the whole function).
    pub fn add_decl_tag(
        &mut self,
        value: &str,
        target: u32,
        component_idx: i32,
    ) -> Result<u32, Error> {
        let c = cstring(value)?;
        // SAFETY: `raw` is live and exclusively borrowed; `c` NUL-terminated.
        let r = unsafe {
            sys::btf__add_decl_tag(
                self.raw.as_ptr(),
                c.as_ptr(),
                target as c_int,
                component_idx,
            )
        };
        check(r, || format!("adding DECL_TAG {value}"))
    }

    /// Deduplicates (split BTF: also against its base).
    pub fn dedup(&mut self) -> Result<(), Error> {
        let opts = sys::btf_dedup_opts {
            sz: std::mem::size_of::<sys::btf_dedup_opts>() as _,
            ..Default::default()
        };
        // SAFETY: `raw` is live and exclusively borrowed; `opts` is a valid,
        // sized options struct for the duration of the call.
        let r = unsafe { sys::btf__dedup(self.raw.as_ptr(), &opts) };
        check(r, || "deduplicating".into()).map(|_| ())
    }

    /// Moves this split BTF from its (distilled) base onto `base`.
    pub fn relocate(&mut self, base: Rc<Btf>) -> Result<(), Error> {
        // SAFETY: both objects are live; afterwards libbpf refers to
        // `base.raw` as our base, which the stored `Rc` keeps alive.
        let r = unsafe { sys::btf__relocate(self.raw.as_ptr(), base.raw.as_ptr()) };
        check(r, || "relocating the module BTF onto vmlinux BTF".into())?;
        self.base = Some(base);
        Ok(())
    }

    /// Splits this split BTF into a distilled base and new split BTF on top of
    /// it (what `resolve_btfids --distill_base` and pahole do for modules).
    pub fn distill(&self) -> Result<(Rc<Btf>, Btf), Error> {
        let mut nb: *mut sys::btf = std::ptr::null_mut();
        let mut ns: *mut sys::btf = std::ptr::null_mut();
        // SAFETY: `raw` is live; on success libbpf stores two new objects that
        // we take ownership of, the second referring to the first.
        let r = unsafe { sys::btf__distill_base(self.raw.as_ptr(), &mut nb, &mut ns) };
        check(r, || "distilling the base BTF".into())?;
        let base = Rc::new(Btf::wrap(nb, None, "distilling")?);
        let split = Btf::wrap(ns, Some(base.clone()), "distilling")?;
        Ok((base, split))
    }

    /// Whether this object's own types are sorted by name (anonymous ones
    /// first), the order 7.x resolve_btfids gives module BTF so the kernel
    /// can binary-search it. Trivially true for fewer than two types.
    pub fn is_sorted_by_name(&self) -> bool {
        let ids: Vec<u32> = (self.start_id()..self.type_cnt()).collect();
        ids.windows(2)
            .all(|w| self.name_of(w[0]) <= self.name_of(w[1]))
    }

    /// Sorts this object's own types by name, keeping the relative order of
    /// equal names (what 7.x resolve_btfids' `sort_btf_by_name()` does), with
    /// `btf__permute`.
    pub fn sort_by_name(&mut self) -> Result<(), Error> {
        let start = self.start_id();
        let mut order: Vec<u32> = (start..self.type_cnt()).collect();
        order.sort_by(|&a, &b| self.name_of(a).cmp(self.name_of(b)).then(a.cmp(&b)));
        let mut id_map = vec![0u32; order.len()];
        for (pos, id) in order.iter().enumerate() {
            id_map[(id - start) as usize] = start + pos as u32;
        }
        let opts = sys::btf_permute_opts {
            sz: std::mem::size_of::<sys::btf_permute_opts>() as _,
            ..Default::default()
        };
        let n = u32::try_from(id_map.len()).map_err(|_| Error::Btf("too many types".into()))?;
        // SAFETY: `raw` is live and exclusively borrowed; `id_map` holds one
        // new id for each of this object's own types (a permutation of
        // `start..type_cnt`), valid for the call; `opts` is sized.
        let r = unsafe { sys::btf__permute(self.raw.as_ptr(), id_map.as_mut_ptr(), n, &opts) };
        check(r, || "sorting the module BTF by name".into()).map(|_| ())
    }

    /// The raw BTF bytes (header, types, strings), as written to `.BTF`.
    pub fn raw_data(&self) -> Vec<u8> {
        let mut size: u32 = 0;
        // SAFETY: `raw` is live; libbpf returns a pointer to `size` bytes it
        // owns (or NULL on allocation failure), valid until the next change.
        let p = unsafe { sys::btf__raw_data(self.raw.as_ptr(), &mut size) };
        if p.is_null() {
            return Vec::new();
        }
        // SAFETY: `p` is valid for `size` bytes (above); we copy them at once.
        unsafe { std::slice::from_raw_parts(p.cast::<u8>(), size as usize) }.to_vec()
    }
}

impl Drop for Btf {
    fn drop(&mut self) {
        // SAFETY: `raw` is owned by this value (invariant) and freed once. A
        // split object is dropped before its base: the base `Rc` field is
        // dropped after this body runs.
        unsafe { sys::btf__free(self.raw.as_ptr()) }
    }
}
