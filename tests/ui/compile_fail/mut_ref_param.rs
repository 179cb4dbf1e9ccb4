//! A safe kfunc cannot take `&mut T`: a program may pass one object twice.
use kfunc::{kfunc, BtfType};

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub count: u64,
}

#[kfunc]
fn bpf_bump(a: &mut Obj, b: Option<&mut Obj>) -> u64 {
    a.count += 1;
    b.map_or(0, |b| b.count)
}

fn main() {}
