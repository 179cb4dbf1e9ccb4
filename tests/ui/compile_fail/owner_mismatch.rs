//! Every acquire, release and destructor kfunc of a struct uses the owner
//! its #[derive(BtfType)] declares; a struct without one is not owned.
use kfunc::{kfunc, BtfType};
use std::sync::Arc;
type KBox<T> = Box<T>;

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct Shared {
    pub key: u32,
}

#[repr(C)]
#[derive(BtfType)]
pub struct Static {
    pub key: u32,
}

// released with another owner than the one declared
#[kfunc(release)]
fn bpf_shared_put(obj: KBox<Shared>) {
    drop(obj);
}

// an owner for a struct that declares none
#[kfunc(acquire)]
fn bpf_static_new() -> Option<Arc<Static>> {
    None
}

fn main() {}
