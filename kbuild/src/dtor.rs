//! The destructor table: `struct btf_id_dtor_kfunc` entries
//! (`{u32 btf_id; u32 kfunc_btf_id;}`) of `#[kfunc(release, dtor)]`, one per
//! module type BPF programs may store in maps, in the linkme section
//! `linkme_KFUNC_DTOR_TABLE` (placed by `kbuild/kfunc.lds`), each named by a
//! symbol `__kfunc_dtor__<kfunc>`. `apply` checks each entry against the
//! kfunc's interface stub as `register_btf_id_dtor_kfuncs` will (a release
//! kfunc returning void with one pointer parameter, here to a module
//! struct) and fills in the BTF ids of the struct and of the function the
//! kernel calls.
//!
//! That function is not the kfunc but its `void *` wrapper `<kfunc>_dtor`,
//! which the macro emits beside the entry: the kernel finds it by the name
//! of the table's FUNC in the module's symbols and calls it as
//! `void (*)(void *)`, which kCFI checks against the callee's type. `apply`
//! adds its FUNC, `void <kfunc>_dtor(void *obj)`, without the `bpf_kfunc`
//! tag: BPF programs cannot call it (C's `bpf_task_release_dtor` has the same
//! shape).

use std::collections::{HashMap, HashSet};

use crate::btf::{kind, Btf};
use crate::elf::{Module, Patch};
use crate::error::Error;
use crate::flags;
use crate::stub::{Stubs, TypeRef};

/// Section of the table.
pub const SECTION: &str = "linkme_KFUNC_DTOR_TABLE";
/// Prefix of an entry's symbol.
pub const PREFIX: &str = "__kfunc_dtor__";
/// Suffix of the wrapper the kernel calls (macros/src/dtor.rs has the same).
pub const WRAPPER_SUFFIX: &str = "_dtor";

/// One destructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dtor {
    /// The destructor kfunc.
    pub kfunc: String,
    /// The module struct it destroys.
    pub object: String,
    /// Offset of the entry in the section.
    pub offset: u64,
}

/// The function the kernel calls for the destructor kfunc `kfunc`:
/// `<kfunc>_dtor`.
pub fn wrapper_name(kfunc: &str) -> String {
    format!("{kfunc}{WRAPPER_SUFFIX}")
}

impl Dtor {
    /// The function the kernel calls, `<kfunc>_dtor`.
    pub fn wrapper(&self) -> String {
        wrapper_name(&self.kfunc)
    }
}

/// The module's destructor table.
#[derive(Debug, Clone, Default)]
pub struct DtorTable {
    /// Section index (when there are entries).
    pub section: Option<usize>,
    /// Entries, by offset.
    pub dtors: Vec<Dtor>,
}

fn err(m: String) -> Error {
    Error::Dtor(m)
}

impl DtorTable {
    /// Finds the entries and checks each against its kfunc's stub.
    pub fn collect(m: &Module, stubs: &Stubs) -> Result<DtorTable, Error> {
        if let Some(d) = m.duplicate_symbols.iter().find(|d| d.starts_with(PREFIX)) {
            return Err(Error::Duplicate(format!("symbol {d} is defined twice")));
        }
        let kfuncs: HashMap<&str, _> = stubs.kfuncs.iter().map(|k| (k.name.as_str(), k)).collect();
        let structs: HashSet<&str> = stubs.structs.iter().map(|s| s.name.as_str()).collect();
        let mut table = DtorTable::default();
        let mut objects: HashMap<String, String> = HashMap::new();
        let mut names: Vec<(&String, _)> = m
            .symbols
            .iter()
            .filter(|(n, _)| n.starts_with(PREFIX))
            .collect();
        names.sort_by_key(|(_, s)| s.offset);
        for (sym, s) in names {
            let name = &sym[PREFIX.len()..];
            let sec = m.sections.get(&s.section).map(|x| x.name.as_str());
            if sec != Some(SECTION) || s.size != 8 {
                return Err(err(format!(
                    "{sym} is not an 8-byte entry of section {SECTION} (was the module linked with kbuild/kfunc.lds?)"
                )));
            }
            // The entry is patched in place: it must lie inside the section.
            let len = m.sections[&s.section].data.len() as u64;
            if s.offset.checked_add(8).is_none_or(|end| end > len) {
                return Err(err(format!(
                    "{sym} lies outside section {SECTION} (offset {}, section size {len})",
                    s.offset
                )));
            }
            if table.section.is_some_and(|x| x != s.section) {
                return Err(err(format!("{SECTION} is not unique")));
            }
            table.section = Some(s.section);
            let k = kfuncs
                .get(name)
                .ok_or_else(|| err(format!("{sym} names no kfunc with an interface stub")))?;
            let why = if k.flags & flags::KF_RELEASE == 0 {
                Some("it is not a release kfunc")
            } else if k.ret != TypeRef::Void {
                Some("it does not return void")
            } else if k.params.len() != 1 {
                Some("it does not take exactly one parameter")
            } else {
                None
            };
            if let Some(why) = why {
                return Err(err(format!(
                    "kfunc `{name}` is declared a destructor but {why}; register_btf_id_dtor_kfuncs \
                     needs `void {name}(T *obj)` of a release kfunc"
                )));
            }
            let object = match &k.params[0].ty {
                TypeRef::Ptr { pointee, .. } => match &**pointee {
                    TypeRef::Struct { name: s } if structs.contains(s.as_str()) => s.clone(),
                    _ => {
                        return Err(err(format!(
                        "kfunc `{name}` is declared a destructor but its parameter does not point \
                             to a #[derive(BtfType)] struct of the module"
                    )))
                    }
                },
                _ => {
                    return Err(err(format!(
                        "kfunc `{name}` is declared a destructor but its parameter is not a pointer"
                    )))
                }
            };
            let wrapper = wrapper_name(name);
            if !m.symbols.contains_key(&wrapper) {
                return Err(err(format!(
                    "kfunc `{name}` is declared a destructor but the module has no `{wrapper}`, the \
                     `void *` function the kernel calls (built by an older kfunc macro? rebuild the module)"
                )));
            }
            if let Some(first) = objects.insert(object.clone(), name.to_owned()) {
                return Err(Error::Duplicate(format!(
                    "struct `{object}` has two destructors, `{first}` and `{name}`"
                )));
            }
            table.dtors.push(Dtor {
                kfunc: name.to_owned(),
                object,
                offset: s.offset,
            });
        }
        Ok(table)
    }

