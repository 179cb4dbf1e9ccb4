//! Regression tests for what fuzzing `kfunc-btf` found (kbuild/fuzz): each
//! builds the smallest module that showed the problem from a real fixture
//! module and checks the fixed behaviour. Each failed before its fix.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use kfunc_btf::apply::{apply, Outcome};
use object::read::elf::{ElfFile64, FileHeader, SectionHeader};
use object::read::{Object, ObjectSection};

fn basic(name: &str) -> PathBuf {
    module(name, &[fixture_obj(&[])], Linker::Gnu)
}

/// File offset of the section header of the section called `name`.
fn shdr_offset(bytes: &[u8], name: &str) -> usize {
    let f = ElfFile64::<object::Endianness>::parse(bytes).unwrap();
    let idx = f
        .sections()
        .find(|s| s.name() == Ok(name))
        .unwrap_or_else(|| panic!("no section {name}"))
        .index()
        .0;
    let shoff = f.elf_header().e_shoff(f.endian()) as usize;
    shoff + idx * 64
}

/// Sets the little-endian u64 at `at`.
fn put64(bytes: &mut [u8], at: usize, v: u64) {
    bytes[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

/// `sh_addralign` of section `name`.
fn addralign(ko: &Path, name: &str) -> u64 {
    let bytes = std::fs::read(ko).unwrap();
    let f = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let s = f.sections().find(|s| s.name() == Ok(name)).unwrap();
    s.elf_section_header().sh_addralign(f.endian())
}

/// Asserts `apply` fails with a message containing `want` and leaves the
/// module as it was, with nothing beside it.
fn refused(ko: &Path, want: &str) {
    let before = std::fs::read(ko).unwrap();
    let listing = dir_listing(ko);
    let e = apply(ko, &base()).expect_err("apply must refuse this module");
    assert!(e.to_string().contains(want), "{e}");
    assert_eq!(std::fs::read(ko).unwrap(), before, "input changed");
    assert_eq!(dir_listing(ko), listing, "files left behind");
}

/// `sh_addralign` 0 (ELF: no constraint, like 1) made `object`'s writer
/// subtract with overflow (a panic; in a release build an output with
/// sections laid over one another). It is written as 1 now.
#[test]
fn section_alignment_zero_is_no_constraint() {
    let ko = basic("fz-align0");
    let mut bytes = std::fs::read(&ko).unwrap();
    let at = shdr_offset(&bytes, ".comment");
    put64(&mut bytes, at + 0x30, 0);
    std::fs::write(&ko, &bytes).unwrap();
    assert_eq!(addralign(&ko, ".comment"), 0);
    assert_eq!(
        apply(&ko, &base()).unwrap(),
        Outcome::Applied { kfuncs: 12 }
    );
    assert_eq!(addralign(&ko, ".comment"), 1);
    let once = std::fs::read(&ko).unwrap();
    assert_eq!(
        apply(&ko, &base()).unwrap(),
        Outcome::AlreadyApplied { kfuncs: 12 }
    );
    assert_eq!(std::fs::read(&ko).unwrap(), once);
}

/// A `sh_addralign` that is not a power of two (or is huge) is refused
/// before anything is written.
#[test]
fn section_alignment_not_a_power_of_two_is_refused() {
    for (i, a) in [3u64, 1 << 40, u64::MAX].into_iter().enumerate() {
        let ko = basic(&format!("fz-align-bad{i}"));
        let mut bytes = std::fs::read(&ko).unwrap();
        let at = shdr_offset(&bytes, ".comment");
        put64(&mut bytes, at + 0x30, a);
        std::fs::write(&ko, &bytes).unwrap();
        refused(&ko, &format!("section .comment has sh_addralign {a}"));
    }
}

/// File offset of the symbol-table entry of the symbol called `name`.
fn sym_offset(bytes: &[u8], name: &str) -> usize {
    use object::read::ObjectSymbol;
    let f = ElfFile64::<object::Endianness>::parse(bytes).unwrap();
    let idx = f
        .symbols()
        .find(|s| s.name() == Ok(name))
        .unwrap_or_else(|| panic!("no symbol {name}"))
        .index()
        .0;
    let symtab = f
        .sections()
        .find(|s| s.name() == Ok(".symtab"))
        .unwrap()
        .elf_section_header()
        .sh_offset(f.endian()) as usize;
    symtab + idx * 24
}

/// A copy of the basic module with `st_value` of `sym` set to `value`.
fn with_symbol_value(name: &str, sym: &str, value: u64) -> PathBuf {
    let ko = basic(name);
    let mut bytes = std::fs::read(&ko).unwrap();
    let at = sym_offset(&bytes, sym);
    put64(&mut bytes, at + 8, value);
    std::fs::write(&ko, &bytes).unwrap();
    ko
}

/// A set header at an offset near `u64::MAX`: `offset + 8` overflowed (a
/// panic; in a release build a wrapped offset, then an out-of-bounds write).
#[test]
fn set_header_offset_near_the_top_is_refused() {
    let ko = with_symbol_value("fz-set8-top", "__kfunc_set8", u64::MAX - 3);
    refused(&ko, "do not follow the set header");
}

/// The same for a program-type limit symbol.
#[test]
fn limit_offset_near_the_top_is_refused() {
    let ko = with_symbol_value("fz-limit-top", "__kfunc_limit__kf_limited", u64::MAX - 5);
    refused(
        &ko,
        "limit symbol __kfunc_limit__kf_limited points outside its section",
    );
}
