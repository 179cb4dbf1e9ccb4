use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_peek(#[arg(nulable)] p: *mut u64) -> u64 {
    if p.is_null() { 0 } else { unsafe { *p } }
}

fn main() {}
