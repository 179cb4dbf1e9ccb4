//! The forms from the user guide.
use kfunc::prelude::*;

#[repr(C)]
pub struct Thing {
    pub refs: u32,
}

/// Adds `delta` to the calling program's counter.
#[kfunc(implicit_args)]
pub fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}

#[kfunc(acquire, ret_null)]
unsafe fn bpf_thing_get(id: u32) -> *mut Thing {
    let _ = id;
    core::ptr::null_mut()
}

#[kfunc(release)]
unsafe fn bpf_thing_put(t: *mut Thing) {
    let _ = t;
}

fn main() {
    // The kfunc is an ordinary Rust function with its own signature too
    // (the exported C entry is generated beside it).
    let f: fn(u64, &ProgAux) -> u64 = bpf_counter_add;
    let _ = f;
    let get: unsafe fn(u32) -> *mut Thing = bpf_thing_get;
    let put: unsafe fn(*mut Thing) = bpf_thing_put;
    // SAFETY: the test bodies do not dereference anything.
    unsafe { put(get(1)) };
}
