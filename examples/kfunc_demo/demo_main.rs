// SPDX-License-Identifier: GPL-2.0

//! kfunc_demo: BPF kfuncs written in Rust.
//!
//! Every kfunc here is called by the BPF programs in `bpf/` (see
//! `cases/*.cases` for what each must return or how the verifier must refuse
//! it). The module registers them for `BPF_PROG_TYPE_SYSCALL` and
//! `BPF_PROG_TYPE_SCHED_CLS` (tc) programs; `bpf_demo_syscall_only` is
//! limited to syscall programs (it is only in the syscall hook's set).
//!
//! Kernel code must not panic: the arithmetic is explicitly wrapping or
//! checked (CONFIG_RUST_OVERFLOW_CHECKS turns `a + b` overflow into a panic).

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::bindings;
use kernel::error::code::EBUSY;
use kernel::prelude::*;
use kernel::sync::Arc;
use kernel::task::Task;
use kfunc::prelude::*;

module! {
    type: KfuncDemo,
    name: "kfunc_demo",
    description: "BPF kfuncs written in Rust (kfunc crate demo)",
    license: "GPL",
}

// ---------------------------------------------------------------------------
// A scalar kfunc.
// ---------------------------------------------------------------------------

/// Adds two numbers, wrapping on overflow.
#[kfunc]
fn bpf_demo_add(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

// ---------------------------------------------------------------------------
// A module object owned by an `Arc`: acquire returns the owner, release
// takes it back, a borrow is `&DemoObj`. Plain safe Rust: the entries turn
// the `Arc` into the pointer the program holds and back.
// ---------------------------------------------------------------------------

/// An object BPF programs can hold references to: each reference a program
/// holds is one strong count of its `Arc`. Its layout is described to BTF
/// by the derive, so the verifier tracks pointers to it by type.
#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct DemoObj {
    /// The key it was made for.
    pub key: u32,
    /// A payload BPF programs can read (`key * 1000 + 7`).
    pub value: u64,
}

/// Number of keys: objects can be made for `0..OBJ_KEYS`.
const OBJ_KEYS: usize = 4;

/// Live objects per key: made by `bpf_demo_obj_get`, gone when the last
/// owner is dropped. What `bpf_demo_obj_refs` reports.
static LIVE: [AtomicU32; OBJ_KEYS] = [
    AtomicU32::new(0),
    AtomicU32::new(0),
    AtomicU32::new(0),
    AtomicU32::new(0),
];

