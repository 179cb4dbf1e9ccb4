//! The transform stage: BTF types for interface stubs, added to the module's
//! split BTF with libbpf.

use std::collections::{HashMap, HashSet};

use crate::btf::{self, kind, Btf};
use crate::error::Error;
use crate::flags;
use crate::stub::{Kfunc, Param, StructDef, TypeRef};
use kfunc::verifier;

/// DECL_TAG every kfunc carries.
pub const TAG_KFUNC: &str = "bpf_kfunc";
/// Type attribute of an arena pointer (what 7.x resolve_btfids adds).
pub const ATTR_ARENA: &str = "address_space(1)";
/// Suffix of the BTF-only implementation FUNC of an implicit-args kfunc.
pub const IMPL_SUFFIX: &str = "_impl";

/// C names of the integer types, in the order they are looked up in vmlinux
/// BTF (the first one is used when none exists).
pub fn int_names(size: u8, signed: bool) -> &'static [&'static str] {
    match (size, signed) {
        (1, true) => &["signed char", "char"],
        (1, false) => &["unsigned char"],
        (2, true) => &["short int", "short"],
        (2, false) => &["short unsigned int", "unsigned short"],
        (4, true) => &["int"],
        (4, false) => &["unsigned int"],
        (8, true) => &["long long int", "long int", "long long", "long"],
        _ => &[
            "long long unsigned int",
            "long unsigned int",
            "unsigned long long",
            "unsigned long",
        ],
    }
}

/// The kernel typedef C kfuncs spell an integer with (`include/linux/types.h`:
/// `u8 u16 u32 u64 s8 s16 s32 s64`).
pub fn kernel_int_typedef(size: u8, signed: bool) -> &'static str {
    match (size, signed) {
        (1, false) => "u8",
        (2, false) => "u16",
        (4, false) => "u32",
        (8, false) => "u64",
        (1, true) => "s8",
        (2, true) => "s16",
        (4, true) => "s32",
        _ => "s64",
    }
}

/// The kernel typedef of `bool`.
pub const BOOL_TYPEDEF: &str = "bool";
/// C `char`.
pub const CHAR: &str = "char";

/// Where a type is used, for error messages.
#[derive(Clone)]
pub struct Place<'a> {
    /// Kfunc or struct name.
    pub user: &'a str,
    /// "parameter `x`", "return value", "field `f`".
    pub what: String,
}

/// Adds types to a split BTF, reusing what exists.
pub struct Emitter<'a> {
    btf: &'a mut Btf,
    structs: HashMap<&'a str, &'a StructDef>,
    cache: HashMap<TypeRef, u32>,
    struct_ids: HashMap<String, u32>,
    in_progress: HashSet<String>,
    kernel_structs: HashMap<String, u32>,
}

