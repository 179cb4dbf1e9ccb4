//! Plain data a BPF program passes by pointer, taken by copy
//! ([`Copied<T>`]) or through an explicitly racy view ([`RacyBytes`]).
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

use core::marker::PhantomData;
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

/// A byte buffer a BPF program passes with its size (`buf: RacyBytes<'_>,
/// #[arg(sz)] len: u32`): an explicitly racy view, read byte by byte with
/// volatile loads, because the program's other CPUs or user space (a map
/// value) may write it during the call. No `&[u8]` to it is ever formed.
///
/// Its BTF is `const u8 *buf` followed by the `__sz` (or `__szk`)
/// parameter, so the verifier checks that `len` bytes are readable where
/// `buf` points; the generated entry builds the view from the two
/// arguments. The view lives for the call only.
#[derive(Clone, Copy)]
pub struct RacyBytes<'a> {
    ptr: *const u8,
    len: usize,
    _call: PhantomData<&'a [u8]>,
}

impl RacyBytes<'_> {
    /// A view of `len` bytes at `ptr`.
    ///
    /// # Safety
    /// `ptr` must be valid for reads of `len` bytes for the lifetime of the
    /// view (what the verifier checks for a buffer and its `__sz` size,
    /// during the call); the bytes may change meanwhile.
    #[doc(hidden)]
    #[inline(always)]
    pub unsafe fn from_raw(ptr: *const u8, len: usize) -> Self {
        RacyBytes {
            ptr,
            len,
            _call: PhantomData,
        }
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The byte at `i` as it is now, or `None` past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u8> {
        if i >= self.len {
            return None;
        }
        // SAFETY: `i < len`, and `from_raw`'s caller guarantees `len`
        // readable bytes at `ptr` for the view's lifetime; a volatile load
        // of memory Rust does not own gives the byte it holds now.
        Some(unsafe { self.ptr.add(i).read_volatile() })
    }

    /// Copies the first `min(len, out.len())` bytes into `out` (each read
    /// once); returns how many.
    pub fn copy_to(&self, out: &mut [u8]) -> usize {
        let n = self.len.min(out.len());
        for (i, b) in out[..n].iter_mut().enumerate() {
            // SAFETY: as in `get`: `i < n <= len`.
            *b = unsafe { self.ptr.add(i).read_volatile() };
        }
        n
    }

    /// The bytes in order, each read once when the iterator reaches it.
    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..self.len).map(move |i| {
            // SAFETY: as in `get`: `i < len`.
            unsafe { self.ptr.add(i).read_volatile() }
        })
    }
}

impl core::fmt::Debug for RacyBytes<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RacyBytes").field("len", &self.len).finish()
    }
}

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
    fn racy_bytes_read_in_bounds_only() {
        let data = [1u8, 2, 3, 250];
        // SAFETY: `data` has 4 readable bytes for the view's lifetime.
        let v = unsafe { RacyBytes::from_raw(data.as_ptr(), data.len()) };
        assert_eq!(v.len(), 4);
        assert_eq!(v.get(3), Some(250));
        assert_eq!(v.get(4), None);
        assert_eq!(v.iter().map(u32::from).sum::<u32>(), 256);
        let mut out = [0u8; 2];
        assert_eq!(v.copy_to(&mut out), 2);
        assert_eq!(out, [1, 2]);
        // SAFETY: zero bytes.
        let empty = unsafe { RacyBytes::from_raw(data.as_ptr(), 0) };
        assert!(empty.is_empty());
        assert_eq!(empty.get(0), None);
    }

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
