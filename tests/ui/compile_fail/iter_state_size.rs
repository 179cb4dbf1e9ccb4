use kfunc::kfunc;

#[repr(C)]
#[allow(non_camel_case_types)]
pub struct bpf_iter_small {
    pub pos: u32,
}

#[kfunc(iter_new)]
unsafe fn bpf_iter_small_new(it: *mut bpf_iter_small, start: u32) -> i32 {
    let _ = (it, start);
    0
}

fn main() {}
