//! The verifier does not check callbacks passed to module kfuncs.
use kfunc::kfunc;

#[kfunc]
unsafe fn bpf_call(cb: Option<unsafe extern "C" fn(u64) -> i32>, arg: u64) -> i32 {
    match cb {
        Some(cb) => unsafe { cb(arg) },
        None => -1,
    }
}

fn main() {}
