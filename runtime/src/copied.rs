//! Plain data a BPF program passes by pointer, taken by copy.
//!
//! A program's stack, a map value, packet data: memory the program (or
//! user space, for an mmap-able map) may write while the kfunc runs, at any
//! alignment the verifier allows. A Rust reference to it would be a lie
//! (`&T` promises alignment and no concurrent writes), so such input comes
//! in as [`Copied<T>`]: the generated entry reads the bytes with volatile
//! byte loads into a `T` of the kfunc's own, before the body runs.
//!
//! `T` is a data struct, `#[derive(BtfType)] #[btf(data)]`: integers,
//! arrays of integers and other data structs only ([`DataField`]). Its BTF
//! is a "struct of scalars" (no object marker), for which the verifier
//! accepts any readable memory of the struct's size and refuses NULL,
//! scalars and too-short memory; every bit pattern is a valid `T`.

use core::mem::MaybeUninit;
use core::ops::Deref;

use crate::dtor::BtfStruct;
use crate::ty::AnyBits;

/// A copy of the `T` a BPF program passed by pointer (see the module
/// documentation). Derefs to `T`; [`into_inner`](Copied::into_inner) gives
/// it back by value.
#[repr(transparent)]
#[derive(Clone, Copy, Debug)]
pub struct Copied<T>(T);

impl<T: PlainData> Copied<T> {
    /// The copied value.
    pub fn into_inner(self) -> T {
        self.0
    }

    /// Reads a `T` from where a BPF program's argument points.
    ///
    /// # Safety
    /// `src` must be valid for reads of `size_of::<T>()` bytes for the
    /// duration of the call (what the verifier checks for a pointer to a
    /// struct of scalars); it need not be aligned, and the memory may be
    /// written concurrently by code outside Rust (the program's other
    /// CPUs, user space): the loads are volatile, byte by byte.
    #[doc(hidden)]
    #[inline(always)]
    pub unsafe fn read_from(src: *const T) -> Self {
        let mut out = MaybeUninit::<T>::uninit();
        let dst = out.as_mut_ptr().cast::<u8>();
        let src = src.cast::<u8>();
        let mut i = 0;
        while i < core::mem::size_of::<T>() {
            // SAFETY: `src + i` is within the `size_of::<T>()` readable
            // bytes the caller guarantees (u8 has no alignment); `dst + i`
            // is within `out`. A volatile load of memory Rust does not own
            // yields the bytes it holds now, whoever writes it.
            unsafe { dst.add(i).write(src.add(i).read_volatile()) };
            i += 1;
        }
        // SAFETY: every byte of `out` was written above, and `T: AnyBits`
        // (a data struct of integers) is valid for every bit pattern.
        Copied(unsafe { out.assume_init() })
    }
}

impl<T: PlainData> Deref for Copied<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// A data struct: `#[derive(BtfType)] #[btf(data)]`, whose fields are all
/// [`DataField`]s. Only such a `T` may be taken as [`Copied<T>`].
///
/// # Safety
/// Every field is a [`DataField`] (so `T` is valid for every bit pattern),
/// and the struct's interface stub is a data-struct record, so its BTF is a
/// struct of scalars.
#[diagnostic::on_unimplemented(
    message = "a kfunc cannot take `Copied<{Self}>`: `{Self}` is not a data struct",
    label = "not a #[derive(BtfType)] #[btf(data)] struct",
    note = "data structs hold integers, arrays of integers and other data structs; objects (#[derive(BtfType)] without #[btf(data)]) are taken by reference"
)]
pub unsafe trait PlainData: AnyBits + BtfStruct {}

/// A type a data struct may hold: the integers, arrays of them, and data
/// structs. The verifier's "struct of scalars" holds integers (and enums)
/// only, nested up to three levels.
///
/// # Safety
/// Valid for every bit pattern, and described to BTF as an integer, an
/// array of integers or a data struct.
#[diagnostic::on_unimplemented(
    message = "a data struct (#[btf(data)]) cannot hold a `{Self}`",
    label = "not an integer, an array of integers or a data struct",
    note = "the verifier takes plain memory only for a struct of integers: pointers, `bool`, atomics and objects belong in objects (#[derive(BtfType)] without #[btf(data)])"
)]
pub unsafe trait DataField: AnyBits {}

macro_rules! data_field {
    ($($t:ty),*) => {$(
        // SAFETY: an integer: any bits, BTF INT.
        unsafe impl DataField for $t {}
    )*};
}
data_field!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);
// SAFETY: an array of data fields is any bits and BTF ARRAY of them.
unsafe impl<T: DataField, const N: usize> DataField for [T; N] {}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    #[repr(C)]
    struct Args {
        a: u64,
        b: u32,
        c: [u8; 4],
    }
    // SAFETY: integers only.
    unsafe impl AnyBits for Args {}
    impl BtfStruct for Args {
        const NAME: &'static str = "Args";
    }
    // SAFETY: integers only (a hand-written stand-in for the derive).
    unsafe impl PlainData for Args {}

    #[test]
    fn copies_from_an_unaligned_address() {
        let want = Args {
            a: 0x1122_3344_5566_7788,
            b: 7,
            c: [1, 2, 3, 4],
        };
        let mut buf = [0u8; 1 + core::mem::size_of::<Args>()];
        // SAFETY: Args is plain bytes; the destination is in `buf`.
        unsafe {
            core::ptr::write_unaligned(buf.as_mut_ptr().add(1).cast::<Args>(), want);
        }
        // SAFETY: `buf + 1` has size_of::<Args>() readable bytes.
        let got = unsafe { Copied::read_from(buf.as_ptr().add(1).cast::<Args>()) };
        assert_eq!(*got, want);
        assert_eq!(got.into_inner().c, [1, 2, 3, 4]);
    }
}
