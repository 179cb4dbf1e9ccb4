#[kfunc(acquire, ret_null)]
unsafe fn bpf_thing_get(id: u32) -> *mut Thing {
    lookup(id)
}

#[kfunc(release)]
unsafe fn bpf_thing_put(t: *mut Thing) {
    drop_thing(t)
}
