//! `kfunc-btf apply`: the pipeline, stage by stage, in the manner of
//! resolve_btfids' `main()`:
//!
//! 1. **collect**: ELF sections and symbols, interface stubs, flag table;
//! 2. **load**: vmlinux BTF (the base), the module's `.BTF` (absent, the
//!    24-byte empty header pahole leaves for Rust, or real BTF of C parts),
//!    and `.BTF.base` when the module carries a distilled base (Linux 7.0+
//!    external modules);
//! 3. **transform**: add FUNC_PROTO / FUNC / DECL_TAG per kfunc and STRUCTs
//!    for `#[derive(BtfType)]` records, then dedup (and distill again);
//! 4. **resolve**: kfunc name -> BTF id;
//! 5. **patch**: ids and `cnt` into the flag table, pairs sorted by id with
//!    their `__kfunc_flags__<name>` symbols moved along, ids into the limits;
//!    the ids of C parts' `.BTF_ids` re-resolved by name against the
//!    renumbered BTF and their sets sorted again ([`crate::btf_ids`]);
//! 6. **write**: `.BTF` (and `.BTF.base`) replaced or added, `.llvm_addrsig`
//!    dropped, atomically.
//!
//! # Why `kfunc-btf` fills the ids itself
//! The kernel's `resolve_btfids` only looks at `__BTF_ID__*` symbols in
//! `.BTF_ids`. Our flag table is a linkme slice in `.kfunc.set8` (placed by
//! `kbuild/kfunc.lds`) with `__kfunc_flags__<name>` symbols, so
//! `resolve_btfids` never sees it: neither the pre-7.0 in-place one nor the
//! 7.0+ one that works on detached files. That is also why the 7.x
//! resolve_btfids never rewrites our implicit-args kfuncs (it only rewrites
//! kfuncs it finds in `.BTF_ids` KFUNCS sets): `apply` writes the final 7.0
//! shape (`foo` = interface, `foo_impl` = implementation) exactly once, and
//! nothing after it touches it. Running after the kernel's own build steps
//! (modfinal / gen-btf.sh) and needing nothing from the tree but `vmlinux`
//! keeps `apply` independent of the resolve_btfids version.
//!
//! # Distilled base
//! When the module has `.BTF.base`, its `.BTF` is split BTF on top of that
//! distilled base. `apply` relocates it onto the full vmlinux BTF
//! (`btf__relocate`, what the kernel does at load time), adds its types
//! there (so a kernel struct such as `bpf_prog_aux` is found in vmlinux even
//! when the distilled base did not mention it), dedups, and distills again
//! (`btf__distill_base`, what 7.x resolve_btfids does), writing both
//! sections. The ids in the flag table are those of the written split BTF on
//! the written distilled base, as for a C module: the kernel relocates them
//! when it registers the set.
//!
//! # Type order
//! 7.x resolve_btfids sorts a module's own BTF types by name (anonymous
//! first) so the kernel can binary-search them; pahole on older trees does
//! not. `apply` keeps the module's convention: when the stored module BTF is
//! sorted by name (which includes the empty BTF of a Rust-only module), the
//! result is sorted the same way (`btf__permute`); otherwise the order
//! pahole wrote is kept and our types follow it.
//!
//! # Idempotence
//! When every kfunc already has its FUNC in the module BTF, the module was
//! applied before: `apply` verifies the flag table against that BTF (ids,
//! sorted, `cnt`, limits) and changes nothing. Any mixture is an error.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use crate::btf::{kind, Btf};
use crate::elf::{self, Module, Patch};
use crate::emit::{Emitter, IMPL_SUFFIX};
use crate::error::Error;
use crate::flags;
use crate::stub::{self, Stubs};
use crate::table::FlagTable;

/// Section of the module's split BTF.
pub const BTF_SECTION: &str = ".BTF";
/// Section of the module's distilled base BTF.
pub const BTF_BASE_SECTION: &str = ".BTF.base";

/// What `apply` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// BTF added and the flag table filled.
    Applied {
        /// Number of kfuncs.
        kfuncs: usize,
    },
    /// The module was already applied and verified; nothing was written.
    AlreadyApplied {
        /// Number of kfuncs.
        kfuncs: usize,
    },
}

/// Stage 1: the module, its stubs and its flag table.
pub struct Collected {
    /// The module.
    pub module: Module,
    /// Its interface stubs.
    pub stubs: Stubs,
    /// Its flag table.
    pub table: FlagTable,
}

/// Reads the module, decodes its stubs and finds its flag table.
pub fn collect(path: &Path) -> Result<Collected, Error> {
    let module = Module::read(path)?;
    let stubs = read_stubs(&module)?;
    let table = FlagTable::collect(&module)?;
    table.match_stubs(&stubs.kfuncs)?;
    // the verifier finds a kfunc's address by its name (kallsyms)
    if let Some(k) = stubs
        .kfuncs
        .iter()
        .find(|k| !module.symbols.contains_key(&k.name))
    {
        return Err(Error::FlagTable(format!(
            "kfunc `{}` has no symbol of that name in the module; the verifier looks its address up by name",
            k.name
        )));
    }
    Ok(Collected {
        module,
        stubs,
        table,
    })
}

