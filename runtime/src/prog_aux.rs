//! [`ProgAux`]: the implicit `struct bpf_prog_aux *` argument.

use crate::ffi;

/// The calling BPF program's `struct bpf_prog_aux`, supplied by the verifier
/// (Linux 7.0+, `KF_IMPLICIT_ARGS`).
///
/// Declare it as the trailing parameter of a `#[kfunc(implicit_args)]`
/// function, as `aux: &ProgAux`. It is part of the **implementation**
/// prototype only: BPF programs call the **interface** without it, and the
/// verifier loads `prog->aux` into that argument register before the call.
///
/// # Safety contract
/// The reference is valid **only for the duration of the kfunc call**. It
/// must not be stored, returned, or sent anywhere that outlives the call (the
/// program, and with it its `bpf_prog_aux`, can be freed as soon as the call
/// returns). The type is opaque: Rust code can only hand its pointer
/// ([`ProgAux::as_ptr`]) to kernel functions that take a
/// `struct bpf_prog_aux *`, under their own rules.
#[repr(transparent)]
pub struct ProgAux(ffi::bpf_prog_aux);

impl ProgAux {
    /// Wraps a raw `struct bpf_prog_aux *`.
    ///
    /// # Safety
    /// `ptr` must be non-null, point to a live `struct bpf_prog_aux`, and
    /// stay valid for the chosen lifetime `'a`, which must not outlast the
    /// kfunc call it was received in.
    pub unsafe fn from_ptr<'a>(ptr: *mut ffi::bpf_prog_aux) -> &'a ProgAux {
        // SAFETY: `ProgAux` is `repr(transparent)` over the zero-sized opaque
        // `bpf_prog_aux`, so the cast keeps layout; the caller guarantees the
        // pointer is non-null and valid for `'a`.
        unsafe { &*ptr.cast::<ProgAux>() }
    }

    /// The raw `struct bpf_prog_aux *`, for kernel functions that take one.
    pub fn as_ptr(&self) -> *mut ffi::bpf_prog_aux {
        core::ptr::from_ref(self).cast_mut().cast()
    }
}

const _: () = assert!(core::mem::size_of::<ProgAux>() == 0);
const _: () =
    assert!(core::mem::size_of::<&ProgAux>() == core::mem::size_of::<*mut ffi::bpf_prog_aux>());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_roundtrip() {
        let raw = core::ptr::NonNull::<ffi::bpf_prog_aux>::dangling().as_ptr();
        // SAFETY: `ProgAux` is zero-sized, so a dangling, well-aligned,
        // non-null pointer is valid for reads of zero bytes.
        let aux = unsafe { ProgAux::from_ptr(raw) };
        assert_eq!(aux.as_ptr(), raw);
    }
}
