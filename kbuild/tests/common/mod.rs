//! Test harness: builds real artifacts once per test binary.
//!
//! - fixture objects: `tests/fixtures/basic` compiled by rustc with the
//!   kernel's Rust flags for x86-64 (`-Cpanic=abort -Crelocation-model=static
//!   -Ccode-model=kernel -Cno-redzone=y`, `no_std`) into one object per
//!   feature set, as Kbuild compiles a module crate; its dependency (linkme)
//!   is built once by cargo with the same flags;
//! - modules: those objects linked with `ld -r -T kbuild/kfunc.lds`;
//! - the base: `tests/fixtures/base/vmlinux.c` (real C kernel type
//!   definitions) compiled with `gcc -g` and encoded with `pahole -J`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

pub const RUST_KERNEL_FLAGS: &[&str] = &[
    "-Cpanic=abort",
    "-Crelocation-model=static",
    "-Ccode-model=kernel",
    "-Cno-redzone=y",
    "-Ccodegen-units=1",
    "-Copt-level=2",
];

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn work() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kfunc-btf-tests");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs a command, panicking with its output when it fails.
pub fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (is the tool installed? see .ci/run)"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into())
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

pub const TARGET: &str = "x86_64-unknown-linux-gnu";

/// The file `<prefix><hash><ext>` cargo wrote into `deps`.
pub fn find_artifact(deps: &Path, prefix: &str, ext: &str) -> PathBuf {
    std::fs::read_dir(deps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(prefix) && n.ends_with(ext)
        })
        .unwrap_or_else(|| panic!("{prefix}*{ext} not in {}", deps.display()))
}

/// `(linkme rlib, target deps dir, host deps dir)`, built once.
pub fn deps() -> &'static (PathBuf, PathBuf, PathBuf) {
    static DEPS: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    DEPS.get_or_init(|| {
        let fixture = manifest_dir().join("tests/fixtures/basic");
        let target_dir = work().join("fixture-target");
        run(Command::new(cargo())
            .current_dir(&fixture)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTFLAGS", RUST_KERNEL_FLAGS.join(" "))
            .env_remove("CARGO_BUILD_TARGET")
            .args(["build", "--release", "--quiet", "--target", TARGET]));
        let deps = target_dir.join(TARGET).join("release/deps");
        let linkme = find_artifact(&deps, "liblinkme-", ".rlib");
        // the proc macro (linkme-impl) is a host artefact
        (linkme, deps, target_dir.join("release/deps"))
    })
}

/// The fixture crate compiled to one object with `features`.
pub fn fixture_obj(features: &[&str]) -> PathBuf {
    static LOCK: Mutex<()> = Mutex::new(());
    let (linkme, deps, host_deps) = deps();
    let name = if features.is_empty() {
        "basic".to_owned()
    } else {
        features.join("+")
    };
    let out = work().join(format!("fixture-{name}.o"));
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // reused across runs while it is newer than every fixture source
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let src = manifest_dir().join("tests/fixtures/basic/src");
    let newest_src = std::fs::read_dir(&src)
        .unwrap()
        .filter_map(|e| mtime(&e.unwrap().path()))
        .max();
    if mtime(&out).is_some_and(|o| Some(o) >= newest_src) {
        return out;
    }
    let tmp = out.with_extension("o.tmp");
    let mut cmd = Command::new(rustc());
    cmd.args([
        "--edition=2021",
        "--crate-type=rlib",
        "--crate-name=kfunc_fixture_basic",
        "--target",
        TARGET,
        "--emit=obj",
    ])
    .args(RUST_KERNEL_FLAGS)
    .arg(format!("-Cmetadata={name}"))
    .arg("--extern")
    .arg(format!("linkme={}", linkme.display()))
    .arg(format!("-Ldependency={}", deps.display()))
    .arg(format!("-Ldependency={}", host_deps.display()))
    .arg("-o")
    .arg(&tmp);
    for f in features {
        cmd.arg("--cfg").arg(format!("feature=\"{f}\""));
    }
    cmd.arg(manifest_dir().join("tests/fixtures/basic/src/lib.rs"));
    run(&mut cmd);
    std::fs::rename(&tmp, &out).unwrap();
    out
}

/// Which linker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linker {
    Gnu,
    Lld,
}

/// `ld -r [-T kfunc.lds] objs -o out`.
pub fn link(out: &Path, objs: &[PathBuf], linker: Linker, fragment: bool) {
    let mut cmd = Command::new(match linker {
        Linker::Gnu => "ld",
        Linker::Lld => "ld.lld-19",
    });
    cmd.arg("-r");
    if fragment {
        cmd.arg("-T").arg(manifest_dir().join("kfunc.lds"));
    }
    cmd.args(objs).arg("-o").arg(out);
    run(&mut cmd);
}

/// Compiles the C fixture `src` (relative to `tests/fixtures/`) with
/// `compiler -O1 -c`, with DWARF when `debug`, into `work()/out`.
pub fn compile_c(compiler: &str, debug: bool, src: &str, out: &str) -> PathBuf {
    let out = work().join(out);
    let mut cmd = Command::new(compiler);
    if debug {
        cmd.arg("-g");
    }
    run(cmd
        .args(["-O1", "-c", "-o"])
        .arg(&out)
        .arg(manifest_dir().join("tests/fixtures").join(src)));
    out
}

