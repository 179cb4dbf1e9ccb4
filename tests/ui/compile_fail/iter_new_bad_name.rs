use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_range {
    pub state: [u64; 2],
}

#[kfunc(iter_new)]
unsafe fn bpf_range_new(it: *mut bpf_iter_range, start: u32, end: u32) -> i32 {
    let _ = (it, start, end);
    0
}

fn main() {}
