//! A structure-aware mutator for kernel modules (64-bit little-endian ELF
//! relocatable objects), used as libFuzzer's custom mutator.
//!
//! Random byte flips across a whole `.ko` mostly break the ELF container and
//! never reach the stub decoder, libbpf or the flag table. So most mutations
//! here keep the container valid and change one thing `kfunc-btf` reads:
//! - the bytes of one interesting section (`.comment.kfunc.interface`,
//!   `.BTF`, `.BTF.base`, the flag-table section, the symbol and string
//!   tables), in place or resized (later sections and the section header
//!   table are moved, `sh_size` follows);
//! - one field of one BTF type record or of the BTF header, set to a value
//!   near a boundary (0, 1, an id just past the last type, all ones, ...);
//! - one field of one interface-stub record (its length, version, kind, a
//!   type tag, a string length), or a record duplicated;
//! - one field of one symbol (`st_value`, `st_size`, `st_shndx`, `st_info`),
//!   preferring the flag-table symbols.
//!
//! The rest are libFuzzer's own byte mutations on the whole input. Nothing
//! here panics on any input: a mutation that does not apply falls back to
//! the byte mutator.

/// libFuzzer's byte mutator: mutates `data[..size]` in place within
/// `data.len()` bytes and returns the new size.
pub type ByteMutator<'a> = &'a mut dyn FnMut(&mut [u8], usize) -> usize;

/// A small deterministic generator (xorshift64*), seeded by libFuzzer.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u32) -> Rng {
        Rng(u64::from(seed).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    /// The next value.
    pub fn step(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.step() % n as u64) as usize
        }
    }
    /// True with probability `1/n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

fn rd16(d: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        d.get(o..o.checked_add(2)?)?.try_into().ok()?,
    ))
}
fn rd32(d: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        d.get(o..o.checked_add(4)?)?.try_into().ok()?,
    ))
}
fn rd64(d: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        d.get(o..o.checked_add(8)?)?.try_into().ok()?,
    ))
}
fn wr16(d: &mut [u8], o: usize, v: u16) {
    if let Some(b) = o.checked_add(2).and_then(|e| d.get_mut(o..e)) {
        b.copy_from_slice(&v.to_le_bytes());
    }
}
fn wr32(d: &mut [u8], o: usize, v: u32) {
    if let Some(b) = o.checked_add(4).and_then(|e| d.get_mut(o..e)) {
        b.copy_from_slice(&v.to_le_bytes());
    }
}
fn wr64(d: &mut [u8], o: usize, v: u64) {
    if let Some(b) = o.checked_add(8).and_then(|e| d.get_mut(o..e)) {
        b.copy_from_slice(&v.to_le_bytes());
    }
}

/// One section header of the input.
#[derive(Debug, Clone)]
pub struct Shdr {
    /// Index.
    pub index: usize,
    /// Name.
    pub name: String,
    /// `sh_type`.
    pub sh_type: u32,
    /// File offset of the header itself.
    pub at: usize,
    /// `sh_offset`.
    pub offset: usize,
    /// `sh_size`.
    pub size: usize,
    /// `sh_link`.
    pub link: u32,
    /// `sh_info`.
    pub info: u32,
}

const SHT_NOBITS: u32 = 8;
const SHT_SYMTAB: u32 = 2;
const SHT_RELA: u32 = 4;

