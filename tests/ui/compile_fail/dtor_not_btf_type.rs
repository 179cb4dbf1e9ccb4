use kfunc::prelude::*;

/// Not described to BTF: no #[derive(BtfType)].
#[repr(C)]
pub struct Plain {
    pub refs: u32,
}

#[kfunc(release, dtor)]
unsafe fn bpf_plain_put(o: *mut Plain) {
    let _ = o;
}

fn main() {}
