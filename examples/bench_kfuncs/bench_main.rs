// SPDX-License-Identifier: GPL-2.0

//! bench_rs: the Rust half of the Rust-vs-C kfunc call-cost benchmark.
//!
//! The same kfuncs as the C module `tests/kernel/bench/bench_c/bench_c.c`,
//! with the same bodies, written with `#[kfunc]`: a scalar add, an
//! acquire/release pair over a refcounted module object, and (Linux 7.0+) a
//! kfunc with an implicit `bpf_prog_aux` argument. The BPF programs in
//! `tests/kernel/bench/bpf/` call both modules' kfuncs from identical
//! programs; `scripts/bench-kernel.sh` times them, the kernel tier checks
//! their results.
//!
//! Registered for tc (`BPF_PROG_TYPE_SCHED_CLS`) programs: their test runs
//! accept a `repeat` count, syscall programs' do not.

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::prelude::*;
use kfunc::prelude::*;

module! {
    type: BenchRs,
    name: "bench_rs",
    description: "Rust kfuncs of the Rust-vs-C call-cost benchmark",
    license: "GPL",
}

/// Adds two numbers, wrapping on overflow (the C twin's `a + b`).
#[kfunc]
fn bpf_bench_rs_add(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

/// A refcounted object BPF programs hold references to (the C twin's
/// `struct bench_c_obj`, with an `atomic_t` count).
#[repr(C)]
#[derive(BtfType)]
pub struct BenchRsObj {
    /// The key it is looked up by.
    pub key: u32,
    /// References held by BPF programs.
    pub refcnt: AtomicU32,
    /// A payload (`key * 1000 + 7`).
    pub value: u64,
}

/// Number of objects: keys `0..OBJ_COUNT` exist.
const OBJ_COUNT: usize = 4;

const fn obj(key: u32) -> BenchRsObj {
    BenchRsObj {
        key,
        refcnt: AtomicU32::new(0),
        value: key as u64 * 1000 + 7,
    }
}

static OBJS: [BenchRsObj; OBJ_COUNT] = [obj(0), obj(1), obj(2), obj(3)];

/// Takes a reference to the object of `key`; NULL for an unknown key.
#[kfunc(acquire, ret_null)]
fn bpf_bench_rs_get(key: u32) -> Option<&'static BenchRsObj> {
    let obj = OBJS.get(usize::try_from(key).ok()?)?;
    obj.refcnt.fetch_add(1, Ordering::Relaxed);
    Some(obj)
}

/// Releases a reference taken with `bpf_bench_rs_get`.
#[kfunc(release)]
fn bpf_bench_rs_put(obj: &BenchRsObj) {
    obj.refcnt.fetch_sub(1, Ordering::Release);
}

/// The id of the calling BPF program, from its `bpf_prog_aux` (Linux 7.0+).
#[cfg(kfunc_kernel_has = "implicit_args")]
#[kfunc(implicit_args)]
fn bpf_bench_rs_id(aux: &ProgAux) -> u32 {
    let aux = aux.as_ptr().cast::<kernel::bindings::bpf_prog_aux>();
    // SAFETY: the verifier passes the caller's live `bpf_prog_aux`, valid
    // for the duration of the call.
    unsafe { (*aux).id }
}

struct BenchRs;

impl kernel::Module for BenchRs {
    fn init(module: &'static ThisModule) -> Result<Self> {
        // On failure the runtime printed why (a "kfunc: ..." line).
        kfunc::register(module, &[ProgType::SchedCls])?;
        pr_info!("bench kfuncs registered for tc programs\n");
        Ok(BenchRs)
    }
}