/// The section headers of a 64-bit little-endian ELF, or `None`.
pub fn sections(d: &[u8]) -> Option<Vec<Shdr>> {
    if d.get(0..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let shoff = usize::try_from(rd64(d, 0x28)?).ok()?;
    let shentsize = usize::from(rd16(d, 0x3a)?);
    let shnum = usize::from(rd16(d, 0x3c)?);
    let shstrndx = usize::from(rd16(d, 0x3e)?);
    if shentsize != 64 || shnum == 0 || shnum > 4096 {
        return None;
    }
    let mut v = Vec::with_capacity(shnum);
    for i in 0..shnum {
        let at = shoff.checked_add(i * 64)?;
        d.get(at..at.checked_add(64)?)?;
        v.push(Shdr {
            index: i,
            name: String::new(),
            sh_type: rd32(d, at + 4)?,
            at,
            offset: usize::try_from(rd64(d, at + 0x18)?).ok()?,
            size: usize::try_from(rd64(d, at + 0x20)?).ok()?,
            link: rd32(d, at + 0x28)?,
            info: rd32(d, at + 0x2c)?,
        });
    }
    let strtab = v.get(shstrndx)?.clone();
    for s in v.iter_mut() {
        let Some(off) = rd32(d, s.at).map(|o| o as usize) else {
            continue;
        };
        let Some(start) = strtab.offset.checked_add(off) else {
            continue;
        };
        let end = strtab.offset.saturating_add(strtab.size).min(d.len());
        if let Some(bytes) = d.get(start..end) {
            let n = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            s.name = String::from_utf8_lossy(&bytes[..n]).into_owned();
        }
    }
    Some(v)
}

impl Shdr {
    /// The section's bytes range in the file, if it has one.
    pub fn range(&self, len: usize) -> Option<std::ops::Range<usize>> {
        if self.sh_type == SHT_NOBITS || self.index == 0 {
            return None;
        }
        let end = self.offset.checked_add(self.size)?;
        (end <= len).then_some(self.offset..end)
    }
}

/// Replaces the contents of section `s` with `new`: the bytes up to the
/// next section (or the section header table) are replaced, and everything
/// behind moves by a multiple of 8 so alignment is kept; `sh_size` becomes
/// `new.len()`.
pub fn resize_section(d: &mut Vec<u8>, s: &Shdr, new: &[u8]) -> bool {
    let Some(r) = s.range(d.len()) else {
        return false;
    };
    let Some(shdrs) = sections(d) else {
        return false;
    };
    let Some(shoff) = rd64(d, 0x28).and_then(|o| usize::try_from(o).ok()) else {
        return false;
    };
    let end = shdrs
        .iter()
        .filter(|h| h.index != s.index && h.index != 0 && h.sh_type != SHT_NOBITS)
        .map(|h| h.offset)
        .chain([shoff, d.len()])
        .filter(|&o| o >= r.end)
        .min()
        .unwrap_or(d.len());
    let old_span = end - r.start;
    let pad = (8 - (new.len() as i64 - old_span as i64).rem_euclid(8)) % 8;
    let mut padded = new.to_vec();
    padded.resize(new.len() + pad as usize, 0);
    let delta = padded.len() as i64 - old_span as i64;
    d.splice(r.start..end, padded);
    let moved = |o: usize| -> u64 {
        if o >= end {
            (o as i64 + delta) as u64
        } else {
            o as u64
        }
    };
    let new_shoff = moved(shoff);
    wr64(d, 0x28, new_shoff);
    for h in &shdrs {
        let at = new_shoff as usize + h.index * 64;
        if h.index == s.index {
            wr64(d, at + 0x20, new.len() as u64);
        } else if h.sh_type != SHT_NOBITS && h.index != 0 {
            wr64(d, at + 0x18, moved(h.offset));
        }
    }
    true
}

/// Values near the boundaries a parser checks.
fn interesting32(rng: &mut Rng, old: u32, hint: u32) -> u32 {
    match rng.below(12) {
        0 => 0,
        1 => 1,
        2 => u32::MAX,
        3 => 0x7fff_ffff,
        4 => 0x8000_0000,
        5 => old.wrapping_add(1),
        6 => old.wrapping_sub(1),
        7 => hint,
        8 => hint.wrapping_add(1),
        9 => old ^ (1 << rng.below(32)),
        10 => old.wrapping_add(rng.below(16) as u32 * 4),
        _ => rng.step() as u32,
    }
}

fn interesting64(rng: &mut Rng, old: u64, hint: u64) -> u64 {
    match rng.below(10) {
        0 => 0,
        1 => u64::MAX,
        2 => u64::MAX - 7,
        3 => old.wrapping_add(8),
        4 => old.wrapping_sub(8),
        5 => hint,
        6 => hint.wrapping_sub(8),
        7 => old ^ (1 << rng.below(64)),
        8 => 1 << rng.below(64),
        _ => rng.step(),
    }
}

/// Byte length of the data after a BTF type's 12-byte header.
fn btf_extra(kind: u32, vlen: u32) -> Option<usize> {
    let v = vlen as usize;
    Some(match kind {
        1 | 14 | 17 => 4,          // INT, VAR, DECL_TAG
        3 => 12,                   // ARRAY
        4 | 5 | 15 | 19 => 12 * v, // STRUCT, UNION, DATASEC, ENUM64
        6 | 13 => 8 * v,           // ENUM, FUNC_PROTO
        2 | 7..=12 | 16 | 18 => 0,
        _ => return None,
    })
}

/// Offsets (inside `btf`) of the u32 words of its header and of every type
/// record, each with a "hint" value for boundary mutations (the number of
/// types, or the string section's length).
fn btf_words(btf: &[u8]) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    if btf.len() < 24 || rd16(btf, 0) != Some(0xeb9f) {
        return out;
    }
    let (Some(hdr_len), Some(type_off), Some(type_len), Some(str_len)) =
        (rd32(btf, 4), rd32(btf, 8), rd32(btf, 12), rd32(btf, 20))
    else {
        return out;
    };
    for o in [4, 8, 12, 16, 20] {
        out.push((o, str_len));
    }
    let start = hdr_len as usize + type_off as usize;
    let end = (start + type_len as usize).min(btf.len());
    let mut o = start;
    let mut n = 0u32;
    let mut records = Vec::new();
    while o + 12 <= end {
        let info = rd32(btf, o + 4).unwrap_or(0);
        let Some(extra) = btf_extra((info >> 24) & 0x1f, info & 0xffff) else {
            break;
        };
        records.push((o, 12 + extra));
        o += 12 + extra;
        n += 1;
    }
    for (o, len) in records {
        for w in (0..len.min(48)).step_by(4) {
            let hint = if w == 0 { str_len } else { n };
            out.push((o + w, hint));
        }
    }
    out
}

