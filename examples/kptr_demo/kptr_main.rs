// SPDX-License-Identifier: GPL-2.0

//! kptr_demo: module objects that BPF programs keep in maps.
//!
//! A program takes a reference to a `KptrObj` (`bpf_kptr_obj_get`) and
//! stores it in a map value field `struct KptrObj __kptr *` with
//! `bpf_kptr_xchg`; another program takes it out again and releases it
//! (`bpf_kptr_obj_put`). When the map frees a value that still holds an
//! object (the entry is deleted, the map is freed), the kernel calls the
//! destructor registered for `KptrObj`: `bpf_kptr_obj_put`, declared so with
//! `#[kfunc(release, dtor)]`. The objects are allocated and owned by
//! `kernel::sync::Arc`: the entry of `bpf_kptr_obj_get` turns the returned
//! `Arc` into the pointer the program holds, the entry of
//! `bpf_kptr_obj_put` (and of its destructor wrapper) turns it back, and
//! the body drops it: no `unsafe` in this module. `bpf_kptr_obj_refs` lets
//! the programs (and the test cases, `cases/kptr.cases`) see the live
//! objects go back to zero.

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::prelude::*;
use kernel::sync::Arc;
use kfunc::prelude::*;

module! {
    type: KptrDemo,
    name: "kptr_demo",
    description: "Module objects in BPF maps, with a destructor (kfunc crate example)",
    license: "GPL",
}

/// An object BPF programs may hold and store in maps, owned by an `Arc`:
/// each reference a program or a map holds is one strong count.
#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct KptrObj {
    /// Its key.
    pub key: u32,
    /// A payload (`key * 1000 + 7`).
    pub value: u64,
}

/// The keys objects can be made for.
const KEYS: usize = 2;

/// Live objects per key (made by `bpf_kptr_obj_get`, gone when their last
/// owner is dropped), so that programs and test cases can see every
/// reference given back.
static LIVE: [AtomicU32; KEYS] = [AtomicU32::new(0), AtomicU32::new(0)];

impl Drop for KptrObj {
    fn drop(&mut self) {
        if let Some(live) = LIVE.get(self.key as usize) {
            live.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// A new object for `key` (`None`, so NULL to the program, for an unknown
/// key or when memory is short). It may run in any context a program
/// runs in, so it allocates without sleeping.
#[kfunc(acquire)]
fn bpf_kptr_obj_get(key: u32) -> Option<Arc<KptrObj>> {
    let live = LIVE.get(usize::try_from(key).ok()?)?;
    let value = u64::from(key) * 1000 + 7;
    let obj = Arc::new(KptrObj { key, value }, GFP_ATOMIC).ok()?;
    live.fetch_add(1, Ordering::AcqRel);
    Some(obj)
}

/// Gives a reference back: called by programs, and by the kernel as the
/// destructor of a `KptrObj` left in a map when the map frees the value.
/// Dropping the `Arc` is the release (it must not sleep: maps are freed
/// from any context, and dropping an `Arc` does not).
#[kfunc(release, dtor)]
fn bpf_kptr_obj_put(obj: Arc<KptrObj>) {
    drop(obj);
}

/// The payload of an object the program holds (a borrow for the call).
#[kfunc]
fn bpf_kptr_obj_value(obj: &KptrObj) -> u64 {
    obj.value
}

/// Live objects of `key` (`u32::MAX` for an unknown key).
#[kfunc]
fn bpf_kptr_obj_refs(key: u32) -> u32 {
    LIVE.get(key as usize)
        .map_or(u32::MAX, |live| live.load(Ordering::Acquire))
}

/// An object with one owner, a `KBox`: a program that gets one must give
/// it back (or store it), and giving it back frees it.
#[repr(C)]
#[derive(BtfType)]
#[btf(owner = KBox)]
pub struct KptrBox {
    /// Its key.
    pub key: u32,
    /// A payload (`key * 1000 + 7`).
    pub value: u64,
}

/// Boxes alive (made by `bpf_kptr_box_new`, freed by `bpf_kptr_box_free`).
static BOXES: AtomicU32 = AtomicU32::new(0);

impl Drop for KptrBox {
    fn drop(&mut self) {
        BOXES.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A new boxed object (NULL when memory is short).
#[kfunc(acquire)]
fn bpf_kptr_box_new(key: u32) -> Option<KBox<KptrBox>> {
    let value = u64::from(key) * 1000 + 7;
    let b = KBox::new(KptrBox { key, value }, GFP_ATOMIC).ok()?;
    BOXES.fetch_add(1, Ordering::AcqRel);
    Some(b)
}

/// Takes a boxed object back and frees it; returns its payload.
#[kfunc(release)]
fn bpf_kptr_box_free(b: KBox<KptrBox>) -> u64 {
    b.value
}

/// Boxes alive.
#[kfunc]
fn bpf_kptr_box_count() -> u32 {
    BOXES.load(Ordering::Acquire)
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
