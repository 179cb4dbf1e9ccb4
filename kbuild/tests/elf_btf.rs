//! ELF/BTF tests of the linker fragment and `kfunc-btf` on real artifacts:
//! Rust objects built with the kernel's flags, linked with `ld -r` and
//! `kbuild/kfunc.lds`, a base BTF made by gcc + pahole, checked with libbpf
//! (through the library) and Debian's bpftool, headers compiled with clang.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

use common::*;
use kfunc_btf::apply::{apply, load_base, Outcome};
use kfunc_btf::btf::{kind, Btf};
use kfunc_btf::elf::{self, Module, Patch};
use kfunc_btf::error::Error;
use kfunc_btf::table::FlagTable;
use object::read::{Object, ObjectSection, ObjectSymbol};

fn basic_module(name: &str, linker: Linker) -> PathBuf {
    module(name, &[fixture_obj(&[])], linker)
}

/// The flag table must be resolved, sorted, counted; every entry symbol
/// must sit on its own pair; ids must be FUNCs named like the entry.
fn check_table(ko: &Path, btf: &Btf) -> FlagTable {
    let m = Module::read(ko).unwrap();
    let t = FlagTable::collect(&m).unwrap();
    assert_eq!(t.cnt as usize, t.entries.len());
    assert_eq!(t.set_flags, 1);
    let mut prev = 0;
    for e in &t.entries {
        assert!(e.id > prev, "{} not sorted", e.name);
        prev = e.id;
        assert_eq!(btf.kind_of(e.id), Some(kind::FUNC), "{}", e.name);
        assert_eq!(btf.name_of(e.id), e.name);
        let f = btf.type_info(e.id).unwrap();
        assert_eq!(btf.kind_of(f.size_or_type), Some(kind::FUNC_PROTO));
        assert_eq!(f.vlen, kfunc_btf::btf::FUNC_STATIC);
    }
    for l in &t.limits {
        let e = t.entries.iter().find(|e| e.name == l.name).unwrap();
        assert_eq!(l.id, e.id);
    }
    t
}

/// The module's split BTF parsed by libbpf on `base`.
fn module_btf(ko: &Path, base: &Rc<Btf>) -> Btf {
    let m = Module::read(ko).unwrap();
    Btf::from_bytes_split(m.section_data(".BTF").unwrap(), base.clone()).unwrap()
}

