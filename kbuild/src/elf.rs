//! The ELF side: collect what `kfunc-btf` needs from a module (sections,
//! flag-table symbols, interface stubs) and write the patched module back
//! atomically with `object`'s ELF builder.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use object::read::{Object, ObjectSection, ObjectSymbol};
use object::{FileKind, SectionIndex};

use crate::error::Error;

/// Section of the interface stubs.
pub const INTERFACE_SECTION: &str = ".comment.kfunc.interface";
/// Sections `apply` reads and replaces by name: each may appear once.
pub const REWRITTEN_BY_NAME: [&str; 3] = [INTERFACE_SECTION, ".BTF", ".BTF.base"];
/// Symbol of the set8 header `{cnt, flags}`.
pub const SET8_SYMBOL: &str = "__kfunc_set8";
/// Start of the flag-table pairs (defined by `kbuild/kfunc.lds`).
pub const TABLE_START: &str = "__start_linkme_KFUNC_FLAG_TABLE";
/// End of the flag-table pairs (defined by `kbuild/kfunc.lds`).
pub const TABLE_STOP: &str = "__stop_linkme_KFUNC_FLAG_TABLE";
/// Prefix of a flag-table entry symbol.
pub const ENTRY_PREFIX: &str = "__kfunc_flags__";
/// Prefix of a program-type limit symbol.
pub const LIMIT_PREFIX: &str = "__kfunc_limit__";
/// `BTF_SET8_KFUNCS`.
pub const BTF_SET8_KFUNCS: u32 = 1;

/// A defined symbol: where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymRef {
    /// Section index.
    pub section: usize,
    /// Offset inside the section (`st_value` of a relocatable object).
    pub offset: u64,
    /// `st_size`.
    pub size: u64,
}

/// A section's name and contents.
#[derive(Debug, Clone)]
pub struct SectionInfo {
    /// Name.
    pub name: String,
    /// Contents (empty for NOBITS).
    pub data: Vec<u8>,
    /// `SHF_ALLOC` set.
    pub alloc: bool,
}

/// What `kfunc-btf` reads from a module.
#[derive(Debug)]
pub struct Module {
    /// The file.
    pub path: PathBuf,
    /// The whole file, as read.
    pub bytes: Vec<u8>,
    /// Sections by index (index 0 is the null section).
    pub sections: HashMap<usize, SectionInfo>,
    /// Defined symbols by name (first definition wins; duplicates recorded).
    pub symbols: HashMap<String, SymRef>,
    /// Names defined more than once.
    pub duplicate_symbols: Vec<String>,
    /// Undefined symbols.
    pub undefined: Vec<String>,
    /// `(section, offset)` of every relocation, for sections that are relocated.
    pub relocated_at: Vec<(usize, u64)>,
}

impl Module {
    /// Reads and parses `path`.
    pub fn read(path: &Path) -> Result<Module, Error> {
        let bytes = fs::read(path).map_err(|e| Error::Io(path.to_owned(), e))?;
        Module::parse(path, bytes)
    }