/// The stand-in vmlinux with BTF (gcc -g + pahole -J), built once.
pub fn base() -> PathBuf {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        let out = compile_c("gcc", true, "base/vmlinux.c", "vmlinux");
        run(Command::new("pahole").arg("-J").arg(&out));
        out
    })
    .clone()
}

/// An ELF object without `.BTF` (the same C file without pahole).
pub fn base_without_btf() -> PathBuf {
    static B: OnceLock<PathBuf> = OnceLock::new();
    B.get_or_init(|| compile_c("gcc", false, "base/vmlinux.c", "vmlinux-nobtf"))
        .clone()
}

/// The C part of a mixed module, with DWARF.
pub fn cpart_obj() -> PathBuf {
    static C: OnceLock<PathBuf> = OnceLock::new();
    C.get_or_init(|| compile_c("gcc", true, "cpart/cpart.c", "cpart.o"))
        .clone()
}

/// A fresh module `name.ko` linked from `objs` in its own directory.
pub fn module(name: &str, objs: &[PathBuf], linker: Linker) -> PathBuf {
    let dir = work().join(format!("case-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ko = dir.join(format!("{name}.ko"));
    link(&ko, objs, linker, true);
    ko
}

/// Module BTF for the C parts of `ko`, written by `pahole -J` on the base
/// (what Kbuild does for a C module).
pub fn pahole_btf(ko: &Path) {
    run(Command::new("pahole")
        .arg("-J")
        .arg("--btf_base")
        .arg(base())
        .arg(ko));
}

/// A mixed module: the basic fixture with the C objects `cparts`, linked
/// by `linker`, its C parts' BTF written by pahole.
pub fn mixed_module(name: &str, cparts: &[PathBuf], linker: Linker) -> PathBuf {
    let mut objs = vec![fixture_obj(&[])];
    objs.extend_from_slice(cparts);
    let ko = module(name, &objs, linker);
    pahole_btf(&ko);
    ko
}

/// Gives `ko` the BTF layout of a 7.x external module: split BTF on a
/// distilled `.BTF.base`, own types sorted by name (what gen-btf.sh and
/// `resolve_btfids --distill_base` produce, with the same libbpf calls).
pub fn make_distilled(ko: &Path, vm: &std::rc::Rc<kfunc_btf::btf::Btf>) {
    use kfunc_btf::btf::Btf;
    use kfunc_btf::elf::{self, Module, Patch};
    let m = Module::read(ko).unwrap();
    let split = match m.section_data(".BTF") {
        Some(d) if d.len() > 24 => Btf::from_bytes_split(d, vm.clone()).unwrap(),
        _ => Btf::empty_split(vm.clone()).unwrap(),
    };
    let (db, mut ds) = split.distill().unwrap();
    ds.sort_by_name().unwrap();
    let patch = Patch {
        sections: vec![
            (".BTF".into(), ds.raw_data()),
            (".BTF.base".into(), db.raw_data()),
        ],
        symbol_values: vec![],
    };
    elf::write_atomic(ko, &elf::rewrite(&m, &patch).unwrap()).unwrap();
}

/// `bpftool -B base btf dump file ko`.
pub fn bpftool_dump(base: &Path, ko: &Path) -> String {
    let out = run(Command::new("bpftool")
        .arg("-B")
        .arg(base)
        .args(["btf", "dump", "file"])
        .arg(ko));
    String::from_utf8(out.stdout).unwrap()
}

/// Compares `actual` with `tests/golden/<name>`; `KFUNC_BLESS=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = manifest_dir().join("tests/golden").join(name);
    if std::env::var_os("KFUNC_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with KFUNC_BLESS=1 and review)",
            path.display()
        )
    });
    if want != actual {
        let p = path.with_extension("actual");
        std::fs::write(&p, actual).unwrap();
        panic!(
            "{} differs from the golden file; actual output in {}",
            path.display(),
            p.display()
        );
    }
}

/// Names of the files in `ko`'s directory.
pub fn dir_listing(ko: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(ko.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The objects of `tests/fixtures/macros` (kfuncs written with the real
/// `#[kfunc]` / `#[derive(BtfType)]`): the fixture crate's object and the
/// `kfunc` runtime's object extracted from its rlib with `ar x`, as a
/// module's Kbuild links them. Built once.
pub fn macro_fixture_objs() -> Vec<PathBuf> {
    static OBJS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    OBJS.get_or_init(|| {
        let fixture = manifest_dir().join("tests/fixtures/macros");
        let target_dir = work().join("macros-target");
        run(Command::new(cargo())
            .current_dir(&fixture)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTFLAGS", RUST_KERNEL_FLAGS.join(" "))
            .env_remove("CARGO_BUILD_TARGET")
            .args(["rustc", "--release", "--quiet", "--target", TARGET])
            .args(["--", "--emit=obj"]));
        let deps = target_dir.join(TARGET).join("release/deps");
        let obj = find_artifact(&deps, "kfunc_fixture_macros-", ".o");
        let rlib = find_artifact(&deps, "libkfunc-", ".rlib");
        let ar_dir = work().join("macros-ar");
        let _ = std::fs::remove_dir_all(&ar_dir);
        std::fs::create_dir_all(&ar_dir).unwrap();
        run(Command::new("ar").current_dir(&ar_dir).arg("x").arg(&rlib));
        let mut objs = vec![obj];
        for e in std::fs::read_dir(&ar_dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "o") {
                objs.push(p);
            }
        }
        assert_eq!(objs.len(), 2, "one runtime object expected: {objs:?}");
        objs
    })
    .clone()
}
