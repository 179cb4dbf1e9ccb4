use kfunc::prelude::*;

#[repr(C)]
#[derive(BtfType)]
pub struct Obj {
    pub refs: u32,
}

#[kfunc(release, dtor)]
unsafe fn bpf_obj_put2(o: *mut Obj, extra: u32) {
    let _ = (o, extra);
}

#[kfunc(release, dtor)]
unsafe fn bpf_obj_put_const(o: *const Obj) {
    let _ = o;
}

#[kfunc(release, dtor)]
unsafe fn bpf_obj_put_ret(o: *mut Obj) -> u32 {
    let _ = o;
    0
}

fn main() {}
