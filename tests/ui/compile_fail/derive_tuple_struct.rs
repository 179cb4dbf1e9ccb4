use kfunc::BtfType;

#[derive(BtfType)]
#[repr(C)]
pub struct Pair(pub u32, pub u32);

fn main() {}