/// Offsets of the interface-stub records (`KFNC` magic) in `data`.
fn stub_records(data: &[u8]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut o = 0;
    while o + 12 <= data.len() {
        if &data[o..o + 4] == b"KFNC" {
            let len = rd32(data, o + 8).unwrap_or(0) as usize;
            if len >= 12 && o + len <= data.len() {
                v.push((o, len));
                o += len;
                continue;
            }
        }
        o += 1;
    }
    v
}

/// The sections worth mutating, most interesting first.
fn targets(shdrs: &[Shdr]) -> Vec<&Shdr> {
    shdrs
        .iter()
        .filter(|s| {
            s.name == ".comment.kfunc.interface"
                || s.name.starts_with(".BTF")
                || s.name.starts_with(".kfunc")
                || s.name == ".symtab"
                || s.name == ".strtab"
                || s.name == ".shstrtab"
                || s.name.starts_with(".rela.kfunc")
                || s.name.starts_with(".rodata")
                || s.name.starts_with(".data")
        })
        .collect()
}

fn find<'a>(shdrs: &'a [Shdr], name: &str) -> Option<&'a Shdr> {
    shdrs.iter().find(|s| s.name == name)
}

/// Mutates `data` (a module) and returns `false` when no structured
/// mutation applied (the caller then uses the byte mutator).
pub fn structured(data: &mut Vec<u8>, max: usize, rng: &mut Rng, bytes: ByteMutator<'_>) -> bool {
    let Some(shdrs) = sections(data) else {
        return false;
    };
    match rng.below(6) {
        // one section's bytes, in place or resized
        0 | 1 => {
            let t = targets(&shdrs);
            let Some(s) = (if t.is_empty() {
                None
            } else {
                Some(t[rng.below(t.len())])
            }) else {
                return false;
            };
            let Some(r) = s.range(data.len()) else {
                return false;
            };
            let resizable = s.name.starts_with(".comment.kfunc") || s.name.starts_with(".BTF");
            let room = if resizable {
                max.saturating_sub(data.len() + 8).min(4096) + r.len()
            } else {
                r.len()
            };
            let mut buf = data[r.clone()].to_vec();
            let len = buf.len();
            if len == 0 && !resizable {
                return false;
            }
            buf.resize(room.max(len).max(1), 0);
            let n = bytes(&mut buf, len).min(buf.len());
            if n == len {
                data[r].copy_from_slice(&buf[..n]);
                true
            } else if resizable {
                resize_section(data, s, &buf[..n])
            } else {
                false
            }
        }
        // one BTF field
        2 => {
            let cands: Vec<&Shdr> = shdrs
                .iter()
                .filter(|s| s.name == ".BTF" || s.name == ".BTF.base")
                .collect();
            if cands.is_empty() {
                return false;
            }
            let s = cands[rng.below(cands.len())];
            let Some(r) = s.range(data.len()) else {
                return false;
            };
            let words = btf_words(&data[r.clone()]);
            if words.is_empty() {
                return false;
            }
            let (o, hint) = words[rng.below(words.len())];
            let at = r.start + o;
            let old = rd32(data, at).unwrap_or(0);
            let new = if o >= 24 && rng.one_in(3) && (o - 24) % 12 == 4 {
                // an info word: another kind or vlen
                let kind = rng.below(21) as u32;
                let vlen = interesting32(rng, old & 0xffff, hint) & 0xffff;
                (old & 0x8000_0000) | (kind << 24) | vlen
            } else {
                interesting32(rng, old, hint)
            };
            wr32(data, at, new);
            true
        }
        // one stub field, or a record duplicated
        3 => {
            let Some(s) = find(&shdrs, ".comment.kfunc.interface") else {
                return false;
            };
            let Some(r) = s.range(data.len()) else {
                return false;
            };
            let recs = stub_records(&data[r.clone()]);
            if recs.is_empty() {
                return false;
            }
            let (o, len) = recs[rng.below(recs.len())];
            let at = r.start + o;
            match rng.below(5) {
                0 => {
                    let old = rd32(data, at + 8).unwrap_or(0);
                    wr32(data, at + 8, interesting32(rng, old, len as u32));
                }
                1 => data[at + 4 + rng.below(2)] = rng.below(4) as u8,
                2 => {
                    // a type tag or small count somewhere in the body (a
                    // 12-byte record has none)
                    let p = at + 12 + rng.below(len - 12);
                    let v = match rng.below(4) {
                        0 => rng.below(8) as u8,
                        1 => 0xff,
                        2 => 0x80,
                        _ => 1,
                    };
                    if let Some(b) = data.get_mut(p).filter(|_| len > 12) {
                        *b = if v == 1 { b.wrapping_add(1) } else { v };
                    }
                }
                3 => {
                    // a u16 string length somewhere in the body
                    let p = at + 12 + rng.below(len.saturating_sub(13).max(1));
                    let old = rd16(data, p).unwrap_or(0);
                    let v = match rng.below(4) {
                        0 => 0,
                        1 => u16::MAX,
                        2 => old.wrapping_add(1),
                        _ => old.wrapping_sub(1),
                    };
                    wr16(data, p, v);
                }
                _ => {
                    let mut sec = data[r.clone()].to_vec();
                    if data.len() + len + 8 > max {
                        return false;
                    }
                    let rec = sec[o..o + len].to_vec();
                    let pos = if rng.one_in(2) { sec.len() } else { o };
                    sec.splice(pos..pos, rec);
                    return resize_section(data, s, &sec);
                }
            }
            true
        }
        // one symbol field
        4 => {
            let Some(sym) = shdrs.iter().find(|s| s.sh_type == SHT_SYMTAB) else {
                return false;
            };
            let Some(r) = sym.range(data.len()) else {
                return false;
            };
            let strtab = shdrs
                .get(sym.link as usize)
                .and_then(|s| s.range(data.len()));
            let n = r.len() / 24;
            if n < 2 {
                return false;
            }
            // prefer the flag-table symbols
            let name_of = |i: usize| -> Vec<u8> {
                let (Some(st), Some(off)) = (strtab.clone(), rd32(data, r.start + i * 24)) else {
                    return Vec::new();
                };
                let s = st.start.saturating_add(off as usize);
                let bytes = data.get(s..st.end).unwrap_or(&[]);
                bytes.iter().take_while(|&&b| b != 0).copied().collect()
            };
            let mut pick = 1 + rng.below(n - 1);
            for _ in 0..16 {
                let nm = name_of(pick);
                if nm.starts_with(b"__kfunc") || nm.starts_with(b"__st") {
                    break;
                }
                pick = 1 + rng.below(n - 1);
            }
            let at = r.start + pick * 24;
            match rng.below(5) {
                0 | 1 => {
                    let sec = rd16(data, at + 6).unwrap_or(0) as usize;
                    let hint = shdrs.get(sec).map_or(0, |s| s.size as u64);
                    let old = rd64(data, at + 8).unwrap_or(0);
                    wr64(data, at + 8, interesting64(rng, old, hint));
                }
                2 => {
                    let old = rd64(data, at + 16).unwrap_or(0);
                    wr64(data, at + 16, interesting64(rng, old, 8));
                }
                3 => {
                    let v = match rng.below(4) {
                        0 => 0,
                        1 => 0xfff1, // SHN_ABS
                        2 => rng.below(shdrs.len() + 2) as u16,
                        _ => 0xffff,
                    };
                    wr16(data, at + 6, v);
                }
                _ => data[at + 4] = rng.step() as u8,
            }
            true
        }
        // a relocation entry moved onto the flag table
        _ => {
            let relas: Vec<&Shdr> = shdrs
                .iter()
                .filter(|s| s.sh_type == SHT_RELA && s.size >= 24)
                .collect();
            if relas.is_empty() {
                return false;
            }
            let s = relas[rng.below(relas.len())];
            let Some(r) = s.range(data.len()) else {
                return false;
            };
            let i = rng.below(r.len() / 24);
            let at = r.start + i * 24;
            let old = rd64(data, at).unwrap_or(0);
            wr64(data, at, interesting64(rng, old, 8));
            let _ = s.info;
            true
        }
    }
}

