// SPDX-License-Identifier: GPL-2.0

//! kptr_demo: module objects that BPF programs keep in maps.
//!
//! A program takes a reference to a `KptrObj` (`bpf_kptr_obj_get`) and
//! stores it in a map value field `struct KptrObj __kptr *` with
//! `bpf_kptr_xchg`; another program takes it out again and releases it
//! (`bpf_kptr_obj_put`). When the map frees a value that still holds an
//! object (the entry is deleted, the map is freed), the kernel calls the
//! destructor registered for `KptrObj`: `bpf_kptr_obj_put`, declared so with
//! `#[kfunc(release, dtor)]`. `bpf_kptr_obj_refs` lets the programs (and the
//! test cases, `cases/kptr.cases`) see the reference count go back to zero.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU32, Ordering};
use kernel::prelude::*;
use kfunc::prelude::*;

module! {
    type: KptrDemo,
    name: "kptr_demo",
    description: "Module objects in BPF maps, with a destructor (kfunc crate example)",
    license: "GPL",
}

/// An object BPF programs may hold and store in maps.
#[repr(C)]
#[derive(BtfType)]
pub struct KptrObj {
    /// Its key.
    pub key: u32,
    /// References held (by programs and maps); only touched atomically.
    pub refcnt: u32,
    /// A payload (`key * 1000 + 7`).
    pub value: u64,
}

const OBJ_COUNT: usize = 2;

struct ObjTable(UnsafeCell<[KptrObj; OBJ_COUNT]>);

// SAFETY: `key` and `value` are never written after initialisation and
// `refcnt` is only accessed through `AtomicU32` views (see `refcnt`).
unsafe impl Sync for ObjTable {}

const fn obj(key: u32) -> KptrObj {
    KptrObj {
        key,
        refcnt: 0,
        value: key as u64 * 1000 + 7,
    }
}

static OBJS: ObjTable = ObjTable(UnsafeCell::new([obj(0), obj(1)]));

/// The object of `key`, or `None` for an unknown key.
fn lookup(key: u32) -> Option<*mut KptrObj> {
    let idx = usize::try_from(key).ok().filter(|&i| i < OBJ_COUNT)?;
    // `idx` is in bounds, so the element pointer stays inside the table.
    Some(OBJS.0.get().cast::<KptrObj>().wrapping_add(idx))
}

/// The element of `OBJS` that `obj` points at, if it does.
fn element(obj: *mut KptrObj) -> Option<*mut KptrObj> {
    let base = OBJS.0.get().cast::<KptrObj>() as usize;
    let off = (obj as usize).checked_sub(base)?;
    let size = core::mem::size_of::<KptrObj>();
    if off % size != 0 || off / size >= OBJ_COUNT {
        return None;
    }
    lookup(u32::try_from(off / size).ok()?)
}

/// An atomic view of an object's reference count.
///
/// # Safety
/// `obj` must point into `OBJS`.
unsafe fn refcnt<'a>(obj: *mut KptrObj) -> &'a AtomicU32 {
    // SAFETY: `obj` points into the static table (caller), the field is
    // suitably aligned for `AtomicU32` and only ever accessed atomically.
    unsafe { AtomicU32::from_ptr(core::ptr::addr_of_mut!((*obj).refcnt)) }
}

/// Takes a reference to the object of `key`; NULL if there is none.
#[kfunc(acquire, ret_null)]
unsafe fn bpf_kptr_obj_get(key: u32) -> *mut KptrObj {
    match lookup(key) {
        Some(obj) => {
            // SAFETY: `lookup` returns pointers into `OBJS`.
            unsafe { refcnt(obj) }.fetch_add(1, Ordering::AcqRel);
            obj
        }
        None => core::ptr::null_mut(),
    }
}

/// Releases a reference: called by programs, and by the kernel as the
/// destructor of a `KptrObj` left in a map when the map frees the value.
/// It must not sleep (maps are freed from any context).
#[kfunc(release, dtor)]
unsafe fn bpf_kptr_obj_put(obj: *mut KptrObj) {
    // The pointer is one `bpf_kptr_obj_get` returned (the verifier and the
    // kernel's kptr rules guarantee it); checked anyway.
    if let Some(o) = element(obj) {
        // SAFETY: `element` returns pointers into `OBJS`.
        let _ = unsafe { refcnt(o) }.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            n.checked_sub(1)
        });
    }
}

/// The payload of an object the program holds.
#[kfunc]
unsafe fn bpf_kptr_obj_value(obj: *mut KptrObj) -> u64 {
    match element(obj) {
        // SAFETY: a pointer into `OBJS`; `value` is never written.
        Some(o) => unsafe { (*o).value },
        None => 0,
    }
}

/// References currently held to the object of `key` (`u32::MAX` if none).
#[kfunc]
fn bpf_kptr_obj_refs(key: u32) -> u32 {
    match lookup(key) {
        // SAFETY: `lookup` returns pointers into `OBJS`.
        Some(obj) => unsafe { refcnt(obj) }.load(Ordering::Acquire),
        None => u32::MAX,
    }
}

struct KptrDemo;

impl kernel::Module for KptrDemo {
    fn init(module: &'static ThisModule) -> Result<Self> {
        // The destructor table first, then the kfunc set; on failure the
        // runtime printed why (a "kfunc: ..." line).
        kfunc::register(module, &[ProgType::Syscall])?;
        pr_info!("kfuncs and the KptrObj destructor registered\n");
        Ok(KptrDemo)
    }
}
