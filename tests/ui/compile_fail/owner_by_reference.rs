//! A struct with an owner is handed out and taken back by its owner, never
//! by reference: a `&'static T` from an acquire kfunc or a `&T` released by
//! a release kfunc would bypass the owner's count.
use kfunc::{kfunc, BtfType};

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct Shared {
    pub key: u32,
}

#[kfunc(acquire, ret_null)]
fn bpf_shared_peek() -> Option<&'static Shared> {
    None
}

#[kfunc(release)]
fn bpf_shared_forget(obj: &Shared) {
    let _ = obj;
}

fn main() {}
