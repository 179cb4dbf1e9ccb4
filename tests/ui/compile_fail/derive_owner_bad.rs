//! `#[btf(owner = ...)]` names `Arc` or `KBox`, once, and not on data.
use kfunc::BtfType;

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Rc)]
pub struct Counted {
    pub key: u32,
}

#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc, owner = KBox)]
pub struct Twice {
    pub key: u32,
}

#[repr(C)]
#[derive(BtfType)]
#[btf(data, owner = Arc)]
pub struct Data {
    pub key: u32,
}

fn main() {}
