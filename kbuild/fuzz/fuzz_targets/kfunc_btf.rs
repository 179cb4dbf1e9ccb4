//! Fuzz target: `kfunc-btf apply`, `inspect` and `header` on mutated modules.
//!
//! Each input is a whole `.ko`, written to a per-process directory on tmpfs
//! (`KFUNC_FUZZ_DIR`, default `/dev/shm` or the temp dir) and run through
//! [`kfunc_btf_fuzz::invariants::check`] against the base `KFUNC_FUZZ_BASE`
//! (a vmlinux with BTF; kbuild/fuzz/run.sh passes the test suite's stand-in).
//! Mutations are mostly structure-aware ([`kfunc_btf_fuzz::mutate`]).
#![no_main]

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::OnceLock;

use kfunc_btf::btf::Btf;
use kfunc_btf_fuzz::{invariants, mutate};
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

struct Setup {
    base: PathBuf,
    dir: PathBuf,
}

fn setup() -> &'static Setup {
    static S: OnceLock<Setup> = OnceLock::new();
    S.get_or_init(|| {
        let base = std::env::var_os("KFUNC_FUZZ_BASE")
            .map(PathBuf::from)
            .expect("set KFUNC_FUZZ_BASE to a vmlinux with BTF (kbuild/fuzz/run.sh does)");
        let root = std::env::var_os("KFUNC_FUZZ_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let shm = PathBuf::from("/dev/shm");
                if shm.is_dir() {
                    shm
                } else {
                    std::env::temp_dir()
                }
            });
        let dir = root.join(format!("kfunc-btf-fuzz.{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("creating the work directory");
        Setup { base, dir }
    })
}

thread_local! {
    static BASE: Rc<Btf> = {
        // libbpf's warnings about each malformed input cost more than the
        // input itself; KFUNC_FUZZ_LIBBPF_LOG=1 keeps them
        if std::env::var_os("KFUNC_FUZZ_LIBBPF_LOG").is_none() {
            // SAFETY: NULL is documented to turn libbpf's printing off.
            unsafe { libbpf_sys::libbpf_set_print(None) };
        }
        kfunc_btf::apply::load_base(&setup().base)
            .unwrap_or_else(|e| panic!("KFUNC_FUZZ_BASE: {e}"))
    };
}

fuzz_target!(|data: &[u8]| {
    let s = setup();
    BASE.with(|base| {
        invariants::check(data, &s.dir, &s.base, base);
    });
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut v = data[..size].to_vec();
    let mut bytes = |buf: &mut [u8], n: usize| {
        let cap = buf.len();
        fuzzer_mutate(buf, n, cap)
    };
    let n = mutate::mutate(&mut v, max_size.min(data.len()), seed, &mut bytes);
    data[..n].copy_from_slice(&v[..n]);
    n
});