/// The custom mutator: a structured mutation most of the time, libFuzzer's
/// byte mutations otherwise. Returns the new size (at most `max`).
pub fn mutate(data: &mut Vec<u8>, max: usize, seed: u32, bytes: ByteMutator<'_>) -> usize {
    let mut rng = Rng::new(seed);
    let rounds = 1 + rng.below(3);
    let mut done = false;
    for _ in 0..rounds {
        if rng.below(10) < 8 && structured(data, max, &mut rng, bytes) {
            done = true;
        }
    }
    if !done {
        let len = data.len();
        data.resize(max.max(len), 0);
        let n = bytes(data, len);
        data.truncate(n);
    }
    data.truncate(max);
    data.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic_and_bounded() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            let x = a.below(13);
            assert_eq!(x, b.below(13));
            assert!(x < 13);
        }
    }

    #[test]
    fn garbage_is_not_an_elf_and_never_panics() {
        assert!(sections(b"hello").is_none());
        let mut d = b"\x7fELF\x02\x01".to_vec();
        d.resize(200, 0xff);
        let mut flip = |b: &mut [u8], n: usize| {
            if n > 0 {
                b[0] ^= 1;
            }
            n
        };
        for seed in 0..1000 {
            let mut x = d.clone();
            mutate(&mut x, 400, seed, &mut flip);
            assert!(x.len() <= 400);
        }
    }

    #[test]
    fn btf_words_walk_records() {
        // header + one INT "" (12 + 4 bytes) + empty string section
        let mut b = vec![0x9f, 0xeb, 1, 0];
        b.extend_from_slice(&24u32.to_le_bytes()); // hdr_len
        b.extend_from_slice(&0u32.to_le_bytes()); // type_off
        b.extend_from_slice(&16u32.to_le_bytes()); // type_len
        b.extend_from_slice(&16u32.to_le_bytes()); // str_off
        b.extend_from_slice(&1u32.to_le_bytes()); // str_len
        b.extend_from_slice(&0u32.to_le_bytes()); // name_off
        b.extend_from_slice(&(1u32 << 24).to_le_bytes()); // INT
        b.extend_from_slice(&4u32.to_le_bytes()); // size
        b.extend_from_slice(&32u32.to_le_bytes()); // encoding
        b.push(0);
        let w = btf_words(&b);
        assert_eq!(w.len(), 5 + 4);
        assert_eq!(w[5].0, 24);
    }
}
