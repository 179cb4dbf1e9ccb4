//! Compile cost of `#[kfunc]` (run: `cargo bench -p kfunc-tests --bench compile`).
//!
//! For 300 and 1,000 kfuncs (a mix of plain, acquire/ret_null, `__sz` and
//! implicit-args kfuncs) it generates two crates with the same bodies: one
//! declares them with `#[kfunc]` and `#[derive(BtfType)]`, the other writes
//! them as plain `#[no_mangle] extern "C"` functions and `#[repr(C)]`
//! structs. Each is built once (dependencies included), then its `lib.rs`
//! is touched and it is rebuilt in release mode, `KFUNC_BENCH_RUNS` times
//! (default 3), the two crates taking turns; the figure is the best
//! whole-process CPU time (user + system of cargo, rustc and the proc
//! macros, from `getrusage(RUSAGE_CHILDREN)`). Both crates are built in the
//! same run, interleaved, so the ratio compares like with like on a busy
//! machine too.

use std::path::{Path, PathBuf};
use std::process::Command;

#[repr(C)]
struct Rusage {
    utime: [i64; 2],
    stime: [i64; 2],
    rest: [i64; 14],
}

extern "C" {
    fn getrusage(who: i32, usage: *mut Rusage) -> i32;
}

const RUSAGE_CHILDREN: i32 = -1;

/// CPU seconds (user + system) of every waited-for child so far.
fn children_cpu() -> f64 {
    let mut r = Rusage {
        utime: [0; 2],
        stime: [0; 2],
        rest: [0; 14],
    };
    // SAFETY: `r` has the layout of `struct rusage` on 64-bit Linux (two
    // timevals and fourteen longs) and outlives the call.
    let rc = unsafe { getrusage(RUSAGE_CHILDREN, &mut r) };
    assert_eq!(rc, 0, "getrusage");
    let tv = |t: [i64; 2]| t[0] as f64 + t[1] as f64 / 1e6;
    tv(r.utime) + tv(r.stime)
}

#[derive(Clone, Copy, PartialEq)]
enum Flavour {
    Kfunc,
    Plain,
}

/// The crate's source: `n` kfuncs cycling through four shapes.
fn source(n: usize, flavour: Flavour) -> String {
    let mut s = String::from(
        "#![allow(dead_code, clippy::missing_safety_doc, improper_ctypes_definitions)]\n\
         use core::sync::atomic::{AtomicU32, Ordering};\n",
    );
    if flavour == Flavour::Kfunc {
        s.push_str("use kfunc::prelude::*;\n");
    } else {
        s.push_str("#[repr(C)] pub struct bpf_prog_aux { _p: [u8; 0] }\n");
    }
    // `fn` with what each flavour puts before it.
    let f = |attr: &str, unsafety: &str| match flavour {
        Flavour::Kfunc => format!("{attr}\npub {unsafety}fn"),
        Flavour::Plain => format!("#[no_mangle]\npub {unsafety}extern \"C\" fn"),
    };
    let derive = match flavour {
        Flavour::Kfunc => "#[derive(BtfType)]",
        Flavour::Plain => "",
    };
    let (sz, aux) = match flavour {
        Flavour::Kfunc => ("#[arg(sz)] ", "&ProgAux"),
        Flavour::Plain => ("", "*mut bpf_prog_aux"),
    };
    for i in 0..n {
        let text = match i % 4 {
            0 => format!(
                "{} bpf_b_add_{i}(a: u64, b: u32) -> u64 {{ a.wrapping_add(u64::from(b)) ^ {i} }}",
                f("#[kfunc]", "")
            ),
            1 => format!(
                "#[repr(C)] {derive} pub struct Obj{i} {{ pub key: u32, pub refcnt: AtomicU32, pub value: u64 }}\n\
                 static OBJ_{i}: Obj{i} = Obj{i} {{ key: {i}, refcnt: AtomicU32::new(0), value: 7 }};\n\
                 {} bpf_b_get_{i}(key: u32) -> Option<&'static Obj{i}> {{ if key == {i} {{ OBJ_{i}.refcnt.fetch_add(1, Ordering::AcqRel); Some(&OBJ_{i}) }} else {{ None }} }}\n\
                 {} bpf_b_put_{i}(o: &Obj{i}) {{ o.refcnt.fetch_sub(1, Ordering::AcqRel); }}",
                f("#[kfunc(acquire, ret_null)]", ""),
                f("#[kfunc(release)]", "")
            ),
            2 => format!(
                "{} bpf_b_sum_{i}(buf: *const u8, {sz}len: u32) -> u64 {{ \
                 let mut t = 0u64; for k in 0..len as usize {{ t = t.wrapping_add(u64::from(unsafe {{ *buf.add(k) }})); }} t }}",
                f("#[kfunc]", "unsafe ")
            ),
            _ => format!(
                "{} bpf_b_id_{i}(x: u32, aux: {aux}) -> u32 {{ x ^ (aux as *const _ as usize as u32) ^ {i} }}",
                f("#[kfunc(implicit_args)]", "")
            ),
        };
        s.push_str(&text);
        s.push('\n');
    }
    s
}

fn write_crate(dir: &Path, n: usize, flavour: Flavour) {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let deps = match flavour {
        Flavour::Kfunc => format!("kfunc = {{ path = {:?} }}\n", runtime.display().to_string()),
        Flavour::Plain => String::new(),
    };
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"bench-crate\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\
             [lib]\npath = \"src/lib.rs\"\n[dependencies]\n{deps}[workspace]\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), source(n, flavour)).unwrap();
}

/// Builds the crate in `dir`; returns the CPU seconds it cost.
fn build(dir: &Path, target: &Path) -> f64 {
    let before = children_cpu();
    let out = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "--offline",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "building {} failed:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    children_cpu() - before
}

fn touch(path: &Path) {
    let text = std::fs::read(path).unwrap();
    std::fs::write(path, text).unwrap();
}

fn main() {
    let runs: usize = std::env::var("KFUNC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/compile-bench");
    // Cargo.lock of the workspace: the generated crates resolve the same
    // versions offline.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    println!("compile cost: #[kfunc] vs plain extern \"C\" (release, best of {runs}, CPU s)");
    println!(
        "{:>7} {:>12} {:>12} {:>7}",
        "kfuncs", "#[kfunc]", "plain", "ratio"
    );
    for n in [300usize, 1000] {
        let target = root.join("target");
        let dirs = [Flavour::Kfunc, Flavour::Plain].map(|flavour| {
            let dir = root.join(format!(
                "{}-{n}",
                if flavour == Flavour::Kfunc {
                    "kfunc"
                } else {
                    "plain"
                }
            ));
            write_crate(&dir, n, flavour);
            std::fs::copy(&lock, dir.join("Cargo.lock")).unwrap();
            build(&dir, &target); // dependencies and a first build
            dir
        });
        // interleaved, so a change in the machine's load falls on both
        let mut best = [f64::INFINITY; 2];
        for _ in 0..runs {
            for (slot, dir) in dirs.iter().enumerate() {
                touch(&dir.join("src/lib.rs"));
                best[slot] = best[slot].min(build(dir, &target));
            }
        }
        println!(
            "{n:>7} {:>12.2} {:>12.2} {:>6.1}x",
            best[0],
            best[1],
            best[0] / best[1]
        );
    }
}