impl Drop for DemoObj {
    fn drop(&mut self) {
        if let Some(live) = LIVE.get(self.key as usize) {
            live.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// A new object for `key`; NULL for an unknown key (or when memory is
/// short). `Option` makes it `KF_RET_NULL`: the verifier makes the program
/// check for NULL and release what it acquired. Programs of any context
/// call it, so it allocates without sleeping.
#[kfunc(acquire)]
fn bpf_demo_obj_get(key: u32) -> Option<Arc<DemoObj>> {
    let live = LIVE.get(usize::try_from(key).ok()?)?;
    let obj = Arc::new(
        DemoObj {
            key,
            value: u64::from(key) * 1000 + 7,
        },
        GFP_ATOMIC,
    )
    .ok()?;
    live.fetch_add(1, Ordering::AcqRel);
    Some(obj)
}

/// Releases a reference taken with `bpf_demo_obj_get`: the verifier only
/// accepts a pointer the program acquired and has not released, and
/// dropping the `Arc` gives the reference back.
#[kfunc(release)]
fn bpf_demo_obj_put(obj: Arc<DemoObj>) {
    drop(obj);
}

/// Reads the payload of an object.
#[kfunc]
fn bpf_demo_obj_value(obj: &DemoObj) -> u64 {
    obj.value
}

/// The payload of an object if the program passes one, 0 for NULL: an
/// `Option<&T>` parameter is `__nullable` in BTF, and a non-NULL pointer
/// must still be a real `DemoObj` (the adversary cases).
#[kfunc]
fn bpf_demo_peek(obj: Option<&DemoObj>) -> u64 {
    obj.map_or(0, |o| o.value)
}

// ---------------------------------------------------------------------------
// Plain data a program passes by pointer: taken by copy.
// ---------------------------------------------------------------------------

/// Inputs a program builds on its stack or keeps in a map value: a data
/// struct (`#[btf(data)]`: integers only), so its BTF is a struct of
/// scalars and the verifier accepts any readable memory of its size. The
/// kfunc gets a copy, never a reference to memory the program or user
/// space may change during the call.
#[repr(C)]
#[derive(BtfType, Clone, Copy)]
#[btf(data)]
pub struct DemoArgs {
    /// A value.
    pub a: u64,
    /// Added after scaling.
    pub b: u32,
    /// The factor.
    pub scale: u32,
}

/// `a * scale + b` of the program's arguments, wrapping.
#[kfunc]
fn bpf_demo_args_eval(args: Copied<DemoArgs>) -> u64 {
    args.a
        .wrapping_mul(u64::from(args.scale))
        .wrapping_add(u64::from(args.b))
}

/// Live objects of `key`, i.e. references programs hold (`u32::MAX` for an
/// unknown key). Lets a program check that its get/put pairs balance.
#[kfunc]
fn bpf_demo_obj_refs(key: u32) -> u32 {
    LIVE.get(key as usize)
        .map_or(u32::MAX, |live| live.load(Ordering::Acquire))
}

// ---------------------------------------------------------------------------
// Narrow integers and `bool`: a BPF program passes a full 64-bit register,
// and the verifier does not check its range. The generated entry converts
// (truncates; `bool` is "not zero") before the body runs.
// ---------------------------------------------------------------------------

/// `x` widened: at most 255, whatever the program put in the register.
#[kfunc]
fn bpf_demo_u8(x: u8) -> u32 {
    u32::from(x)
}

/// 1 for `true`, 0 for `false`: never anything else.
#[kfunc]
fn bpf_demo_bool(b: bool) -> u32 {
    if b {
        1
    } else {
        0
    }
}

/// `x` sign-extended: always in `-32768..=32767`.
#[kfunc]
fn bpf_demo_i16(x: i16) -> i64 {
    i64::from(x)
}

// ---------------------------------------------------------------------------
// A kernel struct argument.
// ---------------------------------------------------------------------------

/// The pid (thread id) of a task the program holds a trusted pointer to,
/// borrowed as the kernel crate's `&Task` (BTF: `struct task_struct *`,
/// trusted: the verifier passes only a valid task).
///
/// Read through the kernel's own accessor, not `Task::pid()`, which reads
/// the field at bindgen's offset: on a GCC-built kernel bindgen's (clang's)
/// layout of `task_struct` can differ from the one GCC compiled (measured on
/// the 6.12-gcc variant: `pid` at byte 1280 in the bindings, 1216 in the
/// kernel's BTF), so Rust code must not read fields of large,
/// config-dependent kernel structs directly there.
#[kfunc]
fn bpf_demo_task_pid(task: &Task) -> i32 {
    // `Task` is `#[repr(transparent)]` around the C `task_struct` (6.12's
    // `Task` has no `as_ptr`, so the pointer is cast).
    let task = core::ptr::from_ref(task).cast_mut().cast::<bindings::task_struct>();
    // SAFETY: `task` points to the live task the `&Task` borrows;
    // `__task_pid_nr_ns` takes any live task and only reads it, and a NULL
    // namespace means the caller's (the loader's: the initial one, where
    // the pid is the task's).
    unsafe { bindings::__task_pid_nr_ns(task, bindings::pid_type_PIDTYPE_PID, core::ptr::null_mut()) }
}

// ---------------------------------------------------------------------------
// A sleepable kfunc: only sleepable programs (e.g. syscall) may call it.
// ---------------------------------------------------------------------------

/// Sleeps for a millisecond, then doubles `x` (wrapping).
#[kfunc(sleepable)]
fn bpf_demo_sleepy(x: u32) -> u32 {
    // SAFETY: `msleep` may be called from any context that can sleep; the
    // verifier allows this kfunc only in sleepable programs.
    unsafe { bindings::msleep(1) };
    x.wrapping_mul(2)
}

// ---------------------------------------------------------------------------
// A kfunc limited to one program type.
// ---------------------------------------------------------------------------

/// Only syscall programs may call this: the runtime puts it only in the set
/// it registers for the syscall hook, so the verifier refuses it in tc (and
/// every other) programs although the module also registers for tc.
#[kfunc(prog_types(syscall))]
fn bpf_demo_syscall_only() -> u32 {
    7
}

// ---------------------------------------------------------------------------
// A buffer and its size: the BTF parameter `len__sz` makes the verifier
// check that `buf` has `len` readable bytes. The program (or user space,
// for a map value) may write them meanwhile, so the kfunc reads them
// through a racy view, byte by byte, never as a `&[u8]`: no `unsafe`.
// ---------------------------------------------------------------------------

/// Sums the bytes of `buf[0..len]`.
#[kfunc]
fn bpf_demo_sum(buf: RacyBytes<'_>, #[arg(sz)] len: u32) -> u64 {
    let _ = len; // the view's length
    buf.iter().fold(0u64, |acc, b| acc.wrapping_add(u64::from(b)))
}

// ---------------------------------------------------------------------------
// Implicit arguments (Linux 7.0+): BPF calls `bpf_demo_prog_id()` with no
// argument; the verifier passes the calling program's `bpf_prog_aux`.
// Built only where the kernel knows KF_IMPLICIT_ARGS (kbuild/kfunc.mk passes
// the kernel's capabilities as cfgs).
// ---------------------------------------------------------------------------

/// The id of the calling BPF program, read from its `bpf_prog_aux`.
#[cfg(kfunc_kernel_has = "implicit_args")]
#[kfunc(implicit_args)]
fn bpf_demo_prog_id(aux: &ProgAux) -> u32 {
    let aux = aux.as_ptr().cast::<bindings::bpf_prog_aux>();
    // SAFETY: the verifier passes the caller's live `bpf_prog_aux`, valid
    // for the duration of the call.
    unsafe { (*aux).id }
}

/// `x` plus the id of the calling program: an explicit argument before the
/// implicit one (the interface is `u64 bpf_demo_add_prog_id(u32 x)`).
#[cfg(kfunc_kernel_has = "implicit_args")]
#[kfunc(implicit_args)]
fn bpf_demo_add_prog_id(x: u32, aux: &ProgAux) -> u64 {
    let aux = aux.as_ptr().cast::<bindings::bpf_prog_aux>();
    // SAFETY: as in `bpf_demo_prog_id`.
    let id = unsafe { (*aux).id };
    u64::from(x).wrapping_add(u64::from(id))
}

// ---------------------------------------------------------------------------
// The module.
// ---------------------------------------------------------------------------

struct KfuncDemo;

impl kernel::Module for KfuncDemo {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let types = [ProgType::Syscall, ProgType::SchedCls];
        // On failure the runtime printed why (a "kfunc: ..." line).
        kfunc::register(module, &types)?;
        pr_info!("kfuncs registered for syscall and tc programs\n");
        // A module registers once: a second registration is an error, not
        // the kernel's warning about a set registered twice.
        match kfunc::register(module, &types) {
            Err(e) if e == EBUSY => pr_info!("second registration refused (EBUSY)\n"),
            Err(e) => pr_err!("second registration: unexpected error {:?}\n", e),
            Ok(()) => pr_err!("second registration: unexpectedly accepted\n"),
        }
        Ok(KfuncDemo)
    }
}

impl Drop for KfuncDemo {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