    /// Parses a module already read into memory.
    pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Module, Error> {
        let not_elf = |m: String| Error::NotElf(path.to_owned(), m);
        match FileKind::parse(&*bytes) {
            Ok(FileKind::Elf64) => {}
            Ok(k) => return Err(not_elf(format!("{k:?}; expected a 64-bit ELF"))),
            Err(e) => return Err(not_elf(e.to_string())),
        }
        let file = object::File::parse(&*bytes).map_err(|e| not_elf(e.to_string()))?;
        if !file.is_little_endian() {
            return Err(not_elf("big-endian objects are not supported".into()));
        }
        let mut sections = HashMap::new();
        let mut relocated_at = Vec::new();
        for s in file.sections() {
            // sections are rewritten by name: a name must say which one
            let name = s
                .name()
                .map_err(|e| not_elf(format!("section [{}]: name: {e}", s.index().0)))?
                .to_owned();
            let data = s
                .data()
                .map_err(|e| not_elf(format!("section {name}: {e}")))?;
            let alloc = matches!(s.flags(), object::SectionFlags::Elf { sh_flags, .. }
                if sh_flags.0 & object::elf::SHF_ALLOC.0 != 0);
            for (off, _) in s.relocations() {
                relocated_at.push((s.index().0, off));
            }
            sections.insert(
                s.index().0,
                SectionInfo {
                    name,
                    data: data.to_vec(),
                    alloc,
                },
            );
        }
        for unique in REWRITTEN_BY_NAME {
            let n = sections.values().filter(|s| s.name == unique).count();
            if n > 1 {
                return Err(not_elf(format!(
                    "{n} sections are called {unique}; kfunc-btf reads and rewrites exactly one"
                )));
            }
        }
        let mut symbols = HashMap::new();
        let mut duplicate_symbols = Vec::new();
        let mut undefined = Vec::new();
        for sym in file.symbols() {
            let Ok(name) = sym.name() else { continue };
            if name.is_empty() {
                continue;
            }
            if sym.is_undefined() {
                undefined.push(name.to_owned());
                continue;
            }
            let Some(SectionIndex(section)) = sym.section_index() else {
                continue;
            };
            let r = SymRef {
                section,
                offset: sym.address(),
                size: sym.size(),
            };
            if symbols.insert(name.to_owned(), r).is_some() {
                duplicate_symbols.push(name.to_owned());
            }
        }
        Ok(Module {
            path: path.to_owned(),
            bytes,
            sections,
            symbols,
            duplicate_symbols,
            undefined,
            relocated_at,
        })
    }

    /// The section called `name`, if exactly one exists.
    pub fn section_by_name(&self, name: &str) -> Option<(usize, &SectionInfo)> {
        let mut it = self.sections.iter().filter(|(_, s)| s.name == name);
        let first = it.next()?;
        if it.next().is_some() {
            return None;
        }
        Some((*first.0, first.1))
    }

    /// Contents of the section called `name`.
    pub fn section_data(&self, name: &str) -> Option<&[u8]> {
        self.section_by_name(name).map(|(_, s)| &s.data[..])
    }
}

/// The changes `apply` makes to a module.
#[derive(Debug, Default, Clone)]
pub struct Patch {
    /// New contents of sections (added as non-ALLOC PROGBITS when absent).
    pub sections: Vec<(String, Vec<u8>)>,
    /// New `st_value` of symbols, by name.
    pub symbol_values: Vec<(String, u64)>,
}

/// `SHT_LLVM_ADDRSIG`: clang's address-significance table (`.llvm_addrsig`;
/// not among `object`'s constants).
pub const SHT_LLVM_ADDRSIG: object::elf::SectionType = object::elf::SectionType(0x6fff_4c03);

/// Largest `sh_addralign` `apply` rewrites (64 KiB pages); a larger one would
/// make the written module absurdly large.
pub const MAX_SECTION_ALIGN: u64 = 1 << 16;

/// `(section index, file offset of its sh_type)` of every `SHT_LLVM_ADDRSIG`
/// section.
fn addrsig_sections(bytes: &[u8]) -> Result<Vec<(usize, usize)>, String> {
    use object::read::elf::{FileHeader, SectionHeader};
    type Header = object::elf::FileHeader64<object::Endianness>;
    let header = Header::parse(bytes).map_err(|e| e.to_string())?;
    let endian = header.endian().map_err(|e| e.to_string())?;
    let shdrs = header
        .section_headers(endian, bytes)
        .map_err(|e| e.to_string())?;
    let shoff = header.e_shoff(endian) as usize;
    let size = std::mem::size_of::<object::elf::SectionHeader64<object::Endianness>>();
    Ok(shdrs
        .iter()
        .enumerate()
        .filter(|(_, h)| h.sh_type(endian) == SHT_LLVM_ADDRSIG)
        // sh_type is the second u32 of a section header
        .map(|(i, _)| (i, shoff + i * size + 4))
        .collect())
}

