//! Every spelling of the implicit `struct bpf_prog_aux *` argument.
use kfunc::{kfunc, ProgAux};

mod bindings {
    /// Stands in for the `kernel` crate's `bindings::bpf_prog_aux`.
    #[allow(non_camel_case_types)]
    #[repr(C)]
    pub struct bpf_prog_aux {
        _opaque: [u8; 0],
    }
}

#[kfunc(implicit_args)]
fn bpf_i_ref(x: u32, aux: &ProgAux) -> u32 {
    let _ = aux.as_ptr();
    x
}

#[kfunc(implicit_args)]
fn bpf_i_path<'a>(x: u32, aux: &'a kfunc::ProgAux) -> u32 {
    let _ = aux;
    x
}

#[kfunc(implicit_args)]
fn bpf_i_only(aux: &::kfunc::ProgAux) {
    let _ = aux;
}

#[kfunc(implicit_args)]
unsafe fn bpf_i_raw(x: u32, aux: *mut kfunc::ffi::bpf_prog_aux) -> u32 {
    let _ = aux;
    x
}

#[kfunc(implicit_args)]
unsafe fn bpf_i_raw_const(aux: *const kfunc::ffi::bpf_prog_aux) {
    let _ = aux;
}

#[kfunc(implicit_args)]
unsafe fn bpf_i_bindings(a: u64, b: u64, c: u64, d: u64, aux: *mut bindings::bpf_prog_aux) -> u64 {
    let _ = aux;
    a + b + c + d
}

fn main() {}
