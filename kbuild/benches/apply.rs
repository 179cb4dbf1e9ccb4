//! Benchmark of `kfunc-btf apply` (run: `cargo bench -p kfunc-btf`).
//!
//! For 100, 1,000 and 10,000 kfuncs it generates a Rust module crate (the
//! stub encoder of `tests/fixtures/basic`), compiles it with the kernel's
//! Rust flags, links it with `ld -r -T kbuild/kfunc.lds`, and times `apply`
//! on it (best of 5, each on a fresh copy, in a child process that reports
//! its own peak RSS via getrusage). As the reference, the same kfuncs
//! written in C are compiled with `gcc -g` and encoded by `pahole -J
//! --btf_base` (what Kbuild does for a C module), timed the same way.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::*;

#[repr(C)]
struct Rusage {
    utime: [i64; 2],
    stime: [i64; 2],
    maxrss: i64,
    rest: [i64; 13],
}

extern "C" {
    fn getrusage(who: i32, usage: *mut Rusage) -> i32;
}

fn maxrss_kib(who: i32) -> i64 {
    let mut r = Rusage {
        utime: [0; 2],
        stime: [0; 2],
        maxrss: 0,
        rest: [0; 13],
    };
    // SAFETY: `r` is a properly sized, writable `struct rusage` (x86-64
    // Linux layout: two timevals then 14 longs).
    let rc = unsafe { getrusage(who, &mut r) };
    assert_eq!(rc, 0);
    r.maxrss
}

const RUSAGE_SELF: i32 = 0;
const RUSAGE_CHILDREN: i32 = -1;

fn gen_rust(n: usize) -> String {
    let stubgen = manifest_dir().join("tests/fixtures/basic/src/stubgen.rs");
    let mut s = format!(
        r#"#![no_std]
#![allow(non_camel_case_types, clippy::all)]
#[path = "{}"]
#[macro_use]
pub mod stubgen;
use stubgen::{{FlagEntry, ProgLimit, Ty, F, P}};
#[linkme::distributed_slice]
pub static KFUNC_FLAG_TABLE: [FlagEntry];
#[linkme::distributed_slice]
pub static KFUNC_PROG_LIMITS: [ProgLimit];
#[repr(C)]
pub struct Set8 {{ pub cnt: u32, pub flags: u32 }}
#[no_mangle]
#[used]
#[link_section = ".kfunc.set8"]
pub static __kfunc_set8: Set8 = Set8 {{ cnt: 0, flags: 1 }};
#[no_mangle]
pub extern "C" fn table_len() -> usize {{ KFUNC_FLAG_TABLE.len() }}
#[repr(C)]
pub struct task_struct {{ _o: [u8; 0] }}
#[repr(C)]
pub struct bpf_prog_aux {{ _o: [u8; 0] }}
const TASK: Ty = Ty::Struct("task_struct");
const AUX: Ty = Ty::Struct("bpf_prog_aux");
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {{ loop {{}} }}
"#,
        stubgen.display()
    );
    for i in 0..n {
        if i % 10 == 9 {
            let _ = write!(
                s,
                r#"#[no_mangle]
pub unsafe extern "C" fn kf_{i}(a: u32, _aux: *mut bpf_prog_aux) -> u64 {{ a as u64 + {i} }}
stub!(kf_{i}, F {{ flags: 1 << 16, name: "kf_{i}", prog_types: 0, ret: Ty::Int(8, false),
    params: &[P {{ name: "a", suffix: "", implicit: false, ty: Ty::Int(4, false) }},
              P {{ name: "aux", suffix: "", implicit: true, ty: Ty::Ptr(true, &AUX) }}] }});
"#
            );
        } else {
            let _ = write!(
                s,
                r#"#[no_mangle]
pub unsafe extern "C" fn kf_{i}(t: *mut task_struct, len: u32) -> u64 {{ t as u64 + len as u64 + {i} }}
stub!(kf_{i}, F {{ flags: 0, name: "kf_{i}", prog_types: 0, ret: Ty::Int(8, false),
    params: &[P {{ name: "t", suffix: "", implicit: false, ty: Ty::Ptr(true, &TASK) }},
              P {{ name: "len", suffix: "__sz", implicit: false, ty: Ty::Int(4, false) }}] }});
"#
            );
        }
    }
    s
}

fn gen_c(n: usize) -> String {
    let mut s = String::from(
        "struct task_struct; struct bpf_prog_aux;\n\
         #define __bpf_kfunc __attribute__((used, noinline))\n",
    );
    for i in 0..n {
        if i % 10 == 9 {
            let _ = writeln!(
                s,
                "__bpf_kfunc unsigned long long kf_{i}(unsigned int a, struct bpf_prog_aux *aux) {{ return a + {i} + (aux != 0); }}"
            );
        } else {
            let _ = writeln!(
                s,
                "__bpf_kfunc unsigned long long kf_{i}(struct task_struct *t, unsigned int len__sz) {{ return (unsigned long)t + len__sz + {i}; }}"
            );
        }
    }
    s
}

