#[kfunc(release, dtor)]
unsafe fn bpf_obj_put(obj: *mut Obj) {
    let _ = obj;
}
