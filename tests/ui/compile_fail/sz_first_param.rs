use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_fill(#[arg(sz)] len: u32, buf: *mut u8) -> i32 {
    let _ = (len, buf);
    0
}

fn main() {}
