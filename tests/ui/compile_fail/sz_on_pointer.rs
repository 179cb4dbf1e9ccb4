use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_copy(dst: *mut u8, #[arg(sz)] src: *const u8) -> i32 {
    let _ = (dst, src);
    0
}

fn main() {}
