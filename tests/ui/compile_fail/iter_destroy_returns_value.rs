use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_range {
    pub state: u64,
}

#[kfunc(iter_destroy)]
unsafe fn bpf_iter_range_destroy(it: *mut bpf_iter_range) -> i32 {
    let _ = it;
    0
}

fn main() {}