impl<'a> Emitter<'a> {
    /// Starts adding to `btf` (split BTF whose base is the full vmlinux BTF).
    pub fn new(btf: &'a mut Btf, structs: &'a [StructDef]) -> Result<Emitter<'a>, Error> {
        let mut map = HashMap::new();
        for s in structs {
            if map.insert(s.name.as_str(), s).is_some() {
                return Err(Error::Duplicate(format!(
                    "two #[derive(BtfType)] structs are named `{}`",
                    s.name
                )));
            }
        }
        Ok(Emitter {
            btf,
            structs: map,
            cache: HashMap::new(),
            struct_ids: HashMap::new(),
            in_progress: HashSet::new(),
            kernel_structs: HashMap::new(),
        })
    }

    /// `TYPEDEF name` of the base (or module) BTF if it is, through
    /// typedefs, an INT of `size` bytes with `encoding`.
    fn typedef_of_int(&self, name: &str, size: u8, encoding: u32) -> Option<u32> {
        let id = self.btf.find(name, kind::TYPEDEF)?;
        let mut t = id;
        for _ in 0..8 {
            let info = self.btf.type_info(t)?;
            match info.kind {
                kind::TYPEDEF => t = info.size_or_type,
                kind::INT => {
                    return (info.size_or_type == u32::from(size) && info.int_encoding == encoding)
                        .then_some(id)
                }
                _ => return None,
            }
        }
        None
    }

    /// An integer as C kfuncs spell it: the kernel typedef (`u64`, `s32`,
    /// ...) when the BTF has it with the same size and signedness, else the
    /// base C type.
    fn int(&mut self, size: u8, signed: bool) -> Result<u32, Error> {
        let enc = if signed { btf::INT_SIGNED } else { 0 };
        if let Some(id) = self.typedef_of_int(kernel_int_typedef(size, signed), size, enc) {
            return Ok(id);
        }
        self.base_int(size, signed)
    }

    /// C `char`: vmlinux's INT `char` (its signedness is the kernel's, e.g.
    /// `-funsigned-char`), else one with `signed`.
    fn char(&mut self, signed: bool) -> Result<u32, Error> {
        if let Some(id) = self.btf.find(CHAR, kind::INT) {
            if self.btf.type_info(id).is_some_and(|t| t.size_or_type == 1) {
                return Ok(id);
            }
        }
        self.btf
            .add_int(CHAR, 1, if signed { btf::INT_SIGNED } else { 0 })
    }

    /// An integer as a base C type (`unsigned int`, ...).
    fn base_int(&mut self, size: u8, signed: bool) -> Result<u32, Error> {
        let names = int_names(size, signed);
        for n in names {
            if let Some(id) = self.btf.find(n, kind::INT) {
                if let Some(t) = self.btf.type_info(id) {
                    let is_signed = t.int_encoding & btf::INT_SIGNED != 0;
                    if t.size_or_type == u32::from(size) && is_signed == signed {
                        return Ok(id);
                    }
                }
            }
        }
        let enc = if signed { btf::INT_SIGNED } else { 0 };
        self.btf.add_int(names[0], u32::from(size), enc)
    }

    fn bool(&mut self) -> Result<u32, Error> {
        if let Some(id) = self.typedef_of_int(BOOL_TYPEDEF, 1, btf::INT_BOOL) {
            return Ok(id);
        }
        if let Some(id) = self.btf.find("_Bool", kind::INT) {
            return Ok(id);
        }
        self.btf.add_int("_Bool", 1, btf::INT_BOOL)
    }

    fn kernel_struct(&mut self, name: &str, place: &Place<'_>) -> Result<u32, Error> {
        if let Some(id) = self.kernel_structs.get(name) {
            return Ok(*id);
        }
        let id = match self.btf.find(name, kind::STRUCT) {
            Some(id) => id,
            None => {
                return Err(Error::UnknownStruct {
                    user: place.user.to_owned(),
                    place: place.what.clone(),
                    name: name.to_owned(),
                    suggestions: suggest(self.btf, &self.structs, name),
                })
            }
        };
        self.kernel_structs.insert(name.to_owned(), id);
        Ok(id)
    }

    fn module_struct(&mut self, s: &'a StructDef) -> Result<u32, Error> {
        if let Some(id) = self.struct_ids.get(&s.name) {
            return Ok(*id);
        }
        if self.in_progress.contains(&s.name) {
            // A pointer back into a struct being defined: a FWD that dedup
            // resolves to the STRUCT.
            return self.btf.add_fwd_struct(&s.name);
        }
        self.in_progress.insert(s.name.clone());
        let mut members = Vec::with_capacity(s.fields.len() + 1);
        for f in &s.fields {
            let place = Place {
                user: &s.name,
                what: format!("field `{}`", f.name),
            };
            let id = self.ty(&f.ty, &place)?;
            members.push((f.name.clone(), id, f.offset));
        }
        // The object marker (`kfunc::verifier`): a zero-length `u8` array
        // at the end, so the verifier never takes plain memory for the
        // struct. `u8`, not a struct element: a trailing zero-length array
        // of structs would let programs read past the object. Data structs
        // (`#[btf(data)]`, taken by copy) stay structs of scalars.
        if !s.data {
            let byte = self.int(1, false)?;
            let idx = self.base_int(4, false)?;
            let marker = self.btf.add_array(idx, byte, 0)?;
            members.push((verifier::OBJECT_MARKER.to_owned(), marker, s.size));
        }
        let id = self.btf.add_struct(&s.name, s.size, &members)?;
        self.in_progress.remove(&s.name);
        self.struct_ids.insert(s.name.clone(), id);
        Ok(id)
    }

    /// The type id of `t`, adding types as needed.
    pub fn ty(&mut self, t: &TypeRef, place: &Place<'_>) -> Result<u32, Error> {
        if let Some(id) = self.cache.get(t) {
            return Ok(*id);
        }
        let id = match t {
            TypeRef::Void => return Ok(0),
            TypeRef::Int { size, signed } => self.int(*size, *signed)?,
            TypeRef::Bool => self.bool()?,
            TypeRef::Char { signed } => self.char(*signed)?,
            TypeRef::Struct { name } => match self.structs.get(name.as_str()).copied() {
                Some(s) => self.module_struct(s)?,
                None => self.kernel_struct(name, place)?,
            },
            TypeRef::Ptr { mutable, pointee } => {
                let p = self.ty(pointee, place)?;
                let p = if *mutable { p } else { self.btf.add_const(p)? };
                self.btf.add_ptr(p)?
            }
            TypeRef::FnPtr { ret, params } => {
                let r = self.ty(ret, place)?;
                let mut ps = Vec::with_capacity(params.len());
                for p in params {
                    ps.push((String::new(), self.ty(p, place)?));
                }
                let proto = self.btf.add_func_proto(r, &ps)?;
                self.btf.add_ptr(proto)?
            }
            TypeRef::Array { len, elem } => {
                let e = self.ty(elem, place)?;
                let idx = self.base_int(4, false)?;
                self.btf.add_array(idx, e, *len)?
            }
        };
        if self.in_progress.is_empty() {
            self.cache.insert(t.clone(), id);
        }
        Ok(id)
    }

    /// A pointer tagged `address_space(1)` for an arena argument or return.
    fn arena(&mut self, t: &TypeRef, place: &Place<'_>) -> Result<u32, Error> {
        let TypeRef::Ptr { mutable, pointee } = t else {
            return Err(Error::BadStub(format!(
                "{}: {}: an arena value must be a pointer",
                place.user, place.what
            )));
        };
        let p = self.ty(pointee, place)?;
        let p = if *mutable { p } else { self.btf.add_const(p)? };
        let a = self.btf.add_type_attr(ATTR_ARENA, p)?;
        self.btf.add_ptr(a)
    }

    fn proto(&mut self, k: &Kfunc, params: &[&Param], arena: bool) -> Result<u32, Error> {
        let ret_place = Place {
            user: &k.name,
            what: "return value".into(),
        };
        let ret = if arena && k.flags & flags::KF_ARENA_RET != 0 {
            self.arena(&k.ret, &ret_place)?
        } else {
            self.ty(&k.ret, &ret_place)?
        };
        let mut ps = Vec::with_capacity(params.len());
        for (i, p) in params.iter().enumerate() {
            let place = Place {
                user: &k.name,
                what: format!("parameter `{}`", p.name),
            };
            let is_arena = arena
                && (p.suffix == "__arena"
                    || p.suffix == "__arena__nullable"
                    || (i == 0 && k.flags & flags::KF_ARENA_ARG1 != 0)
                    || (i == 1 && k.flags & flags::KF_ARENA_ARG2 != 0));
            let id = if is_arena {
                self.arena(&p.ty, &place)?
            } else {
                self.ty(&p.ty, &place)?
            };
            ps.push((p.btf_name(), id));
        }
        self.btf.add_func_proto(ret, &ps)
    }

    /// Adds the FUNC(s) of one kfunc, in the shape the kernel's build gives a
    /// C kfunc: FUNC_PROTO with named (suffixed) parameters, FUNC with static
    /// linkage, DECL_TAG `bpf_kfunc` (`KF_FASTCALL`, whose DECL_TAG is
    /// `bpf_fastcall`, is refused by `model::check`). An `implicit_args`
    /// kfunc gets the Linux 7.0 shape: FUNC `name` -> interface prototype
    /// (tagged), FUNC `name_impl` -> implementation prototype (untagged).
    /// Arena pointers are tagged like 7.x resolve_btfids does,
    /// on the interface prototype only.
    pub fn kfunc(&mut self, k: &Kfunc) -> Result<(), Error> {
        let all: Vec<&Param> = k.params.iter().collect();
        let arena = k.flags & (flags::KF_ARENA_RET | flags::KF_ARENA_ARG1 | flags::KF_ARENA_ARG2)
            != 0
            || k.params.iter().any(|p| p.suffix.starts_with("__arena"));
        if k.flags & flags::KF_IMPLICIT_ARGS != 0 {
            let full = self.proto(k, &all, false)?;
            let iface: Vec<&Param> = k.interface_params().collect();
            let short = self.proto(k, &iface, arena)?;
            let f = self.btf.add_func(&k.name, btf::FUNC_STATIC, short)?;
            self.btf.add_decl_tag(TAG_KFUNC, f, -1)?;
            self.btf
                .add_func(&format!("{}{IMPL_SUFFIX}", k.name), btf::FUNC_STATIC, full)?;
        } else {
            let p = self.proto(k, &all, arena)?;
            let f = self.btf.add_func(&k.name, btf::FUNC_STATIC, p)?;
            self.btf.add_decl_tag(TAG_KFUNC, f, -1)?;
        }
        Ok(())
    }

    /// Adds the FUNC of a destructor's `void *` wrapper (kbuild/src/dtor.rs):
    /// `void name(void *obj)`, static linkage like every FUNC pahole writes
    /// for a module, and no `bpf_kfunc` tag (it is not in a kfunc set).
    pub fn dtor_wrapper(&mut self, name: &str) -> Result<u32, Error> {
        let void_ptr = self.btf.add_ptr(0)?;
        let proto = self
            .btf
            .add_func_proto(0, &[("obj".to_owned(), void_ptr)])?;
        self.btf.add_func(name, btf::FUNC_STATIC, proto)
    }
}

