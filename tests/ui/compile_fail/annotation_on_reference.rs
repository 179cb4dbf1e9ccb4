//! `#[arg(..)]` annotations relax the verifier's pointer checks: not on a
//! reference, which promises a valid, non-NULL object.
use core::sync::atomic::AtomicU32;
use kfunc::{kfunc, BtfType};

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub refcnt: AtomicU32,
}

#[kfunc]
fn bpf_maybe(#[arg(nullable)] o: &Obj, #[arg(ign)] p: &Obj) -> u32 {
    let _ = (o, p);
    0
}

fn main() {}
