//! Owners move a reference across the boundary: returned by `acquire`
//! kfuncs, taken by `release` kfuncs (one each), never `None`, never
//! behind a pointer.
use kfunc::{kfunc, BtfType};
use std::sync::Arc;

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct Shared {
    pub key: u32,
}

// dropping the program's reference without `release`
#[kfunc]
fn bpf_take(obj: Arc<Shared>) -> u32 {
    obj.key
}

// handing out a reference without `acquire`
#[kfunc]
fn bpf_make() -> Arc<Shared> {
    Arc::new(Shared { key: 1 })
}

// two owners in one release
#[kfunc(release)]
fn bpf_put_two(a: Arc<Shared>, b: Arc<Shared>) {
    drop((a, b));
}

// a release never receives NULL
#[kfunc(release)]
fn bpf_put_maybe(obj: Option<Arc<Shared>>) {
    drop(obj);
}

// an owner behind a pointer
#[kfunc]
unsafe fn bpf_owner_ptr(obj: *mut Arc<Shared>) -> u32 {
    unsafe { (**obj).key }
}

fn main() {}