/// Applies `patch` to the module's bytes.
///
/// `.llvm_addrsig` (`SHT_LLVM_ADDRSIG`, clang's address-significance table,
/// which `ld.lld -r` keeps in a module linked by an LLVM toolchain) is
/// dropped: it lists symbol-table indices, which the rewrite may change, and
/// only a final lld link with `--icf` reads it, never the module loader.
pub fn rewrite(module: &Module, patch: &Patch) -> Result<Vec<u8>, Error> {
    use object::build::Id;
    let err = |m: String| Error::NotElf(module.path.clone(), m);
    // `object`'s builder refuses the type: read those sections as opaque
    // PROGBITS from a copy, then delete them
    let addrsig = addrsig_sections(&module.bytes).map_err(err)?;
    let retyped;
    let input: &[u8] = if addrsig.is_empty() {
        &module.bytes
    } else {
        let mut copy = module.bytes.clone();
        // little-endian: `Module::parse` accepts nothing else
        let progbits = object::elf::SHT_PROGBITS.0.to_le_bytes();
        for &(_, at) in &addrsig {
            copy[at..at + 4].copy_from_slice(&progbits);
        }
        retyped = copy;
        &retyped
    };
    let mut b = object::build::elf::Builder::read(input).map_err(|e| err(e.to_string()))?;
    for s in b.sections.iter_mut() {
        // the builder lays sections out with `sh_addralign` as a power of
        // two; ELF also allows 0 (= 1, no constraint)
        match s.sh_addralign {
            0 => s.sh_addralign = 1,
            a if a.is_power_of_two() && a <= MAX_SECTION_ALIGN => {}
            a => {
                return Err(err(format!(
                    "section {} has sh_addralign {a}: not a power of two up to {MAX_SECTION_ALIGN}",
                    String::from_utf8_lossy(s.name.as_slice())
                )))
            }
        }
    }
    for s in b.sections.iter_mut() {
        // builder ids skip the null section
        if addrsig.iter().any(|&(i, _)| i == s.id().index() + 1) {
            s.delete = true;
        }
    }
    for (name, data) in &patch.sections {
        let existing = b
            .sections
            .iter_mut()
            .find(|s| s.name.as_slice() == name.as_bytes());
        match existing {
            Some(s) => s.data = object::build::elf::SectionData::Data(data.clone().into()),
            None => {
                let s = b.sections.add();
                s.name = name.as_bytes().to_vec().into();
                s.sh_type = object::elf::SHT_PROGBITS;
                s.sh_flags = object::elf::SectionFlags(0);
                s.sh_addralign = 1;
                s.data = object::build::elf::SectionData::Data(data.clone().into());
            }
        }
    }
    let mut values: HashMap<&[u8], u64> = patch
        .symbol_values
        .iter()
        .map(|(n, v)| (n.as_bytes(), *v))
        .collect();
    for sym in b.symbols.iter_mut() {
        if let Some(v) = values.remove(sym.name.as_slice()) {
            sym.st_value = v;
        }
    }
    if let Some(name) = values.keys().next() {
        return Err(err(format!(
            "symbol {} vanished",
            String::from_utf8_lossy(name)
        )));
    }
    let mut out = Vec::with_capacity(module.bytes.len() + 4096);
    b.write(&mut out).map_err(|e| err(e.to_string()))?;
    Ok(out)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, `fsync`, the original mode, then `rename`. On error the temporary
/// file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |e| Error::Io(path.to_owned(), e);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{}.kfunc-btf.{}.tmp",
        name.unwrap_or_default(),
        std::process::id()
    ));
    let perms = fs::metadata(path).map_err(io)?.permissions();
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.set_permissions(perms)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io)
}
