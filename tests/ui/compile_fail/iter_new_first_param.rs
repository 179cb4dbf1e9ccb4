use kfunc::kfunc;

#[repr(C)]
pub struct RangeIter {
    pub state: [u64; 2],
}

#[kfunc(iter_new)]
unsafe fn bpf_iter_range_new(start: u32, it: *mut RangeIter) -> i32 {
    let _ = (it, start);
    0
}

fn main() {}
