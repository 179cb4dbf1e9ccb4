//! The `.BTF_ids` of a module's C parts.
//!
//! A module may have C parts with their own `.BTF_ids` (a C kfunc set, a
//! struct_ops, `BTF_ID_LIST`s), which the kernel's `resolve_btfids` filled
//! before `apply` runs: type ids of the module BTF as it was then. `apply`
//! adds, dedups, re-distills and re-sorts that BTF, which renumbers the
//! module's own types (and, with a distilled base, the base's), so those ids
//! would point at other types: the kernel then refuses the C set
//! (`register_btf_kfunc_id_set` returns -EINVAL) or, worse, uses the wrong
//! type.
//!
//! `apply` therefore re-resolves them, as `resolve_btfids` resolves them:
//! every 4-byte id slot named by a `__BTF_ID__<kind>__<name>__<n>` symbol,
//! and every id of a `__BTF_ID__set__<name>` / `__BTF_ID__set8__<name>`
//! set, is mapped through its type's kind and name (in the BTF as stored)
//! to the id of the first type of that kind and name in the BTF as written
//! (resolve_btfids also takes the first one), and every set is sorted by id
//! again (set8 pairs move with their flags). The mapping starts from the
//! stored id, not from the symbol name, because resolve_btfids' sort has
//! already separated set entries from their symbols. An id of 0 (left
//! unresolved by resolve_btfids) stays 0; an id whose type cannot be found
//! by name (anonymous, or gone) refuses the module, naming the symbol.

use std::collections::BTreeSet;

use object::read::{Object, ObjectSection, ObjectSymbol};

use crate::btf::{kind, Btf};
use crate::elf::Module;
use crate::error::Error;

/// The section resolve_btfids fills.
pub const SECTION: &str = ".BTF_ids";
/// Prefix of its symbols.
pub const PREFIX: &str = "__BTF_ID__";

/// A set in `.BTF_ids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set {
    /// Symbol name.
    pub symbol: String,
    /// Offset of the header in the section.
    pub offset: u64,
    /// Number of entries (from the symbol size, as resolve_btfids counts).
    pub cnt: u64,
    /// `set8` (`{u32 cnt; u32 flags; {u32 id; u32 flags} pairs[]}`) rather
    /// than `set` (`{u32 cnt; u32 ids[]}`).
    pub set8: bool,
}

/// The module's `.BTF_ids`: its contents, id slots and sets.
#[derive(Debug, Clone)]
pub struct BtfIds {
    /// Section contents as stored.
    pub data: Vec<u8>,
    /// Offsets of the id slots, with a symbol naming each (for messages).
    pub slots: Vec<(u64, String)>,
    /// The sets.
    pub sets: Vec<Set>,
}

fn err(m: String) -> Error {
    Error::CPartIds(m)
}

