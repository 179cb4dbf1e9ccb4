use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_range {
    pub state: u64,
}

#[kfunc(iter_next)]
unsafe fn bpf_iter_range_next(it: *mut bpf_iter_range) -> u32 {
    let _ = it;
    0
}

fn main() {}
