#[cfg(feature = "buffers")]
#[kfunc(sleepable)]
unsafe fn bpf_buf_fill(
    buf: *mut u8,
    #[arg(sz)] len: usize,
    name: *const core::ffi::c_char,
    #[arg(k)] mode: core::ffi::c_int,
    task: Option<&bindings::task_struct>,
) -> i32 {
    0
}

#[kfunc]
fn bpf_for_each(cb: Option<unsafe extern "C" fn(u32, *mut core::ffi::c_void) -> i64>, ctx: *mut core::ffi::c_void) -> bool {
    true
}
