use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_fill(value: u8, #[arg(sz)] len: u32, buf: *mut u8) -> i32 {
    let _ = (value, len, buf);
    0
}

fn main() {}