fn sha(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn linker_fragment_defines_slice_bounds_gnu_ld_and_lld() {
    let obj = fixture_obj(&[]);
    for linker in [Linker::Gnu, Linker::Lld] {
        let ko = basic_module(&format!("frag-{linker:?}"), linker);
        let data = std::fs::read(&ko).unwrap();
        let f = object::File::parse(&*data).unwrap();
        let undefined: Vec<String> = f
            .symbols()
            .filter(|s| s.is_undefined())
            .filter_map(|s| s.name().ok().map(str::to_owned))
            .filter(|n| n.starts_with("__start_") || n.starts_with("__stop_"))
            .collect();
        assert!(undefined.is_empty(), "{linker:?}: undefined {undefined:?}");
        let sym = |n: &str| {
            f.symbols()
                .find(|s| s.name() == Ok(n))
                .unwrap_or_else(|| panic!("{linker:?}: no {n}"))
        };
        for s in [
            "__start_linkme_KFUNC_FLAG_TABLE",
            "__stop_linkme_KFUNC_FLAG_TABLE",
            "__start_linkm2_KFUNC_FLAG_TABLE",
            "__stop_linkm2_KFUNC_FLAG_TABLE",
            "__start_linkme_KFUNC_PROG_LIMITS",
            "__stop_linkme_KFUNC_PROG_LIMITS",
            "__start_linkm2_KFUNC_PROG_LIMITS",
            "__stop_linkm2_KFUNC_PROG_LIMITS",
            "__start_linkme_KFUNC_DTOR_TABLE",
            "__stop_linkme_KFUNC_DTOR_TABLE",
        ] {
            assert!(!sym(s).is_undefined());
        }
        // the header is immediately followed by the pairs
        let set8 = sym("__kfunc_set8");
        let start = sym("__start_linkme_KFUNC_FLAG_TABLE");
        assert_eq!(set8.section_index(), start.section_index());
        assert_eq!(set8.address() + 8, start.address());
        assert_eq!(
            sym("__stop_linkme_KFUNC_FLAG_TABLE").address() - start.address(),
            11 * 8
        );
        for s in f.sections() {
            let name = s.name().unwrap();
            let sh_flags = match s.flags() {
                object::SectionFlags::Elf { sh_flags, .. } => sh_flags,
                _ => unreachable!(),
            };
            let alloc = sh_flags.0 & object::elf::SHF_ALLOC.0 != 0;
            if name == ".comment.kfunc.interface" {
                assert!(!alloc, "{linker:?}: .comment.kfunc.interface is SHF_ALLOC");
            }
            if name == ".kfunc.set8" || name.starts_with("linkm") {
                assert!(alloc, "{name}");
                assert_eq!(s.address(), 0, "{linker:?}: {name} must have address 0");
            }
        }
    }
    // without the fragment the bounds stay undefined (what modpost rejects)
    let dir = work().join("case-nofrag");
    std::fs::create_dir_all(&dir).unwrap();
    let ko = dir.join("nofrag.ko");
    link(&ko, &[obj], Linker::Gnu, false);
    let data = std::fs::read(&ko).unwrap();
    let f = object::File::parse(&*data).unwrap();
    assert!(f
        .symbols()
        .any(|s| s.is_undefined() && s.name() == Ok("__start_linkme_KFUNC_FLAG_TABLE")));
}

#[test]
fn apply_basic_matches_golden_and_libbpf() {
    let base = base();
    for linker in [Linker::Gnu, Linker::Lld] {
        let ko = basic_module(&format!("basic-{linker:?}"), linker);
        assert_eq!(apply(&ko, &base).unwrap(), Outcome::Applied { kfuncs: 11 });
        let vm = load_base(&base).unwrap();
        let btf = module_btf(&ko, &vm);
        check_table(&ko, &btf);
        assert!(btf.is_sorted_by_name());
        // implicit args: the 7.0 shape
        let f = btf.find("kf_implicit", kind::FUNC).unwrap();
        let fi = btf.find("kf_implicit_impl", kind::FUNC).unwrap();
        let p = btf
            .type_info(btf.type_info(f).unwrap().size_or_type)
            .unwrap();
        let pi = btf
            .type_info(btf.type_info(fi).unwrap().size_or_type)
            .unwrap();
        assert_eq!(p.members.len(), 1);
        assert_eq!(pi.members.len(), 2);
        assert_eq!(pi.members[1].name, "aux");
        golden("basic.bpftool.txt", &bpftool_dump(&base, &ko));
        let r = kfunc_btf::inspect::inspect(&ko, &base).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        golden(
            "basic.inspect.txt",
            &r.text.replace(ko.to_str().unwrap(), "basic.ko"),
        );
    }
}

#[test]
fn apply_twice_gives_identical_bytes_and_keeps_mode() {
    use std::os::unix::fs::PermissionsExt;
    let base = base();
    let ko = basic_module("idem", Linker::Gnu);
    std::fs::set_permissions(&ko, std::fs::Permissions::from_mode(0o640)).unwrap();
    apply(&ko, &base).unwrap();
    let once = sha(&ko);
    assert_eq!(
        std::fs::metadata(&ko).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        apply(&ko, &base).unwrap(),
        Outcome::AlreadyApplied { kfuncs: 11 }
    );
    assert_eq!(once, sha(&ko));
    assert_eq!(dir_listing(&ko), vec!["idem.ko".to_owned()]);
}

/// Appends what `scripts/sign-file` appends: a signature blob, the 12-byte
/// `struct module_signature` and the marker (kfunc-btf reads the marker only).
fn fake_sign(ko: &Path) {
    let mut bytes = std::fs::read(ko).unwrap();
    bytes.extend_from_slice(&[0x30; 64]);
    bytes.extend_from_slice(&[0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 64]);
    bytes.extend_from_slice(kfunc_btf::apply::MODULE_SIG_MARKER);
    std::fs::write(ko, bytes).unwrap();
}

#[test]
fn signed_module_is_refused_before_apply_and_kept_after() {
    let base = base();
    // signed before its BTF was written: writing it would break the signature
    let ko = basic_module("signed-early", Linker::Gnu);
    fake_sign(&ko);
    let m = apply_err(&ko, &base);
    assert!(
        m.contains("signed-early.ko: the module is signed") && m.contains("before signing"),
        "{m}"
    );
    // signed after apply (the documented order): verified, left as it is
    let ko = basic_module("signed-late", Linker::Gnu);
    apply(&ko, &base).unwrap();
    fake_sign(&ko);
    let signed = sha(&ko);
    assert_eq!(
        apply(&ko, &base).unwrap(),
        Outcome::AlreadyApplied { kfuncs: 11 }
    );
    assert_eq!(signed, sha(&ko));
}

#[test]
fn apply_sorts_pairs_and_moves_entry_symbols() {
    let base = base();
    // the second object comes first: its entries lead the table, but their
    // names (zz_...) get the highest ids
    let ko = module(
        "two",
        &[fixture_obj(&["second"]), fixture_obj(&[])],
        Linker::Gnu,
    );
    let before = FlagTable::collect(&Module::read(&ko).unwrap()).unwrap();
    assert!(before.entries[0].name.starts_with("zz_second_"));
    apply(&ko, &base).unwrap();
    let vm = load_base(&base).unwrap();
    let btf = module_btf(&ko, &vm);
    let t = check_table(&ko, &btf);
    assert_eq!(t.entries.len(), 13);
    assert_eq!(t.entries[11].name, "zz_second_a");
    assert_eq!(t.entries[12].name, "zz_second_b");
    let m = Module::read(&ko).unwrap();
    for (i, e) in t.entries.iter().enumerate() {
        let s = &m.symbols[&format!("__kfunc_flags__{}", e.name)];
        assert_eq!(s.offset, 8 + 8 * i as u64, "{}", e.name);
    }
}

#[test]
fn apply_keeps_btf_pahole_wrote_for_c_parts() {
    let base = base();
    let ko = mixed_module("mixed", &[cpart_obj()], Linker::Gnu);
    let vm = load_base(&base).unwrap();
    let before = module_btf(&ko, &vm);
    assert!(before.find("cpart_hit", kind::FUNC).is_some());
    apply(&ko, &base).unwrap();
    let btf = module_btf(&ko, &vm);
    for n in ["cpart_hit", "cpart_aux_id"] {
        assert!(btf.find(n, kind::FUNC).is_some(), "{n} lost");
    }
    assert!(btf.find("cpart_state", kind::STRUCT).is_some());
    check_table(&ko, &btf);
    // pahole 1.24's order is kept (not sorted): its types come first
    assert!(!btf.is_sorted_by_name());
    assert_eq!(
        btf.name_of(btf.start_id()),
        before.name_of(before.start_id())
    );
    golden("mixed.bpftool.txt", &bpftool_dump(&base, &ko));
    let once = sha(&ko);
    apply(&ko, &base).unwrap();
    assert_eq!(once, sha(&ko));
}

/// The C part compiled by clang-19, as an LLVM toolchain (`LLVM=-19`)
/// compiles a module's C files: with clang's address-significance table.
fn clang_cpart_obj() -> PathBuf {
    compile_c("clang-19", true, "cpart/cpart.c", "cpart-clang.o")
}

/// `sh_type` of every section called `.llvm_addrsig`.
fn addrsig_types(ko: &Path) -> Vec<u32> {
    use object::read::elf::{ElfFile64, SectionHeader};
    let data = std::fs::read(ko).unwrap();
    let f = ElfFile64::<object::Endianness>::parse(&*data).unwrap();
    f.sections()
        .filter(|s| s.name() == Ok(".llvm_addrsig"))
        .map(|s| s.elf_section_header().sh_type(f.endian()).0)
        .collect()
}

#[test]
fn apply_drops_llvm_addrsig_of_an_lld_linked_module() {
    let base = base();
    // linked by ld.lld-19 as an LLVM toolchain links a module (`ld.lld -r`
    // keeps the table), BTF for the C part by pahole; nothing removed
    let ko = mixed_module("addrsig", &[clang_cpart_obj()], Linker::Lld);
    assert_eq!(addrsig_types(&ko), vec![elf::SHT_LLVM_ADDRSIG.0]);
    // inspect and header only read
    let before = sha(&ko);
    let r = kfunc_btf::inspect::inspect(&ko, &base).unwrap();
    assert!(r.text.contains("kf_implicit"), "{}", r.text);
    assert!(header_of(&ko).contains("kf_implicit"));
    assert_eq!(before, sha(&ko));
    // apply writes the module without it
    assert_eq!(apply(&ko, &base).unwrap(), Outcome::Applied { kfuncs: 11 });
    assert!(addrsig_types(&ko).is_empty());
    let vm = load_base(&base).unwrap();
    let btf = module_btf(&ko, &vm);
    check_table(&ko, &btf);
    assert!(btf.find("cpart_hit", kind::FUNC).is_some());
    let r = kfunc_btf::inspect::inspect(&ko, &base).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // binutils and lld accept the result
    let out = run(Command::new("readelf").args(["-a", "-W"]).arg(&ko));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    run(Command::new("ld.lld-19")
        .arg("-r")
        .arg(&ko)
        .arg("-o")
        .arg(ko.with_extension("relinked.o")));
    // and a second run leaves it as it is
    let once = sha(&ko);
    assert_eq!(
        apply(&ko, &base).unwrap(),
        Outcome::AlreadyApplied { kfuncs: 11 }
    );
    assert_eq!(once, sha(&ko));
}

#[test]
fn apply_with_distilled_base() {
    let base = base();
    let ko = mixed_module("distilled", &[cpart_obj()], Linker::Gnu);
    let vm = load_base(&base).unwrap();
    make_distilled(&ko, &vm);
    assert_eq!(apply(&ko, &base).unwrap(), Outcome::Applied { kfuncs: 11 });
    let m = Module::read(&ko).unwrap();
    let dist = Rc::new(Btf::from_bytes(m.section_data(".BTF.base").unwrap()).unwrap());
    // the distilled base now names what the kfuncs need from vmlinux
    for s in ["task_struct", "bpf_prog_aux"] {
        assert!(dist.find(s, kind::STRUCT).is_some(), "{s} not in .BTF.base");
    }
    let btf = Btf::from_bytes_split(m.section_data(".BTF").unwrap(), dist).unwrap();
    // ids in the table are those of the stored (distilled) numbering
    check_table(&ko, &btf);
    assert!(
        btf.is_sorted_by_name(),
        "7.x convention kept: sorted by name"
    );
    assert!(btf.find("cpart_hit", kind::FUNC).is_some());
    // and the BTF relocates onto vmlinux, as the kernel does at load time
    let mut rel = Btf::from_bytes_split(
        m.section_data(".BTF").unwrap(),
        Rc::new(Btf::from_bytes(m.section_data(".BTF.base").unwrap()).unwrap()),
    )
    .unwrap();
    rel.relocate(vm.clone()).unwrap();
    let aux = vm.find("bpf_prog_aux", kind::STRUCT).unwrap();
    let fi = rel.find("kf_implicit_impl", kind::FUNC).unwrap();
    let p = rel
        .type_info(rel.type_info(fi).unwrap().size_or_type)
        .unwrap();
    let ptr = rel.type_info(p.members[1].type_id).unwrap();
    assert_eq!(ptr.size_or_type, aux);
    let r = kfunc_btf::inspect::inspect(&ko, &base).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let once = sha(&ko);
    assert_eq!(
        apply(&ko, &base).unwrap(),
        Outcome::AlreadyApplied { kfuncs: 11 }
    );
    assert_eq!(once, sha(&ko));
}

#[test]
fn apply_module_written_with_the_kfunc_macros() {
    let base = base();
    for linker in [Linker::Gnu, Linker::Lld] {
        let ko = module(&format!("macros-{linker:?}"), &macro_fixture_objs(), linker);
        let data = std::fs::read(&ko).unwrap();
        let f = object::File::parse(&*data).unwrap();
        assert!(!f.symbols().any(|s| s.is_undefined()
            && s.name()
                .is_ok_and(|n| n.starts_with("__start_") || n.starts_with("__stop_"))));
        assert_eq!(apply(&ko, &base).unwrap(), Outcome::Applied { kfuncs: 14 });
        let vm = load_base(&base).unwrap();
        let btf = module_btf(&ko, &vm);
        check_table(&ko, &btf);
        check_dtor_and_char(&ko, &btf);
        golden("macros.bpftool.txt", &bpftool_dump(&base, &ko));
        let r = kfunc_btf::inspect::inspect(&ko, &base).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let once = sha(&ko);
        assert_eq!(
            apply(&ko, &base).unwrap(),
            Outcome::AlreadyApplied { kfuncs: 14 }
        );
        assert_eq!(once, sha(&ko));
        let m = Module::read(&ko).unwrap();
        let stubs = kfunc_btf::apply::read_stubs(&m).unwrap();
        golden(
            "macros.h",
            &kfunc_btf::header::generate("macros", &stubs, Some(&vm)).unwrap(),
        );
    }
}

/// The destructor table names `kf_point` and the function the kernel calls
/// for it, `kf_point_put_dtor(void *)`, which has no `bpf_kfunc` tag;
/// `c_char` is spelled `char` (`kf_strlen(const char *s__str)`), integers
/// by their kernel typedefs.
fn check_dtor_and_char(ko: &Path, btf: &Btf) {
    let m = Module::read(ko).unwrap();
    let d = m.section_data("linkme_KFUNC_DTOR_TABLE").unwrap();
    assert_eq!(d.len(), 8, "one destructor");
    let (s, f) = (rd(d, 0), rd(d, 4));
    assert_eq!(btf.kind_of(s), Some(kind::STRUCT));
    assert_eq!(btf.name_of(s), "kf_point");
    assert_eq!(btf.kind_of(f), Some(kind::FUNC));
    assert_eq!(btf.name_of(f), "kf_point_put_dtor");
    let decl = |name: &str| {
        let id = btf.find(name, kind::FUNC).unwrap();
        kfunc_btf::cdecl::btf_decl(btf, id, name)
    };
    assert_eq!(decl("kf_strlen"), "u32 kf_strlen(const char *s__str)");
    assert_eq!(decl("kf_add"), "u64 kf_add(u32 a, u64 b)");
    assert_eq!(
        decl("kf_point_put"),
        "void kf_point_put(struct kf_point *p)"
    );
    assert_eq!(
        decl("kf_point_put_dtor"),
        "void kf_point_put_dtor(void *obj)"
    );
    let tagged = |id: u32| {
        (1..btf.type_cnt()).any(|t| {
            btf.kind_of(t) == Some(kind::DECL_TAG)
                && btf.type_info(t).is_some_and(|i| i.size_or_type == id)
                && btf.name_of(t) == "bpf_kfunc"
        })
    };
    assert!(tagged(btf.find("kf_point_put", kind::FUNC).unwrap()));
    assert!(!tagged(f), "the destructor's wrapper is not a kfunc");
}

fn header_of(ko: &Path) -> String {
    let m = Module::read(ko).unwrap();
    let stubs = kfunc_btf::apply::read_stubs(&m).unwrap();
    let vm = load_base(&base()).unwrap();
    kfunc_btf::header::generate("basic", &stubs, Some(&vm)).unwrap()
}

/// Writes `vmlinux.h` (bpftool from `vmlinux`) and the header into `dir`
/// and compiles a BPF program calling the kfuncs both fixtures share plus
/// `extra` (an expression with the fixture's own kfuncs) with clang-19.
fn compile_bpf_prog(dir: &Path, vmlinux: &Path, header: &str, extra: &str) {
    std::fs::write(dir.join("basic_kfuncs.h"), header).unwrap();
    let out = run(Command::new("bpftool")
        .args(["btf", "dump", "file"])
        .arg(vmlinux)
        .args(["format", "c"]));
    std::fs::write(dir.join("vmlinux.h"), out.stdout).unwrap();
    let prog = r#"
/* bookworm's bpftool 7.1 writes declarations of a 7.x vmlinux.h that clang warns about */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmissing-declarations"
#include "vmlinux.h"
#pragma clang diagnostic pop
#include "basic_kfuncs.h"
#define SEC(n) __attribute__((section(n), used))
SEC("syscall") int prog(void *ctx)
{
	struct bpf_iter_counter it;
	unsigned char buf[4] = {1, 2, 3, 4};
	struct kf_point p = { .x = 1, .y = -2 };
	struct task_struct *t = kf_task_get((struct task_struct *)0);
	unsigned long long *v;
	long long r = kf_add(1, 2) + kf_implicit(3) + kf_mem_sum(buf, sizeof(buf))
		+ kf_limited(1) + kf_point_len(&p) + EXTRA;
	if (t)
		kf_task_put(t);
	bpf_iter_counter_new(&it, 0, 3);
	while ((v = bpf_iter_counter_next(&it)))
		r += *v;
	bpf_iter_counter_destroy(&it);
	return r;
}
char LICENSE[] SEC("license") = "GPL";
"#;
    let prog = prog.replace("EXTRA", extra);
    std::fs::write(dir.join("prog.c"), prog).unwrap();
    run(Command::new("clang-19").current_dir(dir).args([
        "-target", "bpf", "-O2", "-g", "-Wall", "-Werror", "-c", "prog.c", "-o", "prog.o",
    ]));
    // the object's BTF has the kfuncs as extern FUNCs with their interface protos
    let dump = run(Command::new("bpftool")
        .args(["btf", "dump", "file"])
        .arg(dir.join("prog.o")));
    let dump = String::from_utf8(dump.stdout).unwrap();
    assert!(dump.contains("FUNC 'kf_implicit' type_id="), "{dump}");
    assert!(!dump.contains("kf_implicit_impl"));
}

#[test]
fn header_compiles_with_clang_bpf() {
    let ko = basic_module("header", Linker::Gnu);
    let h = header_of(&ko);
    golden("basic.h", &h);
    let dir = ko.parent().unwrap();
    compile_bpf_prog(dir, &base(), &h, "kf_fast(4)");
    // without vmlinux.h: a clear #error, unless KFUNC_NO_VMLINUX_TYPES
    std::fs::write(
        dir.join("bare.c"),
        "#include \"basic_kfuncs.h\"\nint f(void) { return kf_add(1, 2); }\n",
    )
    .unwrap();
    let out = Command::new("clang-19")
        .current_dir(dir)
        .args(["-target", "bpf", "-c", "bare.c", "-o", "bare.o"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("include vmlinux.h before this header"));
    run(Command::new("clang-19").current_dir(dir).args([
        "-target",
        "bpf",
        "-DKFUNC_NO_VMLINUX_TYPES",
        "-c",
        "bare.c",
        "-o",
        "bare.o",
    ]));
}

// ---------------------------------------------------------------- errors

/// Runs `apply` expecting an error; checks the file is unchanged and no
/// temporary file is left; returns the message.
fn apply_err(ko: &Path, base: &Path) -> String {
    let before = std::fs::read(ko).ok();
    let listing = dir_listing(ko);
    let e = apply(ko, base).expect_err("apply should fail");
    assert_eq!(before, std::fs::read(ko).ok(), "input changed");
    assert_eq!(listing, dir_listing(ko), "temporary file left");
    e.to_string()
}

#[test]
fn error_not_an_elf() {
    let dir = work().join("case-notelf");
    std::fs::create_dir_all(&dir).unwrap();
    let ko = dir.join("notelf.ko");
    std::fs::copy(manifest_dir().join("tests/fixtures/base/vmlinux.c"), &ko).unwrap();
    let m = apply_err(&ko, &base());
    assert!(m.contains("not an ELF"), "{m}");
}

#[test]
fn error_no_interface_stubs() {
    let ko = module("nostubs", &[cpart_obj()], Linker::Gnu);
    let m = apply_err(&ko, &base());
    assert!(m.contains("no interface stubs"), "{m}");
}

#[test]
fn error_unknown_stub_version() {
    let ko = module(
        "stubver",
        &[fixture_obj(&["err_stub_version"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("interface stub version 9 is not supported"),
        "{m}"
    );
}

#[test]
fn error_stub_of_older_macros() {
    let ko = module(
        "stubver2",
        &[fixture_obj(&["err_stub_version_2"])],
        Linker::Gnu,
    );
    let bytes = std::fs::read(&ko).unwrap();
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("interface stub version 2 is not supported"),
        "{m}"
    );
    assert!(m.contains("must be rebuilt"), "{m}");
    assert_eq!(std::fs::read(&ko).unwrap(), bytes, "the module was changed");
}

/// Stubs the verifier would read other than the macro meant (hand-made or
/// stale: the macro refuses each at compile time) are refused by name, and
/// the module is left as it was.
#[test]
fn error_stubs_against_the_verifier_model() {
    for (feature, want) in [
        ("err_model_fastcall", "kfunc `kf_fast` has KF_FASTCALL"),
        ("err_model_fn_ptr", "kfunc `kf_callback`: parameter `cb` is a function pointer"),
        ("err_model_param_name", "kfunc `kf_add`: parameter `a__k`: the verifier reads parameter-name suffixes"),
        ("err_model_suffix", "kfunc `kf_add`: parameter `b__iter`: the suffix `__iter` is not a sequence of known annotations"),
        ("err_model_struct_name", "struct `xdp_md`: the verifier takes a pointer to a struct of this name for the program's context"),
        ("err_model_measured_object", "kfunc `kf_mem_sum`: parameter `buf`: every program is refused: `struct kf_point` is an object, not memory a size argument measures"),
    ] {
        let ko = module(feature, &[fixture_obj(&[feature])], Linker::Gnu);
        let bytes = std::fs::read(&ko).unwrap();
        let m = apply_err(&ko, &base());
        assert!(m.contains(want), "{feature}: {m}");
        assert!(m.contains("rebuild the module with the current kfunc crate"), "{feature}: {m}");
        assert_eq!(std::fs::read(&ko).unwrap(), bytes, "{feature}: the module was changed");
    }
}

#[test]
fn error_vmlinux_missing_or_without_btf() {
    let ko = basic_module("nobase", Linker::Gnu);
    let m = apply_err(&ko, &work().join("no-such-vmlinux"));
    assert!(m.contains("no such file"), "{m}");
    let m = apply_err(&ko, &base_without_btf());
    assert!(m.contains("no BTF found"), "{m}");
    assert!(m.contains("register no kfunc"), "{m}");
}

#[test]
fn error_struct_not_in_vmlinux_suggests_names() {
    let ko = module(
        "badstruct",
        &[fixture_obj(&["err_unknown_struct"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("kf_typo: parameter `task`: struct `task_strct`"),
        "{m}"
    );
    assert!(m.contains("did you mean `task_struct`"), "{m}");
}

#[test]
fn error_kfunc_name_already_in_vmlinux() {
    let ko = module("vmname", &[fixture_obj(&["err_vmlinux_name"])], Linker::Gnu);
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("kfunc `base_get_pid`: vmlinux already has a function `base_get_pid`"),
        "{m}"
    );
}

/// A static function or static data of vmlinux is in kallsyms (static data
/// never has BTF): the verifier would use it instead of the kfunc.
#[test]
fn error_kfunc_name_is_a_static_vmlinux_symbol() {
    let base = base();
    let vm = load_base(&base).unwrap();
    let named = |n: &str| (1..vm.type_cnt()).any(|id| vm.name_of(id) == n);
    assert!(!named("base_static_counter"), "static data has no BTF");
    let ko = module(
        "vmstatic",
        &[fixture_obj(&["err_static_name"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base);
    assert!(
        m.contains("kfunc `base_static_helper`: vmlinux already has a static function `base_static_helper`"),
        "{m}"
    );
    let ko = module(
        "vmstaticdata",
        &[fixture_obj(&["err_static_data_name"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base);
    assert!(
        m.contains("vmlinux already has a static data symbol `base_static_counter`"),
        "{m}"
    );
}

#[test]
fn error_destructor_entries_checked_against_the_stubs() {
    let ko = module(
        "dtornorel",
        &[fixture_obj(&["err_dtor_not_release"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("kfunc `kf_add` is declared a destructor but it is not a release kfunc"),
        "{m}"
    );
    let ko = module(
        "dtorkernel",
        &[fixture_obj(&["err_dtor_kernel_struct"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("kfunc `kf_task_put` is declared a destructor but its parameter does not point to a #[derive(BtfType)] struct"),
        "{m}"
    );
}

#[test]
fn error_duplicate_names() {
    let ko = module("dup", &[fixture_obj(&["err_dup_stub"])], Linker::Gnu);
    let m = apply_err(&ko, &base());
    assert!(m.contains("kfunc `kf_fast` is declared twice"), "{m}");
}

#[test]
fn error_flag_table_entry_without_stub_and_stub_without_entry() {
    let ko = module(
        "orphan",
        &[fixture_obj(&["err_entry_without_stub"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("__kfunc_flags__kf_orphan has no interface stub"),
        "{m}"
    );
    let ko = module(
        "ghost",
        &[fixture_obj(&["err_stub_without_entry"])],
        Linker::Gnu,
    );
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("kfunc `kf_ghost` has an interface stub but no flag-table entry"),
        "{m}"
    );
}

#[test]
fn error_kfunc_without_symbol() {
    let ko = module("nosym", &[fixture_obj(&["err_no_symbol"])], Linker::Gnu);
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("kfunc `kf_nosym` has no symbol of that name"),
        "{m}"
    );
}

#[test]
fn error_set_header_missing_or_wrong_size() {
    // an object without the runtime's header
    let ko = module("nohdr", &[fixture_obj(&["second"])], Linker::Gnu);
    let m = apply_err(&ko, &base());
    assert!(m.contains("symbol __kfunc_set8 is missing"), "{m}");
    let ko = module("bighdr", &[fixture_obj(&["err_set8_size"])], Linker::Gnu);
    let m = apply_err(&ko, &base());
    assert!(m.contains("has size 16, expected 8"), "{m}");
}

#[test]
fn error_flag_table_missing_without_fragment() {
    let dir = work().join("case-nofrag-apply");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ko = dir.join("nofrag.ko");
    link(&ko, &[fixture_obj(&[])], Linker::Gnu, false);
    let m = apply_err(&ko, &base());
    assert!(
        m.contains("__start_linkme_KFUNC_FLAG_TABLE is missing"),
        "{m}"
    );
    assert!(m.contains("kfunc.lds"), "{m}");
}

// ------------------------------------------------------------------- CLI

fn cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kfunc-btf"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_apply_inspect_header() {
    let base = base();
    let ko = basic_module("cli", Linker::Gnu);
    let o = |s: &str| std::ffi::OsString::from(s);
    // inspect before apply: registration would fail, non-zero exit
    let out = cli(&[
        &o("inspect"),
        ko.as_os_str(),
        &o("--base"),
        base.as_os_str(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("id is 0 (run `kfunc-btf apply`)"), "{err}");
    assert!(err.contains("cnt is 0"), "{err}");
    let out = cli(&[&o("apply"), ko.as_os_str(), &o("--base"), base.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(&[
        &o("inspect"),
        ko.as_os_str(),
        &o("--base"),
        base.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("implementation: u32 kf_implicit(u32 x, struct bpf_prog_aux *aux)"));
    let out = cli(&[&o("header"), ko.as_os_str()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("extern u32 kf_implicit(u32 x) __ksym __weak;"));
    let out = cli(&[&o("apply"), ko.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&[
        &o("apply"),
        &o("/nonexistent.ko"),
        &o("--base"),
        base.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn inspect_reports_iterator_rule_violations() {
    let base = base();
    let ko = basic_module("iterbad", Linker::Gnu);
    apply(&ko, &base).unwrap();
    let vm = load_base(&base).unwrap();
    let btf = module_btf(&ko, &vm);
    let next = btf.find("bpf_iter_counter_next", kind::FUNC).unwrap();
    let proto = btf.type_info(next).unwrap().size_or_type;
    use kfunc_btf::flags::*;
    assert!(
        kfunc_btf::inspect::check_iter(&btf, "bpf_iter_counter_next", proto, KF_ITER_NEXT).is_ok()
    );
    let e = kfunc_btf::inspect::check_iter(
        &btf,
        "bpf_iter_counter_next",
        proto,
        KF_ITER_NEXT | KF_ITER_NEW,
    )
    .unwrap_err();
    assert!(e.contains("exactly one"), "{e}");
    let e = kfunc_btf::inspect::check_iter(&btf, "bpf_iter_counter_next", proto, KF_ITER_DESTROY)
        .unwrap_err();
    assert!(
        e.contains("must be named `bpf_iter_counter_destroy`"),
        "{e}"
    );
    let add = btf.find("kf_add", kind::FUNC).unwrap();
    let e = kfunc_btf::inspect::check_iter(
        &btf,
        "kf_add",
        btf.type_info(add).unwrap().size_or_type,
        KF_ITER_NEW,
    )
    .unwrap_err();
    assert!(e.contains("pointer to `struct bpf_iter_<type>`"), "{e}");
}

// ------------------------------------------------------ real kernel builds

/// The `vmlinux` of the two kernels the kernel tier builds
/// (`tests/kernel/build-kernel.sh`, cached in `$KFUNC_CACHE`, default
/// `~/.cache/kfunc`). `scripts/test.sh` builds them before the host tests;
/// a missing one is a failure that says how to build it, never a skip.
fn real_vmlinuxes() -> Vec<PathBuf> {
    let cache = std::env::var_os("KFUNC_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/kfunc")))
        .expect("neither KFUNC_CACHE nor HOME is set");
    ["6.12", "7.3"]
        .iter()
        .map(|v| {
            let p = cache.join("build").join(v).join("vmlinux");
            assert!(
                p.exists(),
                "{} is missing: build it with `tests/kernel/build-kernel.sh {v}` \
                 (scripts/test.sh does this before the host tests)",
                p.display()
            );
            p
        })
        .collect()
}

#[test]
fn apply_against_real_vmlinux() {
    let list = real_vmlinuxes();
    for (i, vmlinux) in list.iter().enumerate() {
        let ko = basic_module(&format!("real{i}"), Linker::Gnu);
        match apply(&ko, vmlinux) {
            Ok(Outcome::Applied { kfuncs: 11 }) => {}
            other => panic!("{}: {other:?}", vmlinux.display()),
        }
        let r = kfunc_btf::inspect::inspect(&ko, vmlinux).unwrap();
        assert!(
            r.problems.is_empty(),
            "{}: {:?}",
            vmlinux.display(),
            r.problems
        );
        let dump = bpftool_dump(vmlinux, &ko);
        assert!(dump.contains("FUNC 'kf_implicit_impl'"));
        // the macro-built module too, and its header against the real vmlinux.h
        let ko = module(&format!("realmac{i}"), &macro_fixture_objs(), Linker::Gnu);
        apply(&ko, vmlinux).unwrap();
        let r = kfunc_btf::inspect::inspect(&ko, vmlinux).unwrap();
        assert!(
            r.problems.is_empty(),
            "{}: {:?}",
            vmlinux.display(),
            r.problems
        );
        let vm = load_base(vmlinux).unwrap();
        let stubs = kfunc_btf::apply::read_stubs(&Module::read(&ko).unwrap()).unwrap();
        let h = kfunc_btf::header::generate("macros", &stubs, Some(&vm)).unwrap();
        compile_bpf_prog(
            ko.parent().unwrap(),
            vmlinux,
            &h,
            "kf_narrow(1, 1) + kf_counter_hits(0, 0) + kf_strlen(\"ab\")",
        );
        // a 7.x-style module (distilled .BTF.base, sorted) against the real vmlinux
        let ko = module(&format!("realdist{i}"), &macro_fixture_objs(), Linker::Gnu);
        make_distilled(&ko, &vm);
        assert_eq!(
            apply(&ko, vmlinux).unwrap(),
            Outcome::Applied { kfuncs: 14 }
        );
        let r = kfunc_btf::inspect::inspect(&ko, vmlinux).unwrap();
        assert!(
            r.problems.is_empty(),
            "{}: {:?}",
            vmlinux.display(),
            r.problems
        );
        let once = sha(&ko);
        assert_eq!(
            apply(&ko, vmlinux).unwrap(),
            Outcome::AlreadyApplied { kfuncs: 14 }
        );
        assert_eq!(once, sha(&ko));
    }
}

#[allow(dead_code)]
fn unused(_: HashMap<(), ()>, _: Error) {}

// ------------------------------------------- C parts with their own .BTF_ids

/// `(name, offset, size)` of the `__BTF_ID__` symbols of `ko`'s `.BTF_ids`.
fn btf_id_symbols(ko: &Path) -> Vec<(String, u64, u64)> {
    let data = std::fs::read(ko).unwrap();
    let f = object::File::parse(&*data).unwrap();
    let sec = f.section_by_name(".BTF_ids").unwrap().index();
    f.symbols()
        .filter(|s| s.section_index() == Some(sec))
        .filter_map(|s| {
            let n = s.name().ok()?;
            n.starts_with("__BTF_ID__")
                .then(|| (n.to_owned(), s.address(), s.size()))
        })
        .collect()
}

fn rd(d: &[u8], o: u64) -> u32 {
    let o = o as usize;
    u32::from_le_bytes(d[o..o + 4].try_into().unwrap())
}

/// What the kernel's resolve_btfids does to `.BTF_ids` (emulated from its
/// documented behaviour): each `__BTF_ID__<kind>__<name>__<n>` slot gets the
/// id of `<name>` in `btf`, a set's `cnt` comes from its symbol's size, and
/// sets are sorted by id (set8 pairs with their flags).
fn resolve_btfids_like(ko: &Path, btf: &Btf) {
    let m = Module::read(ko).unwrap();
    let mut d = m.section_data(".BTF_ids").unwrap().to_vec();
    let syms = btf_id_symbols(ko);
    let put = |d: &mut Vec<u8>, o: u64, v: u32| {
        d[o as usize..o as usize + 4].copy_from_slice(&v.to_le_bytes())
    };
    for (n, off, _) in &syms {
        let rest = n.strip_prefix("__BTF_ID__").unwrap();
        let (k, tail) = if let Some(t) = rest.strip_prefix("func__") {
            (kind::FUNC, t)
        } else if let Some(t) = rest.strip_prefix("struct__") {
            (kind::STRUCT, t)
        } else {
            continue;
        };
        let name = &tail[..tail.rfind("__").unwrap()];
        put(&mut d, *off, btf.find(name, k).unwrap());
    }
    for (n, off, size) in &syms {
        if n.starts_with("__BTF_ID__set8__") {
            let cnt = size / 8 - 1;
            put(&mut d, *off, cnt as u32);
            let b = *off as usize + 8;
            let mut pairs: Vec<Vec<u8>> = (0..cnt as usize)
                .map(|i| d[b + 8 * i..b + 8 * i + 8].to_vec())
                .collect();
            pairs.sort_by_key(|p| u32::from_le_bytes(p[..4].try_into().unwrap()));
            d[b..b + 8 * cnt as usize].copy_from_slice(&pairs.concat());
        } else if n.starts_with("__BTF_ID__set__") {
            let cnt = size / 4 - 1;
            put(&mut d, *off, cnt as u32);
            let mut ids: Vec<u32> = (0..cnt).map(|i| rd(&d, off + 4 + 4 * i)).collect();
            ids.sort();
            for (i, v) in ids.iter().enumerate() {
                put(&mut d, off + 4 + 4 * i as u64, *v);
            }
        }
    }
    let patch = Patch {
        sections: vec![(".BTF_ids".into(), d)],
        symbol_values: vec![],
    };
    elf::write_atomic(ko, &elf::rewrite(&m, &patch).unwrap()).unwrap();
}

/// Checks that `.BTF_ids` of the cpart_ids fixture names the right types in
/// `btf`, sets sorted, set8 flags with their functions; returns the ids.
fn check_cpart_ids(ko: &Path, btf: &Btf) -> Vec<u32> {
    let m = Module::read(ko).unwrap();
    let d = m.section_data(".BTF_ids").unwrap();
    let syms = btf_id_symbols(ko);
    let at = |p: &str| syms.iter().find(|s| s.0.starts_with(p)).unwrap().1;
    let name = |id: u32, k: u32| {
        assert_eq!(btf.kind_of(id), Some(k), "id {id}");
        btf.name_of(id).to_owned()
    };
    let s8 = at("__BTF_ID__set8__cpart_ids_kfuncs");
    assert_eq!((rd(d, s8), rd(d, s8 + 4)), (2, 1));
    let pairs: Vec<(u32, u32)> = (0..2)
        .map(|i| (rd(d, s8 + 8 + 8 * i), rd(d, s8 + 12 + 8 * i)))
        .collect();
    assert!(pairs[0].0 < pairs[1].0, "set8 not sorted: {pairs:?}");
    let mut named: Vec<(String, u32)> = pairs
        .iter()
        .map(|&(id, fl)| (name(id, kind::FUNC), fl))
        .collect();
    named.sort();
    assert_eq!(
        named,
        [
            ("cpart_ids_first".to_owned(), 0x11),
            ("cpart_ids_second".to_owned(), 0x22)
        ]
    );
    let s = at("__BTF_ID__set__cpart_ids_set");
    assert_eq!(rd(d, s), 2);
    let (a, b) = (rd(d, s + 4), rd(d, s + 8));
    assert!(a < b, "set not sorted");
    let mut n = vec![name(a, kind::FUNC), name(b, kind::FUNC)];
    n.sort();
    assert_eq!(n, ["cpart_ids_first", "cpart_ids_second"]);
    let o = rd(d, at("__BTF_ID__struct__cpart_ids_obj"));
    assert_eq!(name(o, kind::STRUCT), "cpart_ids_obj");
    vec![pairs[0].0, pairs[1].0, a, b, o]
}

fn cpart_ids_module(name: &str) -> PathBuf {
    let cobj = compile_c("gcc", true, "cpart/cpart_ids.c", "cpart_ids.o");
    mixed_module(name, &[cobj], Linker::Gnu)
}

/// `apply` renumbers the module BTF; the C part's `.BTF_ids`, filled before,
/// must name the same types afterwards (re-resolved by name, sets sorted
/// again), with vmlinux as base (6.12 external modules) and with a
/// distilled base (7.x).
#[test]
fn apply_re_resolves_the_btf_ids_of_c_parts() {
    let base = base();
    let vm = load_base(&base).unwrap();
    for distill in [false, true] {
        let ko = cpart_ids_module(if distill { "cids-dist" } else { "cids" });
        let stored = if distill {
            make_distilled(&ko, &vm);
            let m = Module::read(&ko).unwrap();
            let db = Rc::new(Btf::from_bytes(m.section_data(".BTF.base").unwrap()).unwrap());
            Btf::from_bytes_split(m.section_data(".BTF").unwrap(), db).unwrap()
        } else {
            module_btf(&ko, &vm)
        };
        resolve_btfids_like(&ko, &stored);
        let before = check_cpart_ids(&ko, &stored);
        assert_eq!(apply(&ko, &base).unwrap(), Outcome::Applied { kfuncs: 11 });
        let m = Module::read(&ko).unwrap();
        let now = match m.section_data(".BTF.base") {
            Some(b) => Btf::from_bytes_split(
                m.section_data(".BTF").unwrap(),
                Rc::new(Btf::from_bytes(b).unwrap()),
            )
            .unwrap(),
            None => module_btf(&ko, &vm),
        };
        let after = check_cpart_ids(&ko, &now);
        check_table(&ko, &now);
        if distill {
            // the point of the test: the types did move
            assert_ne!(before, after, "apply renumbered nothing");
        }
        let once = sha(&ko);
        assert_eq!(
            apply(&ko, &base).unwrap(),
            Outcome::AlreadyApplied { kfuncs: 11 }
        );
        assert_eq!(once, sha(&ko));
    }
}

/// An id that cannot be found again by name refuses the module, unchanged.
#[test]
fn error_btf_ids_slot_of_an_anonymous_type() {
    let base = base();
    let vm = load_base(&base).unwrap();
    let ko = cpart_ids_module("cids-anon");
    let btf = module_btf(&ko, &vm);
    resolve_btfids_like(&ko, &btf);
    // point the struct slot at an anonymous module type (a PTR)
    let anon = (btf.start_id()..btf.type_cnt())
        .find(|&id| btf.kind_of(id) == Some(kind::PTR))
        .unwrap();
    let m = Module::read(&ko).unwrap();
    let mut d = m.section_data(".BTF_ids").unwrap().to_vec();
    let off = btf_id_symbols(&ko)
        .into_iter()
        .find(|s| s.0.starts_with("__BTF_ID__struct__cpart_ids_obj"))
        .unwrap()
        .1 as usize;
    d[off..off + 4].copy_from_slice(&anon.to_le_bytes());
    let patch = Patch {
        sections: vec![(".BTF_ids".into(), d)],
        symbol_values: vec![],
    };
    elf::write_atomic(&ko, &elf::rewrite(&m, &patch).unwrap()).unwrap();
    let e = apply_err(&ko, &base);
    assert!(
        e.contains("__BTF_ID__struct__cpart_ids_obj__5: id") && e.contains("anonymous"),
        "{e}"
    );
    assert!(e.contains(".BTF_ids"), "{e}");
}
