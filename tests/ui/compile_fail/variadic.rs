use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_printf(fmt: *const core::ffi::c_char, args: ...) -> i32 {
    let _ = (fmt, args);
    0
}

fn main() {}