/// Decodes the module's interface stubs and checks names are unique.
pub fn read_stubs(module: &Module) -> Result<Stubs, Error> {
    let data = module
        .section_data(elf::INTERFACE_SECTION)
        .ok_or_else(|| Error::NoStubs(module.path.clone()))?;
    let stubs = stub::decode(data)?;
    if stubs.kfuncs.is_empty() {
        return Err(Error::NoStubs(module.path.clone()));
    }
    for w in &stubs.warnings {
        eprintln!("kfunc-btf: warning: {w}");
    }
    crate::model::check(&stubs)?;
    let mut seen = HashSet::new();
    for k in &stubs.kfuncs {
        if !seen.insert(k.name.as_str()) {
            return Err(Error::Duplicate(format!(
                "kfunc `{}` is declared twice",
                k.name
            )));
        }
    }
    for k in &stubs.kfuncs {
        if k.flags & flags::KF_IMPLICIT_ARGS != 0 {
            let implname = format!("{}{IMPL_SUFFIX}", k.name);
            if seen.contains(implname.as_str()) {
                return Err(Error::Duplicate(format!(
                    "kfunc `{implname}` clashes with the implementation FUNC of implicit-args kfunc `{}`",
                    k.name
                )));
            }
        }
    }
    Ok(stubs)
}

/// Stage 2a: vmlinux BTF.
pub fn load_base(path: &Path) -> Result<Rc<Btf>, Error> {
    if !path.exists() {
        return Err(Error::Base(path.to_owned(), "no such file".into()));
    }
    let btf = Btf::parse_file(path).map_err(|e| {
        Error::Base(
            path.to_owned(),
            format!("no BTF found (no .BTF section?): {e}"),
        )
    })?;
    if btf.type_cnt() <= 1 {
        return Err(Error::Base(path.to_owned(), "its BTF is empty".into()));
    }
    Ok(Rc::new(btf))
}

/// The module's BTF as stored in the file.
pub struct ModuleBtf {
    /// Split BTF on its stored base (the distilled base, or vmlinux).
    pub split: Btf,
    /// Whether the stored base is a distilled `.BTF.base`.
    pub distilled: bool,
}

/// Stage 2b: the module's BTF as stored.
pub fn load_module_btf(module: &Module, vmlinux: &Rc<Btf>) -> Result<ModuleBtf, Error> {
    let btf = module.section_data(BTF_SECTION);
    match module.section_data(BTF_BASE_SECTION) {
        Some(base) => {
            let base = Rc::new(Btf::from_bytes(base)?);
            let split = Btf::from_bytes_split(btf.unwrap_or(&[]), base)?;
            Ok(ModuleBtf {
                split,
                distilled: true,
            })
        }
        None => {
            let split = match btf {
                Some(d) if !is_empty_btf(d) => Btf::from_bytes_split(d, vmlinux.clone())?,
                _ => Btf::empty_split(vmlinux.clone())?,
            };
            Ok(ModuleBtf {
                split,
                distilled: false,
            })
        }
    }
}

/// A BTF header with no types and no strings (what pahole leaves for a
/// module without C code).
fn is_empty_btf(d: &[u8]) -> bool {
    if d.len() < 24 || d[0..2] != [0x9f, 0xeb] {
        return false;
    }
    let rd = |o: usize| u32::from_le_bytes([d[o], d[o + 1], d[o + 2], d[o + 3]]);
    rd(12) == 0 && rd(20) == 0
}

/// FUNC name -> id, for the types the split BTF itself holds.
pub fn own_funcs(btf: &Btf) -> HashMap<String, u32> {
    (btf.start_id()..btf.type_cnt())
        .filter(|&id| btf.kind_of(id) == Some(kind::FUNC))
        .map(|id| (btf.name_of(id).to_owned(), id))
        .collect()
}

/// The kernel's marker at the very end of a signed module
/// (`MODULE_SIG_STRING`, after the signature and its length record).
pub const MODULE_SIG_MARKER: &[u8] = b"~Module signature appended~\n";

/// Whether the file at `ko` ends with a module signature.
fn is_signed(ko: &Path) -> Result<bool, Error> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(ko).map_err(|e| Error::Io(ko.to_owned(), e))?;
    let len = f.metadata().map_err(|e| Error::Io(ko.to_owned(), e))?.len();
    let n = MODULE_SIG_MARKER.len() as u64;
    if len < n {
        return Ok(false);
    }
    let mut tail = vec![0u8; MODULE_SIG_MARKER.len()];
    f.seek(SeekFrom::Start(len - n))
        .and_then(|_| f.read_exact(&mut tail))
        .map_err(|e| Error::Io(ko.to_owned(), e))?;
    Ok(tail == MODULE_SIG_MARKER)
}

