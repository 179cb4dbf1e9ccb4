//! BPF programs read and write memory as bytes: no `bool` behind a pointer.
use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_set(flag: *mut bool) {
    unsafe { *flag = true };
}

#[kfunc(ret_null)]
fn bpf_flag() -> Option<&'static bool> {
    None
}

fn main() {}
