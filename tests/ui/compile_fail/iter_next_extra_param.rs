use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_range {
    pub state: u64,
}

#[kfunc(iter_next, ret_null)]
unsafe fn bpf_iter_range_next(it: *mut bpf_iter_range, step: u32) -> *mut u32 {
    let _ = (it, step);
    core::ptr::null_mut()
}

fn main() {}