fn build_rust_module(dir: &Path, n: usize) -> PathBuf {
    let (linkme, deps, host_deps) = deps();
    let src = dir.join(format!("gen{n}.rs"));
    std::fs::write(&src, gen_rust(n)).unwrap();
    let obj = dir.join(format!("gen{n}.o"));
    run(Command::new(rustc())
        .args([
            "--edition=2021",
            "--crate-type=rlib",
            "--crate-name",
            &format!("gen{n}"),
        ])
        .args(["--target", TARGET, "--emit=obj"])
        .args(RUST_KERNEL_FLAGS)
        .arg("--extern")
        .arg(format!("linkme={}", linkme.display()))
        .arg(format!("-Ldependency={}", deps.display()))
        .arg(format!("-Ldependency={}", host_deps.display()))
        .arg("-o")
        .arg(&obj)
        .arg(&src));
    let ko = dir.join(format!("gen{n}.ko"));
    link(&ko, &[obj], Linker::Gnu, true);
    ko
}

fn build_c_module(dir: &Path, n: usize) -> PathBuf {
    let src = dir.join(format!("c{n}.c"));
    std::fs::write(&src, gen_c(n)).unwrap();
    let obj = dir.join(format!("c{n}.o"));
    run(Command::new("gcc")
        .args(["-g", "-O1", "-c", "-o"])
        .arg(&obj)
        .arg(&src));
    let ko = dir.join(format!("c{n}.ko"));
    run(Command::new("ld").arg("-r").arg(&obj).arg("-o").arg(&ko));
    ko
}

/// Child mode: `--measure apply <ko> <base>` or `--measure pahole <ko> <base>`;
/// prints "<seconds> <peak RSS KiB>".
fn measure(args: &[String]) {
    let (what, ko, base) = (&args[0], Path::new(&args[1]), Path::new(&args[2]));
    let t = Instant::now();
    let rss = if what == "apply" {
        kfunc_btf::apply(ko, base).unwrap();
        maxrss_kib(RUSAGE_SELF)
    } else {
        run(Command::new("pahole")
            .arg("-J")
            .arg("--btf_base")
            .arg(base)
            .arg(ko));
        maxrss_kib(RUSAGE_CHILDREN)
    };
    println!("{} {}", t.elapsed().as_secs_f64(), rss);
}

fn timed(what: &str, ko: &Path, base: &Path) -> (f64, i64) {
    let mut best = (f64::MAX, 0);
    for _ in 0..5 {
        let copy = ko.with_extension(format!("{what}.ko"));
        std::fs::copy(ko, &copy).unwrap();
        let out = run(Command::new(std::env::current_exe().unwrap())
            .args(["--measure", what])
            .arg(&copy)
            .arg(base));
        let text = String::from_utf8(out.stdout).unwrap();
        let mut it = text.split_whitespace();
        let secs: f64 = it.next().unwrap().parse().unwrap();
        let rss: i64 = it.next().unwrap().parse().unwrap();
        if secs < best.0 {
            best = (secs, rss);
        }
    }
    best
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--measure") {
        measure(&args[i + 1..]);
        return;
    }
    let sizes: Vec<usize> = match std::env::var("KFUNC_BENCH_SIZES") {
        Ok(v) => v.split(',').map(|s| s.trim().parse().unwrap()).collect(),
        Err(_) => vec![100, 1000, 10000],
    };
    // the test base, plus the vmlinux of the two kernels the kernel tier
    // builds (tests/kernel/build-kernel.sh), where they exist
    let mut bases = vec![("test vmlinux (gcc+pahole)".to_owned(), base())];
    let cache = std::env::var_os("KFUNC_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/kfunc")));
    for version in ["6.12", "7.3"] {
        let Some(vmlinux) = cache
            .as_ref()
            .map(|c| c.join("build").join(version).join("vmlinux"))
        else {
            continue;
        };
        if vmlinux.exists() {
            bases.push((format!("Linux {version} vmlinux"), vmlinux));
        } else {
            println!("(no {}: Linux {version} row left out)", vmlinux.display());
        }
    }
    let dir = work().join("bench");
    std::fs::create_dir_all(&dir).unwrap();
    let modules: Vec<(usize, PathBuf, PathBuf)> = sizes
        .iter()
        .map(|&n| (n, build_rust_module(&dir, n), build_c_module(&dir, n)))
        .collect();
    for (name, base) in &bases {
        println!("\nbase: {name}");
        println!(
            "{:>8} | {:>12} {:>12} {:>11} | {:>14} {:>13}",
            "kfuncs", "apply (ms)", "us/kfunc", "RSS (MiB)", "pahole -J (ms)", "RSS (MiB)"
        );
        for (n, ko, cko) in &modules {
            let (t, rss) = timed("apply", ko, base);
            let (pt, prss) = timed("pahole", cko, base);
            println!(
                "{:>8} | {:>12.1} {:>12.2} {:>11.1} | {:>14.1} {:>13.1}",
                n,
                t * 1e3,
                t * 1e6 / *n as f64,
                rss as f64 / 1024.0,
                pt * 1e3,
                prss as f64 / 1024.0
            );
        }
    }
}
