//! [`ProgAux`]: the implicit `struct bpf_prog_aux *` argument.

use core::cell::UnsafeCell;
use core::marker::{PhantomData, PhantomPinned};

use crate::ffi;

/// The calling BPF program's `struct bpf_prog_aux`, supplied by the verifier
/// (Linux 7.0+, `KF_IMPLICIT_ARGS`).
///
/// Declare it as the trailing parameter of a `#[kfunc(implicit_args)]`
/// function, as `aux: &ProgAux`. It is part of the **implementation**
/// prototype only: BPF programs call the **interface** without it, and the
/// verifier loads `prog->aux` into that argument register before the call,
/// so the reference is never NULL.
///
/// # What a `&ProgAux` promises
/// The type is opaque and interior-mutable, like the kernel crate's
/// `Opaque<T>`: the kernel changes a program's `bpf_prog_aux` while kfuncs
/// run (other CPUs run the same program), so Rust must not assume it frozen.
/// A `&ProgAux` is therefore neither `noalias` nor `readonly` to the
/// compiler, covers zero bytes, and is `!Send`, `!Sync` and `!Unpin`. Read
/// fields through [`ProgAux::as_ptr`] with the kernel's bindings, under the
/// kernel's rules for that field.
///
/// The reference is valid **only for the duration of the kfunc call**: it
/// cannot be stored or returned (the program, and with it its
/// `bpf_prog_aux`, can be freed as soon as the call returns).
#[repr(transparent)]
pub struct ProgAux {
    _cell: UnsafeCell<[u8; 0]>,
    _marker: PhantomData<(*mut ffi::bpf_prog_aux, PhantomPinned)>,
}

impl ProgAux {
    /// Wraps a raw `struct bpf_prog_aux *`.
    ///
    /// # Safety
    /// `ptr` must be non-null, point to a live `struct bpf_prog_aux`, and
    /// stay valid for the chosen lifetime `'a`, which must not outlast the
    /// kfunc call it was received in.
    #[inline(always)]
    pub unsafe fn from_ptr<'a>(ptr: *mut ffi::bpf_prog_aux) -> &'a ProgAux {
        // SAFETY: `ProgAux` is zero-sized with alignment 1, so any non-null
        // pointer is valid for it; the caller guarantees the pointer is
        // non-null and the object live for `'a`.
        unsafe { &*ptr.cast::<ProgAux>() }
    }

    /// The raw `struct bpf_prog_aux *`, for kernel functions and bindings
    /// that take one.
    #[inline(always)]
    pub fn as_ptr(&self) -> *mut ffi::bpf_prog_aux {
        // The pointer comes from the `UnsafeCell`, so writes through it (by
        // the kernel's rules) are not writes through a shared reference.
        self._cell.get().cast()
    }
}

const _: () = assert!(core::mem::size_of::<ProgAux>() == 0);
const _: () = assert!(core::mem::align_of::<ProgAux>() == 1);
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
