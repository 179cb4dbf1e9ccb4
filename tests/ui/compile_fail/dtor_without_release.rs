use kfunc::prelude::*;

#[repr(C)]
#[derive(BtfType)]
pub struct Obj {
    pub refs: u32,
}

#[kfunc(dtor)]
unsafe fn bpf_obj_put(o: *mut Obj) {
    let _ = o;
}

fn main() {}
