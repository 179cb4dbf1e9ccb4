//! Struct names are verifier input too: a module struct named like a
//! program's context type would be taken for the context (the verifier
//! passes the kernel's `xdp_buff` for it), and one named
//! `<struct>__safe_trusted` would make `<struct>`'s pointer fields trusted.
//! A field may not take the name of the member kfunc-btf appends.
use kfunc::BtfType;

#[derive(BtfType)]
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct xdp_md {
    pub data: u32,
}

#[derive(BtfType)]
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct Obj__safe_trusted {
    pub next: *mut u32,
}

#[derive(BtfType)]
#[repr(C)]
pub struct Marked {
    pub __kfunc_object: u32,
}

fn main() {}
