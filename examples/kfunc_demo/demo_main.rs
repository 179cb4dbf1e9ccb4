// SPDX-License-Identifier: GPL-2.0

//! kfunc_demo: BPF kfuncs written in Rust.
//!
//! Every kfunc here is called by the BPF programs in `bpf/` (see
//! `cases/*.cases` for what each must return or how the verifier must refuse
//! it). The module registers them for `BPF_PROG_TYPE_SYSCALL` and
//! `BPF_PROG_TYPE_SCHED_CLS` (tc) programs; `bpf_demo_syscall_only` is
//! limited to syscall programs by a generated filter.
//!
//! Kernel code must not panic: the arithmetic is explicitly wrapping or
//! checked (CONFIG_RUST_OVERFLOW_CHECKS turns `a + b` overflow into a panic).

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU32, Ordering};
use kernel::bindings;
use kernel::prelude::*;
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
// A refcounted module object: acquire + ret_null / release.
// ---------------------------------------------------------------------------

/// An object BPF programs can hold references to. Its layout is described
/// to BTF by the derive, so the verifier tracks pointers to it by type.
#[repr(C)]
#[derive(BtfType)]
pub struct DemoObj {
    /// The key it is looked up by.
    pub key: u32,
    /// References held (by BPF programs); only touched atomically.
    pub refcnt: u32,
    /// A payload BPF programs can read (`key * 1000 + 7`).
    pub value: u64,
}

/// Number of objects in the table: keys `0..OBJ_COUNT` exist.
const OBJ_COUNT: usize = 4;

struct ObjTable(UnsafeCell<[DemoObj; OBJ_COUNT]>);

// SAFETY: `key` and `value` are never written after initialisation and
// `refcnt` is only accessed through `AtomicU32` views (see `refcnt`).
unsafe impl Sync for ObjTable {}

const fn obj(key: u32) -> DemoObj {
    DemoObj {
        key,
        refcnt: 0,
        value: key as u64 * 1000 + 7,
    }
}

static OBJS: ObjTable = ObjTable(UnsafeCell::new([obj(0), obj(1), obj(2), obj(3)]));

/// The object of `key`, or `None` for an unknown key.
fn lookup(key: u32) -> Option<*mut DemoObj> {
    let idx = usize::try_from(key).ok().filter(|&i| i < OBJ_COUNT)?;
    // `idx` is in bounds, so the element pointer stays inside the table.
    Some(OBJS.0.get().cast::<DemoObj>().wrapping_add(idx))
}

/// An atomic view of an object's reference count.
///
/// # Safety
/// `obj` must point into `OBJS`.
unsafe fn refcnt<'a>(obj: *mut DemoObj) -> &'a AtomicU32 {
    // SAFETY: `obj` points into the static table (caller), the field is
    // suitably aligned for `AtomicU32` (same size and alignment as `u32`)
    // and it is only ever accessed atomically.
    unsafe { AtomicU32::from_ptr(core::ptr::addr_of_mut!((*obj).refcnt)) }
}

/// Takes a reference to the object of `key`; NULL if there is none. The
/// verifier makes the program check for NULL and release the reference.
#[kfunc(acquire, ret_null)]
unsafe fn bpf_demo_obj_get(key: u32) -> *mut DemoObj {
    match lookup(key) {
        Some(obj) => {
            // SAFETY: `lookup` returns pointers into `OBJS`.
            unsafe { refcnt(obj) }.fetch_add(1, Ordering::AcqRel);
            obj
        }
        None => core::ptr::null_mut(),
    }
}

/// Releases a reference taken with `bpf_demo_obj_get`.
#[kfunc(release)]
unsafe fn bpf_demo_obj_put(obj: *mut DemoObj) {
    // The verifier only lets a program pass a pointer it acquired from
    // `bpf_demo_obj_get`, i.e. one into `OBJS`; check anyway.
    let Some(key) = lookup_key(obj) else { return };
    if let Some(o) = lookup(key) {
        // SAFETY: `lookup` returns pointers into `OBJS`.
        let _ = unsafe { refcnt(o) }.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
    }
}

/// The key of `obj` if it points at an element of `OBJS`.
fn lookup_key(obj: *mut DemoObj) -> Option<u32> {
    let base = OBJS.0.get().cast::<DemoObj>() as usize;
    let off = (obj as usize).checked_sub(base)?;
    let size = core::mem::size_of::<DemoObj>();
    if off % size != 0 || off / size >= OBJ_COUNT {
        return None;
    }
    u32::try_from(off / size).ok()
}

/// Reads the payload of an object the program holds a reference to.
#[kfunc]
unsafe fn bpf_demo_obj_value(obj: *mut DemoObj) -> u64 {
    match lookup_key(obj).and_then(lookup) {
        // SAFETY: a valid pointer into `OBJS`; `value` is never written.
        Some(o) => unsafe { (*o).value },
        None => 0,
    }
}

/// Current number of references to the object of `key` (`u32::MAX` for an
/// unknown key). Lets a program check that its get/put pairs balance.
#[kfunc]
fn bpf_demo_obj_refs(key: u32) -> u32 {
    match lookup(key) {
        // SAFETY: `lookup` returns pointers into `OBJS`.
        Some(obj) => unsafe { refcnt(obj) }.load(Ordering::Acquire),
        None => u32::MAX,
    }
}

// ---------------------------------------------------------------------------
// A kernel struct argument.
// ---------------------------------------------------------------------------

/// The pid (thread id) of a task the program holds a trusted pointer to.
#[kfunc]
unsafe fn bpf_demo_task_pid(task: *mut bindings::task_struct) -> i32 {
    if task.is_null() {
        return -1;
    }
    // SAFETY: the verifier passes a valid `task_struct` pointer.
    unsafe { (*task).pid }
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
// check that `buf` has `len` readable bytes.
// ---------------------------------------------------------------------------

/// Sums the bytes of `buf[0..len]`.
#[kfunc]
unsafe fn bpf_demo_sum(buf: *const u8, #[arg(sz)] len: u32) -> u64 {
    let Ok(len) = usize::try_from(len) else { return 0 };
    if buf.is_null() || len == 0 {
        return 0;
    }
    // SAFETY: the verifier checked that `buf` points to `len` readable bytes.
    let bytes = unsafe { core::slice::from_raw_parts(buf, len) };
    bytes.iter().fold(0u64, |acc, &b| acc.wrapping_add(u64::from(b)))
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
        // SAFETY: our own `THIS_MODULE`, during module init.
        match unsafe { kfunc::register(module.as_ptr().cast(), &types) } {
            Ok(()) => {
                pr_info!("kfuncs registered for syscall and tc programs\n");
                Ok(KfuncDemo)
            }
            Err(e) => {
                // The runtime printed why (a "kfunc: ..." line).
                pr_err!("kfunc registration failed (errno {})\n", e.to_errno());
                Err(Error::from_errno(e.to_errno()))
            }
        }
    }
}

impl Drop for KfuncDemo {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
