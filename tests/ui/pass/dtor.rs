//! A destructor: a release kfunc with one `*mut T` parameter, `T` a
//! #[derive(BtfType)] struct; a second type gets its own.
use kfunc::prelude::*;

#[repr(C)]
#[derive(BtfType)]
pub struct Obj {
    pub refs: u32,
}

#[repr(C)]
#[derive(BtfType)]
pub struct Other {
    pub refs: u32,
}

#[kfunc(acquire, ret_null)]
unsafe fn bpf_obj_get(id: u32) -> *mut Obj {
    let _ = id;
    core::ptr::null_mut()
}

#[kfunc(release, dtor)]
unsafe fn bpf_obj_put(o: *mut Obj) {
    let _ = o;
}

#[kfunc(dtor, release)]
unsafe fn bpf_other_put(o: *mut Other) {
    let _ = o;
}

fn assert_dtor<T: kfunc::__private::KptrDtor>() {}

fn main() {
    assert_dtor::<Obj>();
    assert_dtor::<Other>();
}
