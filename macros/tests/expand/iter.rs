#[kfunc(iter_new)]
unsafe fn bpf_iter_range_new(it: *mut bpf_iter_range, start: u32, end: u32) -> i32 {
    0
}

#[kfunc(iter_next, ret_null)]
unsafe fn bpf_iter_range_next(it: *mut bpf_iter_range) -> *mut u32 {
    core::ptr::null_mut()
}

#[kfunc(iter_destroy)]
unsafe fn bpf_iter_range_destroy(it: *mut bpf_iter_range) {}