/// Runs the whole pipeline on `ko` with `base` as vmlinux.
pub fn apply(ko: &Path, base: &Path) -> Result<Outcome, Error> {
    // collect
    let Collected {
        module,
        stubs,
        table,
    } = collect(ko)?;
    let n = stubs.kfuncs.len();
    let dtors = crate::dtor::DtorTable::collect(&module, &stubs)?;
    // load
    let vmlinux = load_base(base)?;
    let names = crate::clash::VmlinuxNames::read(base, &vmlinux)?;
    if !names.has_symtab {
        eprintln!(
            "kfunc-btf: warning: {}: no ELF symbol table (raw BTF?): kfunc names are only \
             checked against vmlinux BTF functions, not against static symbols",
            base.display()
        );
    }
    crate::clash::check(&names, stubs.kfuncs.iter().map(|k| k.name.as_str()))?;
    let ModuleBtf {
        mut split,
        distilled,
    } = load_module_btf(&module, &vmlinux)?;
    let existing = own_funcs(&split);
    let sorted = split.is_sorted_by_name();
    let present = stubs
        .kfuncs
        .iter()
        .filter(|k| existing.contains_key(&k.name))
        .count();
    if present == n {
        // applied before: verify, change nothing
        return match table
            .is_applied(&existing)
            .and_then(|()| dtors.is_applied(&module, &split, &existing))
        {
            Ok(()) => Ok(Outcome::AlreadyApplied { kfuncs: n }),
            Err(why) => Err(Error::Inconsistent(format!(
                "{}: BTF has every kfunc but the flag table does not match it ({why})",
                ko.display()
            ))),
        };
    }
    if present != 0 {
        let k = stubs.kfuncs.iter().find(|k| existing.contains_key(&k.name));
        return Err(Error::Inconsistent(format!(
            "{}: BTF has {present} of {n} kfuncs (e.g. `{}`)",
            ko.display(),
            k.map_or("", |k| &k.name)
        )));
    }
    // everything below changes the file: a signature would break
    if is_signed(ko)? {
        return Err(Error::Signed(ko.to_owned()));
    }
    // the C parts' ids, and the BTF they were resolved against
    let c_ids = crate::btf_ids::BtfIds::collect(&module)?;
    let stored = match &c_ids {
        Some(_) => Some(load_module_btf(&module, &vmlinux)?.split),
        None => None,
    };
    // transform
    if distilled {
        split.relocate(vmlinux.clone())?;
    }
    let mut kfuncs: Vec<_> = stubs.kfuncs.iter().collect();
    kfuncs.sort_by(|a, b| a.name.cmp(&b.name));
    {
        let mut em = Emitter::new(&mut split, &stubs.structs)?;
        let mut structs: Vec<_> = stubs.structs.iter().collect();
        structs.sort_by(|a, b| a.name.cmp(&b.name));
        for s in structs {
            em.ty(
                &stub::TypeRef::Struct {
                    name: s.name.clone(),
                },
                &crate::emit::Place {
                    user: &s.name,
                    what: "definition".into(),
                },
            )?;
        }
        for k in &kfuncs {
            em.kfunc(k)?;
        }
        for d in &dtors.dtors {
            em.dtor_wrapper(&d.wrapper())?;
        }
    }
    split.dedup()?;
    let (mut final_split, final_base) = if distilled {
        let (b, s) = split.distill()?;
        (s, Some(b))
    } else {
        (split, None)
    };
    if sorted {
        final_split.sort_by_name()?;
    }
    // the input was checked when it was parsed, but the stubs can describe
    // a struct that holds itself (a hand-made or damaged record; rustc never
    // writes one): the kernel would refuse the module's BTF (found by
    // fuzzing: the next run of `apply` refused what this one wrote)
    final_split.check_no_value_cycle("the BTF built from the interface stubs")?;
    // resolve
    let ids = own_funcs(&final_split);
    for k in &stubs.kfuncs {
        if !ids.contains_key(&k.name) {
            return Err(Error::Btf(format!(
                "kfunc `{}` has no FUNC after dedup",
                k.name
            )));
        }
    }
    // patch
    let mut patch = Patch::default();
    patch
        .sections
        .push((BTF_SECTION.into(), final_split.raw_data()));
    if let Some(b) = &final_base {
        patch.sections.push((BTF_BASE_SECTION.into(), b.raw_data()));
    }
    table.patch(&module, &ids, &mut patch)?;
    dtors.patch(&module, &final_split, &ids, &mut patch)?;
    if let (Some(c), Some(old)) = (&c_ids, &stored) {
        let keep_below = if distilled { 1 } else { vmlinux.type_cnt() };
        let data = c.reresolve(old, &final_split, keep_below)?;
        patch.sections.push((crate::btf_ids::SECTION.into(), data));
    }
    // write
    let out = elf::rewrite(&module, &patch)?;
    elf::write_atomic(ko, &out)?;
    Ok(Outcome::Applied { kfuncs: n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_btf_header_is_recognised() {
        // what pahole leaves in a module without C code: a bare header
        let mut h = vec![0x9f, 0xeb, 1, 0, 24, 0, 0, 0];
        h.extend_from_slice(&[0; 16]);
        assert!(is_empty_btf(&h));
        h[12] = 4;
        assert!(!is_empty_btf(&h));
        assert!(!is_empty_btf(&h[..10]));
    }
}
