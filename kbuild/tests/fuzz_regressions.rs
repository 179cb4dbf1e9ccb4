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
        Outcome::Applied { kfuncs: 11 }
    );
    assert_eq!(addralign(&ko, ".comment"), 1);
    let once = std::fs::read(&ko).unwrap();
    assert_eq!(
        apply(&ko, &base()).unwrap(),
        Outcome::AlreadyApplied { kfuncs: 11 }
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

/// Offsets in `btf` (raw BTF, little endian) of the records of kind `want`.
fn btf_records(btf: &[u8], want: u32) -> Vec<usize> {
    btf_records_numbered(btf, want)
        .into_iter()
        .map(|(o, _)| o)
        .collect()
}

/// `(offset, index among all records)` of the records of kind `want`.
fn btf_records_numbered(btf: &[u8], want: u32) -> Vec<(usize, u32)> {
    let rd = |o: usize| u32::from_le_bytes(btf[o..o + 4].try_into().unwrap());
    let start = rd(4) as usize + rd(8) as usize;
    let end = start + rd(12) as usize;
    let mut o = start;
    let mut out = Vec::new();
    let mut index = 0;
    while o < end {
        let info = rd(o + 4);
        let (kind, vlen) = ((info >> 24) & 0x1f, (info & 0xffff) as usize);
        if kind == want {
            out.push((o, index));
        }
        index += 1;
        o += 12
            + match kind {
                1 | 14 | 17 => 4,
                3 => 12,
                4 | 5 | 15 | 19 => 12 * vlen,
                6 | 13 => 8 * vlen,
                _ => 0,
            };
    }
    out
}

/// A module with C parts whose `.BTF` has a FUNC_PROTO returning a type id
/// that does not exist: libbpf's parser accepts it (it checks parameter
/// types only) and `btf__dedup` then read far out of bounds (SIGSEGV).
#[test]
fn func_proto_returning_a_missing_type_is_refused() {
    let ko = mixed_module("fz-proto-ret", &[cpart_obj()], Linker::Gnu);
    let mut bytes = std::fs::read(&ko).unwrap();
    let f = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let sec = f.sections().find(|s| s.name() == Ok(".BTF")).unwrap();
    let (off, size) = sec.file_range().unwrap();
    let (off, size) = (off as usize, size as usize);
    drop(f);
    let at = off + btf_records(&bytes[off..off + size], 13)[0];
    bytes[at + 8..at + 12].copy_from_slice(&0x0e00_0001u32.to_le_bytes());
    std::fs::write(&ko, &bytes).unwrap();
    refused(&ko, "returning type [234881025], which does not exist");
    // inspect reads the same BTF
    let e = kfunc_btf::inspect::inspect(&ko, &base()).unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
}

/// The mixed module with its `.BTF` bytes changed by `f`.
fn mixed_with_btf(name: &str, f: impl FnOnce(&mut [u8])) -> PathBuf {
    let ko = mixed_module(name, &[cpart_obj()], Linker::Gnu);
    let mut bytes = std::fs::read(&ko).unwrap();
    let file = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let sec = file.sections().find(|s| s.name() == Ok(".BTF")).unwrap();
    let (off, size) = sec.file_range().unwrap();
    let (off, size) = (off as usize, size as usize);
    drop(file);
    f(&mut bytes[off..off + size]);
    std::fs::write(&ko, &bytes).unwrap();
    ko
}

/// A `.BTF` header that says it is 20 bytes long (offsets adjusted so the
/// sections stay where they are): libbpf parses it, then, when `apply` adds
/// types, copies 20 bytes of header into a 20-byte buffer and reads and
/// writes its 24-byte struct there (AddressSanitizer: heap-buffer-overflow
/// in btf_ensure_modifiable).
#[test]
fn btf_header_shorter_than_24_bytes_is_refused() {
    let ko = mixed_with_btf("fz-hdr-len", |b| {
        let rd = |b: &[u8], o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
        let (t, s) = (rd(b, 8), rd(b, 16));
        b[4..8].copy_from_slice(&20u32.to_le_bytes());
        b[8..12].copy_from_slice(&(t + 4).to_le_bytes());
        b[16..20].copy_from_slice(&(s + 4).to_le_bytes());
    });
    refused(&ko, "header length 20, shorter than the 24-byte header");
}

/// A `.BTF` whose types do not start right after the header (here: an
/// empty type section where the strings start, after a gap): libbpf
/// parsed it, then wrote the new BTF back packed but with the input's
/// offsets in the header, so `apply` "succeeded" with BTF that neither
/// libbpf nor the kernel can read (a second `apply` failed). Refused now,
/// as the kernel refuses gaps; so are header flags, and a header longer
/// than 24 bytes whose extra bytes are not zero (7.x writes a 32-byte
/// header with zeros there, which is accepted: the kernel tier's 7.3
/// modules have one). The fuzzer's own inputs are in kbuild/fuzz/regressions
/// (`btf-header-256-bytes.ko`), which every fuzz run checks again.
#[test]
fn btf_layout_the_kernel_refuses_is_refused() {
    let ko = mixed_with_btf("fz-btf-gap", |b| {
        // an empty type section where the strings start, after a gap
        let strings = u32::from_le_bytes(b[16..20].try_into().unwrap());
        b[8..12].copy_from_slice(&strings.to_le_bytes());
        b[12..16].fill(0);
    });
    let want = "the kernel wants the types right after the header";
    refused(&ko, "");
    let e = kfunc_btf::inspect::inspect(&ko, &base()).unwrap_err();
    assert!(e.to_string().contains(want), "{e}");
    let ko = mixed_with_btf("fz-hdr-long", |b| {
        // 8 more header bytes: the first 8 of the first type
        b[4..8].copy_from_slice(&32u32.to_le_bytes());
    });
    // (libbpf's parser refuses this one itself)
    refused(&ko, "");
    let ko = mixed_with_btf("fz-hdr-flags", |b| b[3] = 1);
    refused(
        &ko,
        "header flags 0x1; the kernel refuses BTF with flags set",
    );
}

/// File offsets of the interface-stub records of `kind` in `bytes`.
fn stub_records(bytes: &[u8], kind: u8) -> Vec<usize> {
    let file = ElfFile64::<object::Endianness>::parse(bytes).unwrap();
    let sec = file
        .sections()
        .find(|s| s.name() == Ok(".comment.kfunc.interface"))
        .unwrap();
    let (off, size) = sec.file_range().unwrap();
    let (off, size) = (off as usize, size as usize);
    let data = &bytes[off..off + size];
    let mut out = Vec::new();
    let mut o = 0;
    while o + 12 <= data.len() {
        if &data[o..o + 4] == b"KFNC" {
            if data[o + 5] == kind {
                out.push(off + o);
            }
            o += u32::from_le_bytes(data[o + 8..o + 12].try_into().unwrap()) as usize;
        } else {
            o += 1;
        }
    }
    out
}

/// A struct record whose first field's byte offset is 2^29 or more: the
/// bit offset `offset * 8` overflowed u32 (a panic; in a release build a
/// wrong offset in the written BTF).
#[test]
fn struct_field_offset_beyond_32_bit_bit_offsets_is_refused() {
    let ko = basic("fz-field-off");
    let mut bytes = std::fs::read(&ko).unwrap();
    let rec = stub_records(&bytes, 2)[0];
    // header, name (u16 length + bytes), size, align, nfields, then the
    // first field: name, offset
    let rd16 = |b: &[u8], o: usize| u16::from_le_bytes([b[o], b[o + 1]]) as usize;
    let name_end = rec + 12 + 2 + rd16(&bytes, rec + 12);
    let field = name_end + 4 + 4 + 2;
    let off_at = field + 2 + rd16(&bytes, field);
    bytes[off_at..off_at + 4].copy_from_slice(&0x2000_0000u32.to_le_bytes());
    std::fs::write(&ko, &bytes).unwrap();
    refused(
        &ko,
        "offset 536870912 bytes does not fit BTF's 32-bit bit offset",
    );
}

/// Gives section `victim` the name of section `source` (its `sh_name`), so
/// two sections have one name.
fn rename_like(bytes: &mut [u8], victim: &str, source: &str) {
    let from = shdr_offset(bytes, source);
    let to = shdr_offset(bytes, victim);
    let name: [u8; 4] = bytes[from..from + 4].try_into().unwrap();
    bytes[to..to + 4].copy_from_slice(&name);
}

/// The flag table's section renamed to a name that is not UTF-8: the
/// module was read with an empty name for it, and the patched table was
/// written into a new section called "" while the real one stayed
/// unfilled; `apply` reported success and the next run failed.
#[test]
fn section_name_not_utf8_is_refused() {
    let ko = basic("fz-name-utf8");
    let mut bytes = std::fs::read(&ko).unwrap();
    let f = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let shstrtab = f
        .sections()
        .find(|s| s.name() == Ok(".shstrtab"))
        .unwrap()
        .file_range()
        .unwrap()
        .0 as usize;
    drop(f);
    let at = shdr_offset(&bytes, ".kfunc.set8");
    let name = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    bytes[shstrtab + name + 9] = 0xff; // ".kfunc.se\xff8"
    std::fs::write(&ko, &bytes).unwrap();
    refused(&ko, "name: ");
}

/// Two sections called `.BTF`: the module BTF was taken as absent, the
/// kfuncs' BTF written into the first one, and every later run wrote it
/// again (not idempotent).
#[test]
fn two_btf_sections_are_refused() {
    let ko = mixed_module("fz-two-btf", &[cpart_obj()], Linker::Gnu);
    let mut bytes = std::fs::read(&ko).unwrap();
    rename_like(&mut bytes, ".text", ".BTF");
    std::fs::write(&ko, &bytes).unwrap();
    refused(&ko, "2 sections are called .BTF");
}

/// A program-type limit in a section whose name another (earlier) section
/// has too: the patched limit was written over that other section.
#[test]
fn limit_section_with_a_shared_name_is_refused() {
    let ko = basic("fz-limit-name");
    let mut bytes = std::fs::read(&ko).unwrap();
    rename_like(&mut bytes, ".text", "linkme_KFUNC_PROG_LIMITS");
    std::fs::write(&ko, &bytes).unwrap();
    refused(
        &ko,
        "limit symbol __kfunc_limit__kf_limited is in section linkme_KFUNC_PROG_LIMITS, whose name is not unique",
    );
}

/// A module struct with a field that is an array of 2^32 - 1 arrays of
/// 2^32 - 1 `u64`s (2^67 bytes): the header's padding arithmetic overflowed
/// (a panic; in a release build a wrong layout in the header).
#[test]
fn header_of_a_struct_with_a_huge_array_field() {
    use kfunc_btf::stub::{Field, StructDef, Stubs, TypeRef};
    let u64t = TypeRef::Int {
        size: 8,
        signed: false,
    };
    let huge = TypeRef::Array {
        len: u32::MAX,
        elem: Box::new(TypeRef::Array {
            len: u32::MAX,
            elem: Box::new(u64t.clone()),
        }),
    };
    let stubs = Stubs {
        structs: vec![StructDef {
            data: false,
            name: "big".into(),
            size: 16,
            align: 8,
            fields: vec![
                Field {
                    name: "a".into(),
                    offset: 0,
                    ty: huge,
                },
                Field {
                    name: "b".into(),
                    offset: 8,
                    ty: u64t,
                },
            ],
        }],
        ..Default::default()
    };
    let h = kfunc_btf::header::generate("m", &stubs, None).unwrap();
    assert!(h.contains("struct big {"), "{h}");
}

/// A FWD whose `type` field (meaningless for a FWD, 0 as pahole writes it)
/// names a type that does not exist: libbpf's parser does not look at it,
/// but its relocation onto vmlinux (`inspect` of a distilled module, found
/// by the fuzzer) and its dedup (`apply`) follow it as a type id and read
/// far out of bounds.
#[test]
fn fwd_referring_to_a_missing_type_is_refused() {
    let ko = mixed_with_btf("fz-fwd", |b| {
        // the first PTR becomes an anonymous FWD "referring to" 2^31
        let at = btf_records(b, 2)[0];
        b[at + 4..at + 8].copy_from_slice(&(7u32 << 24).to_le_bytes());
        b[at + 8..at + 12].copy_from_slice(&0x8000_0000u32.to_le_bytes());
    });
    refused(
        &ko,
        "is a FWD referring to type [2147483648], which does not exist",
    );
    let e = kfunc_btf::inspect::inspect(&ko, &base()).unwrap_err();
    assert!(e.to_string().contains("which does not exist"), "{e}");
}

/// Prototypes whose 8 parameters are pointers to prototypes with 8 such
/// parameters, 12 levels deep: `inspect` printed the declaration in full,
/// 8^12 types (the fuzzer's input hung, then ran out of memory). The
/// printer now stops after a fixed number of types.
#[test]
fn declaration_of_exponentially_nested_prototypes_is_bounded() {
    use kfunc_btf::btf::{kind, Btf};
    let base = kfunc_btf::apply::load_base(&base()).unwrap();
    let mut btf = Btf::empty_split(base.clone()).unwrap();
    let int = base.find("int", kind::INT).unwrap();
    let mut proto = btf.add_func_proto(int, &[("x".into(), int)]).unwrap();
    for _ in 0..12 {
        let ptr = btf.add_ptr(proto).unwrap();
        let params: Vec<(String, u32)> = (0..8).map(|i| (format!("p{i}"), ptr)).collect();
        proto = btf.add_func_proto(int, &params).unwrap();
    }
    let d = kfunc_btf::cdecl::btf_decl(&btf, proto, "f");
    assert!(
        d.contains("declaration too long"),
        "{}",
        &d[..200.min(d.len())]
    );
    assert!(d.len() < 1 << 20, "{} bytes", d.len());
}

/// A destructor entry whose symbol lies past the end of the destructor
/// table (`st_value` beyond the section's size, the symbol still 8 bytes
/// in the right section): `apply` indexed the section with it and panicked
/// (found by the seed test's mutations). It is refused, naming the symbol.
#[test]
fn dtor_entry_outside_its_section_is_refused() {
    let ko = module("fz-dtor-out", &macro_fixture_objs(), Linker::Gnu);
    let mut bytes = std::fs::read(&ko).unwrap();
    let f = ElfFile64::<object::Endianness>::parse(&*bytes).unwrap();
    let size = f
        .sections()
        .find(|s| s.name() == Ok(kfunc_btf::dtor::SECTION))
        .expect("the macro fixture has a destructor table")
        .size();
    drop(f);
    let at = sym_offset(&bytes, "__kfunc_dtor__kf_point_put");
    for value in [size, size - 4, u64::MAX - 3] {
        put64(&mut bytes, at + 8, value);
        std::fs::write(&ko, &bytes).unwrap();
        refused(
            &ko,
            "__kfunc_dtor__kf_point_put lies outside section linkme_KFUNC_DTOR_TABLE",
        );
    }
}

/// A C set in `.BTF_ids` whose symbol claims a size near `u64::MAX`: the
/// slot offsets `offset + 8 + i * 8` overflowed (a panic; in a release
/// build a loop over 2^61 slots). The set's extent is checked before any
/// slot is read, and the set is refused as overrunning the section.
#[test]
fn btf_ids_set_with_a_huge_size_is_refused() {
    let cobj = compile_c("gcc", true, "cpart/cpart_ids.c", "cpart_ids.o");
    for set in [
        "__BTF_ID__set8__cpart_ids_kfuncs",
        "__BTF_ID__set__cpart_ids_set",
    ] {
        for (i, size) in [u64::MAX, u64::MAX - 7, 1 << 40].into_iter().enumerate() {
            let ko = module(
                &format!("fz-set-size-{set}-{i}"),
                &[fixture_obj(&[]), cobj.clone()],
                Linker::Gnu,
            );
            let mut bytes = std::fs::read(&ko).unwrap();
            let at = sym_offset(&bytes, set);
            put64(&mut bytes, at + 16, size);
            std::fs::write(&ko, &bytes).unwrap();
            refused(&ko, &format!("set {set} overruns .BTF_ids"));
        }
    }
}

/// A TYPEDEF of itself in a C part's BTF (libbpf's parser accepts it):
/// `inspect` and `apply` hung in libbpf's relocation, which follows the
/// chain for ever. The kernel refuses such BTF; so does kfunc-btf now,
/// naming the types on the loop.
#[test]
fn typedef_of_itself_is_refused() {
    let split_start = kfunc_btf::apply::load_base(&base()).unwrap().type_cnt();
    let mut looped = 0;
    let ko = mixed_with_btf("fz-typedef-loop", |b| {
        // the first PTR (a record without a tail) becomes a TYPEDEF of itself
        let (at, index) = btf_records_numbered(b, 2)[0];
        looped = split_start + index;
        b[at + 4..at + 8].copy_from_slice(&(8u32 << 24).to_le_bytes());
        b[at + 8..at + 12].copy_from_slice(&looped.to_le_bytes());
    });
    let want = format!(
        "type [{looped}] contains itself, not through a pointer ([{looped}] -> [{looped}])"
    );
    refused(&ko, &want);
    let e = kfunc_btf::inspect::inspect(&ko, &base()).unwrap_err();
    assert!(e.to_string().contains(&want), "{e}");
}

/// A second symbol named `__start_linkme_KFUNC_FLAG_TABLE` (the program-type
/// limits' start symbol renamed): the reader kept one of the two by symbol
/// order, `apply` succeeded, and writing the module put local symbols first,
/// so the second run read the other one and refused the module. Both
/// bounds of our tables must be defined once.
#[test]
fn table_bound_defined_twice_is_refused() {
    let ko = basic("fz-dup-start");
    let mut bytes = std::fs::read(&ko).unwrap();
    let from = sym_offset(&bytes, "__start_linkme_KFUNC_FLAG_TABLE");
    let to = sym_offset(&bytes, "__start_linkme_KFUNC_PROG_LIMITS");
    let name: [u8; 4] = bytes[from..from + 4].try_into().unwrap();
    bytes[to..to + 4].copy_from_slice(&name);
    std::fs::write(&ko, &bytes).unwrap();
    refused(
        &ko,
        "symbol __start_linkme_KFUNC_FLAG_TABLE is defined twice",
    );
}