/// Levenshtein distance.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn suggest(btf: &Btf, module: &HashMap<&str, &StructDef>, name: &str) -> Vec<String> {
    let limit = (name.len() / 3).max(2);
    let mut cands: Vec<(usize, String)> = Vec::new();
    let mut seen = HashSet::new();
    let base_cnt = btf.type_cnt();
    let names = (1..base_cnt)
        .filter(|&id| btf.kind_of(id) == Some(kind::STRUCT))
        .map(|id| btf.name_of(id).to_owned())
        .chain(module.keys().map(|s| s.to_string()));
    for n in names {
        if n.is_empty() || !seen.insert(n.clone()) {
            continue;
        }
        let d = edit_distance(name, &n);
        if d <= limit {
            cands.push((d, n));
        }
    }
    cands.sort();
    cands
        .into_iter()
        .take(3)
        .map(|(_, n)| format!("`{n}`"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("task_strct", "task_struct"), 1);
        assert_eq!(edit_distance("bpf_prog_aux", "bpf_prog_aux"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn int_names_match_pahole_spellings() {
        assert_eq!(int_names(4, false)[0], "unsigned int");
        assert_eq!(int_names(8, false)[0], "long long unsigned int");
        assert!(int_names(8, false).contains(&"unsigned long long"));
        assert_eq!(int_names(2, true)[0], "short int");
    }
}