fn u32_at(d: &[u8], off: u64) -> Option<u32> {
    let o = usize::try_from(off).ok()?;
    let b = d.get(o..o.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn put_u32(d: &mut [u8], off: u64, v: u32) {
    let o = off as usize;
    d[o..o + 4].copy_from_slice(&v.to_le_bytes());
}

impl BtfIds {
    /// The module's `.BTF_ids`, if it has one with `__BTF_ID__` symbols.
    pub fn collect(m: &Module) -> Result<Option<BtfIds>, Error> {
        let Some((index, sec)) = m.section_by_name(SECTION) else {
            return Ok(None);
        };
        let data = sec.data.clone();
        let file = object::File::parse(&*m.bytes)
            .map_err(|e| Error::NotElf(m.path.clone(), e.to_string()))?;
        let base = file
            .section_by_index(object::SectionIndex(index))
            .map(|s| s.address())
            .unwrap_or(0);
        let mut slots = BTreeSet::new();
        let mut names = std::collections::HashMap::new();
        let mut sets = Vec::new();
        for sym in file.symbols() {
            if sym.section_index() != Some(object::SectionIndex(index)) {
                continue;
            }
            let Ok(name) = sym.name() else { continue };
            let Some(rest) = name.strip_prefix(PREFIX) else {
                continue;
            };
            let Some(off) = sym.address().checked_sub(base) else {
                return Err(err(format!("symbol {name} lies before {SECTION}")));
            };
            let (set8, per) = if rest.starts_with("set8__") {
                (true, 8)
            } else if rest.starts_with("set__") {
                (false, 4)
            } else if ["struct__", "union__", "typedef__", "func__"]
                .iter()
                .any(|p| rest.starts_with(p))
            {
                slots.insert(off);
                names.entry(off).or_insert_with(|| name.to_owned());
                continue;
            } else {
                return Err(err(format!(
                    "symbol {name} in {SECTION} has a kind this kfunc-btf does not know"
                )));
            };
            let cnt = (sym.size() / per).saturating_sub(1);
            let hdr = if set8 { 8 } else { 4 };
            // the set's extent first: a huge `st_size` is refused here,
            // before it can drive the loop below or overflow an offset
            let end = cnt
                .checked_mul(per)
                .and_then(|n| n.checked_add(hdr))
                .and_then(|n| n.checked_add(off));
            if end.is_none_or(|end| end > data.len() as u64) {
                return Err(err(format!("set {name} overruns {SECTION}")));
            }
            for i in 0..cnt {
                let at = off + hdr + i * per;
                slots.insert(at);
                names.entry(at).or_insert_with(|| format!("{name}[{i}]"));
            }
            sets.push(Set {
                symbol: name.to_owned(),
                offset: off,
                cnt,
                set8,
            });
        }
        if slots.is_empty() && sets.is_empty() {
            return Ok(None);
        }
        for &s in &slots {
            if u32_at(&data, s).is_none() {
                return Err(err(format!(
                    "{}: id slot at {s:#x} is outside {SECTION}",
                    names[&s]
                )));
            }
        }
        let slots = slots.into_iter().map(|o| (o, names[&o].clone())).collect();
        Ok(Some(BtfIds { data, slots, sets }))
    }

    /// The section's new contents: every id mapped from `old` (the module
    /// BTF as stored) to `new` (as written) by kind and name, sets sorted.
    /// Ids below `keep_below` (the vmlinux base, unchanged when the module
    /// has no distilled base) are kept as they are.
    pub fn reresolve(&self, old: &Btf, new: &Btf, keep_below: u32) -> Result<Vec<u8>, Error> {
        let mut d = self.data.clone();
        for (off, sym) in &self.slots {
            let id = u32_at(&d, *off).unwrap_or(0);
            if id == 0 || id < keep_below {
                continue;
            }
            let k = old.kind_of(id).ok_or_else(|| {
                err(format!(
                    "{sym}: id {id} is not a type of the module's BTF (was {SECTION} filled for this BTF?)"
                ))
            })?;
            let name = old.name_of(id);
            if name.is_empty() {
                return Err(err(format!(
                    "{sym}: id {id} is an anonymous {} and cannot be found again by name",
                    kind_name(k)
                )));
            }
            let new_id = new.find(name, k).ok_or_else(|| {
                err(format!(
                    "{sym}: {} `{name}` is missing from the BTF written",
                    kind_name(k)
                ))
            })?;
            put_u32(&mut d, *off, new_id);
        }
        for s in &self.sets {
            let n = s.cnt as usize;
            let at = s.offset as usize;
            if s.set8 {
                let base = at + 8;
                let mut pairs: Vec<[u8; 8]> = (0..n)
                    .map(|i| d[base + 8 * i..base + 8 * i + 8].try_into().unwrap())
                    .collect();
                pairs.sort_by_key(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]));
                for (i, p) in pairs.iter().enumerate() {
                    d[base + 8 * i..base + 8 * i + 8].copy_from_slice(p);
                }
            } else {
                let base = at as u64 + 4;
                let mut ids: Vec<u32> = (0..s.cnt)
                    .map(|i| u32_at(&d, base + 4 * i).unwrap_or(0))
                    .collect();
                ids.sort_unstable();
                for (i, v) in ids.iter().enumerate() {
                    put_u32(&mut d, base + 4 * i as u64, *v);
                }
            }
        }
        Ok(d)
    }
}

fn kind_name(k: u32) -> &'static str {
    match k {
        kind::STRUCT => "struct",
        kind::UNION => "union",
        kind::TYPEDEF => "typedef",
        kind::FUNC => "function",
        _ => "type",
    }
}
