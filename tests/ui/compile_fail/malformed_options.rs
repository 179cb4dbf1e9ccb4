use kfunc::kfunc;

#[kfunc(acquire ret_null)]
unsafe fn bpf_thing_get(id: u32) -> *mut u64 {
    let _ = id;
    core::ptr::null_mut()
}

fn main() {}
