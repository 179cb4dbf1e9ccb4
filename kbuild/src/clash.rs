//! Name clashes between kfuncs and vmlinux.
//!
//! The verifier finds a kfunc's address with `kallsyms_lookup_name(name)`,
//! a global lookup over every kernel symbol: a module kfunc whose name is
//! also a vmlinux symbol (a static function or static data too, not only a
//! BTF FUNC) would make BPF programs call the vmlinux one. `apply` refuses
//! such a name; this module collects the names from vmlinux's ELF symbol
//! table and its BTF.

use std::collections::HashMap;
use std::path::Path;

use object::read::{Object, ObjectSymbol};
use object::SymbolKind;

use crate::btf::{kind, Btf};
use crate::error::Error;

/// What a vmlinux name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolClass {
    /// A global function symbol.
    Function,
    /// A function symbol with local binding (`static`).
    StaticFunction,
    /// A global data symbol.
    Data,
    /// A data symbol with local binding (`static`).
    StaticData,
    /// Another kind of symbol (section, absolute, ...).
    Other,
    /// A FUNC of vmlinux BTF (when the symbol table does not have it).
    BtfFunc,
}

impl SymbolClass {
    /// How the message names it.
    pub fn describe(self) -> &'static str {
        match self {
            SymbolClass::Function => "a function",
            SymbolClass::StaticFunction => "a static function",
            SymbolClass::Data => "a data symbol",
            SymbolClass::StaticData => "a static data symbol",
            SymbolClass::Other => "a symbol",
            SymbolClass::BtfFunc => "a BTF function",
        }
    }
}

/// Every name vmlinux defines: its ELF symbol table (all bindings and
/// types) and the FUNCs of its BTF.
#[derive(Debug, Default)]
pub struct VmlinuxNames {
    names: HashMap<String, SymbolClass>,
    /// Whether an ELF symbol table was read (`false` for raw BTF bases such
    /// as `/sys/kernel/btf/vmlinux`).
    pub has_symtab: bool,
}

impl VmlinuxNames {
    /// Reads the names of `path` (an ELF vmlinux, or raw BTF: then only the
    /// BTF FUNCs of `btf` are known).
    pub fn read(path: &Path, btf: &Btf) -> Result<VmlinuxNames, Error> {
        let mut out = VmlinuxNames::default();
        let bytes = std::fs::read(path).map_err(|e| Error::Io(path.to_owned(), e))?;
        if let Ok(file) = object::File::parse(&*bytes) {
            out.has_symtab = file.symbols().next().is_some();
            for s in file.symbols() {
                if s.is_undefined() {
                    continue;
                }
                let Ok(name) = s.name() else { continue };
                if name.is_empty() {
                    continue;
                }
                let class = match (s.kind(), s.is_local()) {
                    (SymbolKind::Text, false) => SymbolClass::Function,
                    (SymbolKind::Text, true) => SymbolClass::StaticFunction,
                    (SymbolKind::Data, false) => SymbolClass::Data,
                    (SymbolKind::Data, true) => SymbolClass::StaticData,
                    (SymbolKind::Section | SymbolKind::File, _) => continue,
                    _ => SymbolClass::Other,
                };
                out.names.entry(name.to_owned()).or_insert(class);
            }
        }
        for id in 1..btf.type_cnt() {
            if btf.kind_of(id) == Some(kind::FUNC) {
                out.names
                    .entry(btf.name_of(id).to_owned())
                    .or_insert(SymbolClass::BtfFunc);
            }
        }
        Ok(out)
    }

    /// What `name` is in vmlinux, if anything.
    pub fn get(&self, name: &str) -> Option<SymbolClass> {
        self.names.get(name).copied()
    }
}

/// Refuses the first of `kfuncs` that vmlinux already defines.
pub fn check<'a>(
    names: &VmlinuxNames,
    kfuncs: impl IntoIterator<Item = &'a str>,
) -> Result<(), Error> {
    for k in kfuncs {
        if let Some(c) = names.get(k) {
            return Err(Error::NameInVmlinux {
                name: k.to_owned(),
                what: c.describe(),
            });
        }
    }
    Ok(())
}
