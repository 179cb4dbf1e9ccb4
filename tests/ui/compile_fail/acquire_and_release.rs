use kfunc::kfunc;

#[repr(C)]
pub struct Thing {
    pub refs: u32,
}

#[kfunc(acquire, release)]
unsafe fn bpf_thing_swap(t: *mut Thing) -> *mut Thing {
    t
}

fn main() {}
