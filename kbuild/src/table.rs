//! The flag table (`struct btf_id_set8` placed by `kbuild/kfunc.lds`) and the
//! program-type limits: finding them through their symbols, checking their
//! shape, and computing the patched bytes.

use std::collections::{BTreeMap, HashMap};

use crate::elf::{self, Module, SymRef};
use crate::error::Error;
use crate::stub::Kfunc;

/// One `{id, flags}` pair and the symbol that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Kfunc name (the symbol without `__kfunc_flags__`).
    pub name: String,
    /// Offset of the pair inside the section.
    pub offset: u64,
    /// `id` as stored.
    pub id: u32,
    /// `flags` as stored.
    pub flags: u32,
}

/// One program-type limit `{id, _pad, mask}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// Kfunc name.
    pub name: String,
    /// Section index.
    pub section: usize,
    /// Offset inside the section.
    pub offset: u64,
    /// `id` as stored.
    pub id: u32,
    /// Program-type mask.
    pub mask: u64,
}

/// The module's flag table.
#[derive(Debug, Clone)]
pub struct FlagTable {
    /// Name of the section holding header and pairs.
    pub section_name: String,
    /// Section index.
    pub section: usize,
    /// Offset of the set8 header.
    pub header_offset: u64,
    /// `cnt` as stored.
    pub cnt: u32,
    /// `flags` of the set as stored.
    pub set_flags: u32,
    /// Entries in their current order.
    pub entries: Vec<Entry>,
    /// Program-type limits.
    pub limits: Vec<Limit>,
}