    /// The `(struct id, wrapper FUNC id)` of every entry in `btf` (own
    /// types only).
    fn ids(&self, btf: &Btf, funcs: &HashMap<String, u32>) -> Result<Vec<(u32, u32)>, Error> {
        let structs: HashMap<&str, u32> = (btf.start_id()..btf.type_cnt())
            .filter(|&id| btf.kind_of(id) == Some(kind::STRUCT))
            .map(|id| (btf.name_of(id), id))
            .collect();
        self.dtors
            .iter()
            .map(|d| {
                let s = structs.get(d.object.as_str()).copied().ok_or_else(|| {
                    err(format!(
                        "struct `{}` (destroyed by `{}`) has no STRUCT in the module BTF",
                        d.object, d.kfunc
                    ))
                })?;
                let f = funcs.get(&d.wrapper()).copied().ok_or_else(|| {
                    err(format!(
                        "`{}` (the destructor of `{}`) has no FUNC in the module BTF",
                        d.wrapper(),
                        d.object
                    ))
                })?;
                Ok((s, f))
            })
            .collect()
    }

    /// Adds the filled table to `patch`.
    pub fn patch(
        &self,
        m: &Module,
        btf: &Btf,
        funcs: &HashMap<String, u32>,
        patch: &mut Patch,
    ) -> Result<(), Error> {
        let Some(sec) = self.section else {
            return Ok(());
        };
        let mut data = m.sections[&sec].data.clone();
        for (d, (s, f)) in self.dtors.iter().zip(self.ids(btf, funcs)?) {
            let o = d.offset as usize;
            data[o..o + 4].copy_from_slice(&s.to_le_bytes());
            data[o + 4..o + 8].copy_from_slice(&f.to_le_bytes());
        }
        patch.sections.push((SECTION.into(), data));
        Ok(())
    }

    /// Whether the stored table is the filled one for `btf` (a module
    /// applied before).
    pub fn is_applied(
        &self,
        m: &Module,
        btf: &Btf,
        funcs: &HashMap<String, u32>,
    ) -> Result<(), String> {
        let Some(sec) = self.section else {
            return Ok(());
        };
        let data = &m.sections[&sec].data;
        let ids = self.ids(btf, funcs).map_err(|e| e.to_string())?;
        for (d, (s, f)) in self.dtors.iter().zip(ids) {
            let o = d.offset as usize;
            let rd =
                |o: usize| u32::from_le_bytes([data[o], data[o + 1], data[o + 2], data[o + 3]]);
            if (rd(o), rd(o + 4)) != (s, f) {
                return Err(format!(
                    "destructor entry of `{}` is ({}, {}), expected ({s}, {f})",
                    d.kfunc,
                    rd(o),
                    rd(o + 4)
                ));
            }
        }
        Ok(())
    }
}
