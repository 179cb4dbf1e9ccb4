//! The invariants every input must satisfy, checked by the fuzz target and
//! by `kbuild/tests/fuzz_seeds.rs` on the seed modules (which includes this
//! file by path, so it depends on `kfunc_btf` and `std` only).
//!
//! For one input, written as `<dir>/m.ko`:
//! - `header` (read stubs, generate) and `inspect` return, never panic, and
//!   leave the file byte-identical with nothing beside it;
//! - `apply` returns; on an error the file is byte-identical and no
//!   temporary file is left beside it; `AlreadyApplied` writes nothing;
//! - after `Applied`, a second `apply` is `AlreadyApplied` with the same
//!   number of kfuncs and leaves the bytes as they are, and `inspect` and
//!   `header` work on the output and find no problem `apply` is meant to
//!   fix (ids, order, `cnt`, missing BTF), and `header` prints what it
//!   printed for the input.
//!
//! A violated invariant panics with a message that names it: libFuzzer
//! records the input as a crash. Panics of `kfunc_btf` itself are findings
//! the same way. Time per input is bounded by libFuzzer's `-timeout`.

use std::fs;
use std::path::{Path, PathBuf};

use kfunc_btf::btf::Btf;
use kfunc_btf::{apply, header, inspect, Outcome};

/// File name of the input inside the work directory.
pub const INPUT_NAME: &str = "m.ko";

/// Which way an input went (for statistics and the seed test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `apply` refused it.
    Rejected,
    /// `apply` found it applied already.
    AlreadyApplied,
    /// `apply` wrote BTF and the flag table.
    Applied,
}

/// Problems `inspect` may report on a module `apply` just wrote only if the
/// input itself is at fault (set header flags, too many kfuncs, iterator
/// rules): every other problem is one `apply` should have fixed or refused
/// (ids, order, `cnt`, tags, a BTF that does not relocate onto vmlinux).
const INPUT_PROBLEMS: &[&str] = &[
    "flags lack BTF_SET8_KFUNCS",
    "at most 256 may be registered",
    "iterator rule:",
];

/// The files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("invariant: cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn read(ko: &Path) -> Vec<u8> {
    fs::read(ko).unwrap_or_else(|e| panic!("invariant: {} vanished: {e}", ko.display()))
}

/// Asserts `ko` holds `want` and is alone in its directory.
fn unchanged(ko: &Path, want: &[u8], after: &str) {
    let dir = ko.parent().unwrap();
    assert_eq!(
        listing(dir),
        [INPUT_NAME],
        "invariant: files left beside the module after {after}"
    );
    assert!(
        read(ko) == want,
        "invariant: {after} changed the module's bytes"
    );
}

/// `kfunc-btf header`: the module's stubs printed as C, as `main.rs` does.
fn run_header(ko: &Path, base: &Btf) -> Result<String, String> {
    let m = kfunc_btf::elf::Module::read(ko).map_err(|e| e.to_string())?;
    let stubs = apply::read_stubs(&m).map_err(|e| e.to_string())?;
    header::generate("m", &stubs, Some(base)).map_err(|e| e.to_string())
}

/// Runs every invariant on `input` in `dir` (emptied first) against the
/// base `base_path` (already parsed as `base`).
pub fn check(input: &[u8], dir: &Path, base_path: &Path, base: &Btf) -> Route {
    // a fresh directory: nothing from a previous input
    if dir.exists() {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            fs::remove_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        }
    } else {
        fs::create_dir_all(dir).unwrap();
    }
    let ko: PathBuf = dir.join(INPUT_NAME);
    fs::write(&ko, input).unwrap();

    // header and inspect only read
    let header_in = run_header(&ko, base);
    unchanged(&ko, input, "header");
    let inspected = inspect::inspect(&ko, base_path);
    if let Err(e) = &inspected {
        let _ = e.to_string();
    }
    unchanged(&ko, input, "inspect");

    match apply(&ko, base_path) {
        Err(e) => {
            assert!(!e.to_string().is_empty(), "invariant: empty error message");
            unchanged(&ko, input, &format!("a failed apply ({e})"));
            Route::Rejected
        }
        Ok(Outcome::AlreadyApplied { kfuncs }) => {
            assert!(kfuncs > 0, "invariant: applied with no kfunc");
            unchanged(&ko, input, "apply (AlreadyApplied)");
            Route::AlreadyApplied
        }
        Ok(Outcome::Applied { kfuncs }) => {
            assert!(kfuncs > 0, "invariant: applied with no kfunc");
            let once = read(&ko);
            assert_eq!(
                listing(dir),
                [INPUT_NAME],
                "invariant: files left beside the module after apply"
            );
            match apply(&ko, base_path) {
                Ok(Outcome::AlreadyApplied { kfuncs: k2 }) => {
                    assert_eq!(k2, kfuncs, "invariant: a second apply counts other kfuncs")
                }
                other => panic!("invariant: a second apply is not AlreadyApplied: {other:?}"),
            }
            unchanged(&ko, &once, "a second apply");
            let r = inspect::inspect(&ko, base_path)
                .unwrap_or_else(|e| panic!("invariant: inspect fails on what apply wrote: {e}"));
            for p in &r.problems {
                assert!(
                    INPUT_PROBLEMS.iter().any(|ok| p.contains(ok)),
                    "invariant: inspect finds a problem in what apply wrote: {p}"
                );
            }
            // the header comes from the stubs, which apply leaves alone
            let header_out = run_header(&ko, base);
            assert!(
                header_in == header_out,
                "invariant: header differs after apply: before {header_in:?}, after {header_out:?}"
            );
            unchanged(&ko, &once, "inspect and header of the output");
            Route::Applied
        }
    }
}
