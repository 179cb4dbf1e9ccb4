use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_range {
    pub state: u64,
}

#[kfunc(iter_new, iter_destroy)]
unsafe fn bpf_iter_range_new(it: *mut bpf_iter_range) {
    let _ = it;
}

fn main() {}