fn u32_at(d: &[u8], off: u64) -> Option<u32> {
    let o = usize::try_from(off).ok()?;
    let b = d.get(o..o.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(d: &[u8], off: u64) -> Option<u64> {
    Some(u64::from(u32_at(d, off)?) | (u64::from(u32_at(d, off.checked_add(4)?)?) << 32))
}

impl FlagTable {
    /// Finds and checks the flag table: the set8 header, the pairs right
    /// behind it, one entry symbol per pair, and the limits.
    pub fn collect(m: &Module) -> Result<FlagTable, Error> {
        let ft = |s: String| Error::FlagTable(s);
        let sym = |name: &str| -> Result<&SymRef, Error> {
            m.symbols.get(name).ok_or_else(|| {
                ft(format!(
                    "symbol {name} is missing{}",
                    if name == elf::SET8_SYMBOL {
                        " (the set header comes from the kfunc runtime crate)"
                    } else {
                        " (was the module linked with kbuild/kfunc.lds?)"
                    }
                ))
            })
        };
        for d in &m.duplicate_symbols {
            // the section bounds too: which of two definitions a reader
            // takes depends on the symbol order, which writing the module
            // changes (locals first), so a second run would read the other
            // one (found by fuzzing)
            if d.starts_with(elf::ENTRY_PREFIX)
                || d.starts_with(elf::LIMIT_PREFIX)
                || d == elf::SET8_SYMBOL
                || d.starts_with("__start_linkme_KFUNC_")
                || d.starts_with("__stop_linkme_KFUNC_")
            {
                return Err(Error::Duplicate(format!("symbol {d} is defined twice")));
            }
        }
        let header = sym(elf::SET8_SYMBOL)?;
        if header.size != 8 {
            return Err(ft(format!(
                "set header {} has size {}, expected 8 (u32 cnt, u32 flags)",
                elf::SET8_SYMBOL,
                header.size
            )));
        }
        let start = sym(elf::TABLE_START)?;
        let stop = sym(elf::TABLE_STOP)?;
        if start.section != header.section
            || stop.section != header.section
            || header.offset.checked_add(8) != Some(start.offset)
        {
            return Err(ft(format!(
                "the pairs do not follow the set header {} directly: \
                 link the module with kbuild/kfunc.lds",
                elf::SET8_SYMBOL
            )));
        }
        if stop.offset < start.offset || (stop.offset - start.offset) % 8 != 0 {
            return Err(ft(format!(
                "the table is {} bytes, not a multiple of 8 (u32 id, u32 flags)",
                stop.offset.wrapping_sub(start.offset)
            )));
        }
        let sec = m
            .sections
            .get(&header.section)
            .ok_or_else(|| ft("set header section not found".into()))?;
        let data = &sec.data;
        if (data.len() as u64) < stop.offset {
            return Err(ft(format!("section {} is too short", sec.name)));
        }
        if m.section_by_name(&sec.name).is_none() {
            return Err(ft(format!("section name {} is not unique", sec.name)));
        }
        if let Some((_, off)) = m
            .relocated_at
            .iter()
            .find(|(s, o)| *s == header.section && *o >= header.offset && *o < stop.offset)
        {
            return Err(ft(format!(
                "a relocation patches offset {off:#x} of the flag table; its entries must be constants"
            )));
        }
        let n = (stop.offset - start.offset) / 8;
        let mut by_offset: BTreeMap<u64, String> = BTreeMap::new();
        for (name, s) in &m.symbols {
            let Some(kf) = name.strip_prefix(elf::ENTRY_PREFIX) else {
                continue;
            };
            if s.size != 8 {
                return Err(ft(format!(
                    "entry symbol {name} has size {}, expected 8",
                    s.size
                )));
            }
            if s.section != header.section
                || s.offset < start.offset
                || s.offset >= stop.offset
                || (s.offset - start.offset) % 8 != 0
            {
                return Err(ft(format!(
                    "entry symbol {name} is not inside the table behind {}",
                    elf::SET8_SYMBOL
                )));
            }
            if let Some(other) = by_offset.insert(s.offset, kf.to_owned()) {
                return Err(ft(format!("entries {other} and {kf} share one pair")));
            }
        }
        if by_offset.len() as u64 != n {
            return Err(ft(format!(
                "{n} pairs but {} entry symbols {}*",
                by_offset.len(),
                elf::ENTRY_PREFIX
            )));
        }
        let entries = by_offset
            .into_iter()
            .map(|(offset, name)| Entry {
                name,
                offset,
                id: u32_at(data, offset).unwrap_or(0),
                flags: u32_at(data, offset + 4).unwrap_or(0),
            })
            .collect();
        let mut limits = Vec::new();
        for (name, s) in &m.symbols {
            let Some(kf) = name.strip_prefix(elf::LIMIT_PREFIX) else {
                continue;
            };
            if s.size != 16 {
                return Err(ft(format!(
                    "limit symbol {name} has size {}, expected 16",
                    s.size
                )));
            }
            let d = m
                .sections
                .get(&s.section)
                .map(|x| &x.data[..])
                .unwrap_or(&[]);
            let mask = s.offset.checked_add(8).and_then(|o| u64_at(d, o));
            let (Some(id), Some(mask)) = (u32_at(d, s.offset), mask) else {
                return Err(ft(format!(
                    "limit symbol {name} points outside its section"
                )));
            };
            if m.section_by_name(&m.sections[&s.section].name).is_none() {
                return Err(ft(format!(
                    "limit symbol {name} is in section {}, whose name is not unique",
                    m.sections[&s.section].name
                )));
            }
            limits.push(Limit {
                name: kf.to_owned(),
                section: s.section,
                offset: s.offset,
                id,
                mask,
            });
        }
        limits.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(FlagTable {
            section_name: sec.name.clone(),
            section: header.section,
            header_offset: header.offset,
            cnt: u32_at(data, header.offset).unwrap_or(0),
            set_flags: u32_at(data, header.offset + 4).unwrap_or(0),
            entries,
            limits,
        })
    }

    /// Checks that entries and limits correspond one to one to the kfunc
    /// stubs, with the same flags and program types.
    pub fn match_stubs(&self, kfuncs: &[Kfunc]) -> Result<(), Error> {
        let ft = |s: String| Error::FlagTable(s);
        let stubs: HashMap<&str, &Kfunc> = kfuncs.iter().map(|k| (k.name.as_str(), k)).collect();
        let entries: HashMap<&str, &Entry> =
            self.entries.iter().map(|e| (e.name.as_str(), e)).collect();
        for e in &self.entries {
            let Some(k) = stubs.get(e.name.as_str()) else {
                return Err(ft(format!(
                    "entry {}{} has no interface stub: declare kfunc `{}` with #[kfunc]",
                    elf::ENTRY_PREFIX,
                    e.name,
                    e.name
                )));
            };
            if k.flags != e.flags {
                return Err(ft(format!(
                    "kfunc `{}`: flags {:#x} in the flag table but {:#x} in its interface stub",
                    e.name, e.flags, k.flags
                )));
            }
        }
        for k in kfuncs {
            if !entries.contains_key(k.name.as_str()) {
                return Err(ft(format!(
                    "kfunc `{}` has an interface stub but no flag-table entry {}{}",
                    k.name,
                    elf::ENTRY_PREFIX,
                    k.name
                )));
            }
            let limit = self.limits.iter().find(|l| l.name == k.name);
            match (k.prog_types, limit) {
                (0, None) => {}
                (0, Some(_)) => {
                    return Err(ft(format!(
                        "kfunc `{}` has a program-type limit symbol but no prog_types in its stub",
                        k.name
                    )))
                }
                (m, None) => {
                    return Err(ft(format!(
                        "kfunc `{}`: prog_types {m:#x} but no limit symbol {}{}",
                        k.name,
                        elf::LIMIT_PREFIX,
                        k.name
                    )))
                }
                (m, Some(l)) if l.mask != m => {
                    return Err(ft(format!(
                        "kfunc `{}`: program-type mask {:#x} in the limit, {m:#x} in the stub",
                        k.name, l.mask
                    )))
                }
                _ => {}
            }
        }
        if let Some(l) = self
            .limits
            .iter()
            .find(|l| !stubs.contains_key(l.name.as_str()))
        {
            return Err(ft(format!(
                "limit {}{} has no interface stub",
                elf::LIMIT_PREFIX,
                l.name
            )));
        }
        Ok(())
    }

    /// Offset of the first pair.
    pub fn pairs_offset(&self) -> u64 {
        self.header_offset + 8
    }

    /// Whether the table is in the state `apply` leaves it in, given the
    /// BTF ids of the kfuncs: right ids, sorted, `cnt` set.
    pub fn is_applied(&self, ids: &HashMap<String, u32>) -> Result<(), String> {
        if self.cnt as usize != self.entries.len() {
            return Err(format!(
                "cnt is {}, {} entries",
                self.cnt,
                self.entries.len()
            ));
        }
        let mut prev = 0;
        for e in &self.entries {
            let want = ids.get(&e.name).copied().unwrap_or(0);
            if e.id != want {
                return Err(format!("entry {} has id {}, BTF says {want}", e.name, e.id));
            }
            if e.id <= prev {
                return Err(format!(
                    "entry {} (id {}) is not sorted by id",
                    e.name, e.id
                ));
            }
            prev = e.id;
        }
        for l in &self.limits {
            let want = ids.get(&l.name).copied().unwrap_or(0);
            if l.id != want {
                return Err(format!("limit {} has id {}, BTF says {want}", l.name, l.id));
            }
        }
        Ok(())
    }

    /// Computes the patch that fills ids and `cnt` and sorts the pairs by id,
    /// moving each entry symbol with its pair.
    pub fn patch(
        &self,
        m: &Module,
        ids: &HashMap<String, u32>,
        patch: &mut elf::Patch,
    ) -> Result<(), Error> {
        let mut sections: HashMap<usize, Vec<u8>> = HashMap::new();
        let mut data = m.sections[&self.section].data.clone();
        let mut sorted: Vec<(u32, &Entry)> = Vec::with_capacity(self.entries.len());
        for e in &self.entries {
            let id = *ids.get(&e.name).ok_or_else(|| {
                Error::Btf(format!("kfunc `{}` has no FUNC in the module BTF", e.name))
            })?;
            sorted.push((id, e));
        }
        sorted.sort_unstable_by_key(|(id, _)| *id);
        let h = self.header_offset as usize;
        data[h..h + 4].copy_from_slice(&(self.entries.len() as u32).to_le_bytes());
        for (i, (id, e)) in sorted.iter().enumerate() {
            let off = self.pairs_offset() + 8 * i as u64;
            let o = off as usize;
            data[o..o + 4].copy_from_slice(&id.to_le_bytes());
            data[o + 4..o + 8].copy_from_slice(&e.flags.to_le_bytes());
            patch
                .symbol_values
                .push((format!("{}{}", elf::ENTRY_PREFIX, e.name), off));
        }
        sections.insert(self.section, data);
        for l in &self.limits {
            let id = ids[&l.name];
            let d = sections
                .entry(l.section)
                .or_insert_with(|| m.sections[&l.section].data.clone());
            let o = l.offset as usize;
            d[o..o + 4].copy_from_slice(&id.to_le_bytes());
        }
        let mut secs: Vec<_> = sections.into_iter().collect();
        secs.sort_by_key(|(i, _)| *i);
        for (i, d) in secs {
            patch.sections.push((m.sections[&i].name.clone(), d));
        }
        Ok(())
    }
}
