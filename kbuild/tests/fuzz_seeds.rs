//! The fuzzer's seeds and invariants (kbuild/fuzz, kbuild/README.md
//! "Fuzzing") on every module the ELF/BTF tests build: each seed, before and
//! after `apply`, and a hundred structure-aware mutations of each, must
//! satisfy the invariants the fuzz target checks on every input (no panic;
//! an error leaves the input byte-identical and nothing beside it; a success
//! is idempotent and `inspect`/`header` work on the output).
//!
//! With `KFUNC_FUZZ_OUT=<dir>` the seeds are also written to `<dir>/seeds/`
//! and the base to `<dir>/vmlinux`: that is how kbuild/fuzz/run.sh makes its
//! seed corpus from the real builds at run time.

mod common;

#[path = "../fuzz/src/invariants.rs"]
#[allow(dead_code)]
mod invariants;
#[path = "../fuzz/src/mutate.rs"]
#[allow(dead_code)]
mod mutate;

use std::collections::HashMap;
use std::path::PathBuf;

use common::*;
use invariants::Route;
use kfunc_btf::apply::{apply, load_base};

/// Every seed: `(name, bytes)`, modules as built and as applied.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let base = base();
    let vm = load_base(&base).unwrap();
    let mut kos: Vec<(String, PathBuf)> = vec![
        (
            "basic-gnu".into(),
            module("seed-basic-gnu", &[fixture_obj(&[])], Linker::Gnu),
        ),
        (
            "basic-lld".into(),
            module("seed-basic-lld", &[fixture_obj(&[])], Linker::Lld),
        ),
        (
            "two-objects".into(),
            module(
                "seed-two",
                &[fixture_obj(&["second"]), fixture_obj(&[])],
                Linker::Gnu,
            ),
        ),
        (
            "mixed-gcc".into(),
            mixed_module("seed-mixed", &[cpart_obj()], Linker::Gnu),
        ),
        (
            "mixed-clang-lld".into(),
            mixed_module(
                "seed-addrsig",
                &[compile_c(
                    "clang-19",
                    true,
                    "cpart/cpart.c",
                    "seed-cpart-clang.o",
                )],
                Linker::Lld,
            ),
        ),
        (
            "macros-gnu".into(),
            module("seed-macros-gnu", &macro_fixture_objs(), Linker::Gnu),
        ),
        (
            "macros-lld".into(),
            module("seed-macros-lld", &macro_fixture_objs(), Linker::Lld),
        ),
    ];
    let d = mixed_module("seed-distilled", &[cpart_obj()], Linker::Gnu);
    make_distilled(&d, &vm);
    kos.push(("distilled".into(), d));
    let d = module("seed-distilled-macros", &macro_fixture_objs(), Linker::Gnu);
    make_distilled(&d, &vm);
    kos.push(("distilled-macros".into(), d));
    // the error fixtures: one mistake each
    for f in [
        "err_unknown_struct",
        "err_vmlinux_name",
        "err_dup_stub",
        "err_stub_version",
        "err_entry_without_stub",
        "err_stub_without_entry",
        "err_set8_size",
        "err_no_symbol",
    ] {
        let ko = module(&format!("seed-{f}"), &[fixture_obj(&[f])], Linker::Gnu);
        kos.push((f.into(), ko));
    }
    let mut out = Vec::new();
    for (name, ko) in kos {
        out.push((format!("{name}.ko"), std::fs::read(&ko).unwrap()));
        if apply(&ko, &base).is_ok() {
            out.push((format!("{name}.applied.ko"), std::fs::read(&ko).unwrap()));
        }
    }
    out
}

#[test]
fn seeds_and_their_mutations_keep_the_fuzz_invariants() {
    let base_path = base();
    let base = load_base(&base_path).unwrap();
    let seeds = seeds();
    if let Some(out) = std::env::var_os("KFUNC_FUZZ_OUT").map(PathBuf::from) {
        let dir = out.join("seeds");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &seeds {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        std::fs::copy(&base_path, out.join("vmlinux")).unwrap();
    }
    let work = work().join("fuzz-invariants");
    let mut routes: HashMap<Route, usize> = HashMap::new();
    for (name, bytes) in &seeds {
        let r = invariants::check(bytes, &work, &base_path, &base);
        // the seeds themselves: fixtures apply, error fixtures are refused
        let want = if name.starts_with("err_") {
            Route::Rejected
        } else if name.ends_with(".applied.ko") {
            Route::AlreadyApplied
        } else {
            Route::Applied
        };
        assert_eq!(r, want, "{name}");
        // a byte mutator that flips one random bit of the buffer
        for seed in 0..100u32 {
            let mut rng = mutate::Rng::new(seed.wrapping_mul(7919));
            let mut flip = |b: &mut [u8], n: usize| {
                if n > 0 {
                    let i = rng.below(n);
                    b[i] ^= 1 << rng.below(8);
                }
                n
            };
            let mut m = bytes.clone();
            let max = m.len() + 4096;
            mutate::mutate(&mut m, max, seed, &mut flip);
            *routes
                .entry(invariants::check(&m, &work, &base_path, &base))
                .or_default() += 1;
        }
    }
    // the mutations reach every outcome, not only the ELF parser's errors
    eprintln!("routes of the mutated seeds: {routes:?}");
    for r in [Route::Rejected, Route::AlreadyApplied, Route::Applied] {
        assert!(
            routes.get(&r).copied().unwrap_or(0) > 0,
            "no {r:?}: {routes:?}"
        );
    }
}

/// The inputs the fuzzer found bugs with (kbuild/fuzz/regressions, made
/// against this same stand-in vmlinux) keep every invariant now: each is
/// refused, with its bytes left as they were.
#[test]
fn fuzz_regression_inputs_keep_the_fuzz_invariants() {
    let base_path = base();
    let base = load_base(&base_path).unwrap();
    let work = work().join("fuzz-regressions");
    let dir = manifest_dir().join("fuzz/regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ko"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 6, "{}: {inputs:?}", dir.display());
    for ko in inputs {
        let bytes = std::fs::read(&ko).unwrap();
        let r = invariants::check(&bytes, &work, &base_path, &base);
        assert_eq!(r, Route::Rejected, "{}", ko.display());
        // and each still reaches the code it found a bug in: not refused by
        // the stub version or the verifier model (the README says how the
        // inputs were upgraded when those checks came)
        let copy = work.join(ko.file_name().unwrap());
        std::fs::write(&copy, &bytes).unwrap();
        let err = kfunc_btf::apply(&copy, &base_path).unwrap_err();
        assert!(
            !matches!(
                err,
                kfunc_btf::Error::StubVersion(_) | kfunc_btf::Error::Model(_)
            ),
            "{}: stopped at {err}",
            ko.display()
        );
    }
}
