use kfunc::kfunc;

#[kfunc(nullable)]
unsafe fn bpf_thing_peek(p: *mut u64) -> u64 {
    unsafe { *p }
}

fn main() {}
