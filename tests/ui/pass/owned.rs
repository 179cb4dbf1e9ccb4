//! Owners at the boundary (`kfunc::owner`): an acquire kfunc returns an
//! `Arc<T>` / `KBox<T>` (the struct's declared owner), a release kfunc and
//! the destructor take it back by value, a borrow is `&T`. On the host the
//! owners are `alloc`'s; in a module, the kernel crate's.
use kfunc::{kfunc, BtfType};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
type KBox<T> = Box<T>;

static LIVE: AtomicU32 = AtomicU32::new(0);

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct Shared {
    pub key: u32,
    pub value: u64,
}

impl Drop for Shared {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = KBox)]
pub struct Unique {
    pub key: u32,
}

/// `Option`: KF_RET_NULL follows, no `ret_null` needed.
#[kfunc(acquire)]
fn bpf_shared_new(key: u32) -> Option<Arc<Shared>> {
    LIVE.fetch_add(1, Ordering::Relaxed);
    Some(Arc::new(Shared { key, value: u64::from(key) * 1000 + 7 }))
}

#[kfunc]
fn bpf_shared_value(obj: &Shared) -> u64 {
    obj.value
}

#[kfunc(release, dtor)]
fn bpf_shared_put(obj: Arc<Shared>) {
    drop(obj);
}

#[kfunc(acquire)]
fn bpf_unique_new(key: u32) -> KBox<Unique> {
    KBox::new(Unique { key })
}

#[kfunc(release)]
fn bpf_unique_put(obj: KBox<Unique>) -> u32 {
    obj.key
}

fn main() {
    // Through the exported entries, as a BPF program (then the kernel) calls them.
    extern "C" {
        fn bpf_shared_new(key: u64) -> *mut Shared;
        fn bpf_shared_value(obj: *const Shared) -> u64;
        fn bpf_shared_put(obj: *mut Shared);
        fn bpf_shared_put_dtor(obj: *mut core::ffi::c_void);
        fn bpf_unique_new(key: u64) -> *mut Unique;
        fn bpf_unique_put(obj: *mut Unique) -> u64;
    }
    unsafe {
        let a = bpf_shared_new(3);
        assert_eq!(bpf_shared_value(a), 3007);
        assert_eq!(LIVE.load(Ordering::Relaxed), 1);
        bpf_shared_put(a);
        assert_eq!(LIVE.load(Ordering::Relaxed), 0);
        let b = bpf_shared_new(4);
        bpf_shared_put_dtor(b.cast());
        assert_eq!(LIVE.load(Ordering::Relaxed), 0);
        let u = bpf_unique_new(9);
        assert_eq!(bpf_unique_put(u), 9);
    }
}
