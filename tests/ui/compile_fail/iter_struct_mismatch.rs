use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_num {
    pub state: u64,
}

#[kfunc(iter_next, ret_null)]
unsafe fn bpf_iter_range_next(it: *mut bpf_iter_num) -> *mut u32 {
    let _ = it;
    core::ptr::null_mut()
}

fn main() {}
