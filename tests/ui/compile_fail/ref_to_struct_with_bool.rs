//! A derived struct with a `bool` field is not valid for every bit pattern:
//! a program may pass its own stack or a map value for it.
use kfunc::{kfunc, BtfType};

#[derive(BtfType)]
#[repr(C)]
pub struct Flags {
    pub on: bool,
    pub level: u32,
}

#[kfunc]
fn bpf_flags_on(f: &Flags) -> u32 {
    u32::from(f.on)
}

#[kfunc]
fn bpf_level(x: &u32) -> u32 {
    *x
}

fn main() {}
