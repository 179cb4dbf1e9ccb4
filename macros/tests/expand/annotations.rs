#[cfg(feature = "buffers")]
#[kfunc(sleepable)]
unsafe fn bpf_buf_fill(
    buf: *mut u8,
    #[arg(sz)] len: usize,
    name: *const core::ffi::c_char,
    #[arg(k)] mode: core::ffi::c_int,
    obj: Option<&Counter>,
) -> i32 {
    0
}

/// Narrow integers and `bool` arrive as full registers: the entry converts.
#[kfunc]
fn bpf_level(on: bool, level: i16, mask: u8) -> bool {
    on && level > 0 && mask != 0
}
