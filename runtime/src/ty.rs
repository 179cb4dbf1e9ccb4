//! Traits that map Rust types to interface-stub [`Type`]s, used by the
//! code `#[kfunc]` generates.

use crate::ffi;
use crate::interface::Type;
use crate::ProgAux;

/// A type that can be passed to or returned from a kfunc by value, with its
/// interface-stub description and its conversion from and to a BPF register.
///
/// A BPF program passes every argument in a full 64-bit register and the
/// verifier only checks that it holds *some* scalar: nothing extends a
/// narrow value or keeps a `bool` at 0 or 1. So the exported entry of a
/// kfunc takes every scalar parameter as a `u64` and converts it with
/// [`from_reg`](Scalar::from_reg), which must give a valid `Self` for every
/// register value; returns go back through [`to_reg`](Scalar::to_reg).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be passed to or returned from a kfunc by value",
    label = "not an integer or `bool`",
    note = "allowed: integers, bool, raw pointers/references to structs, Option<&T>, *mut c_void"
)]
pub trait Scalar: Sized {
    /// How the interface stub describes the type.
    const TYPE: Type;

    /// The value of a parameter from the full register the program passed:
    /// integers are truncated to their width (two's complement), `bool` is
    /// `reg != 0`.
    fn from_reg(reg: u64) -> Self;

    /// The register value of a return: zero-extended for unsigned integers
    /// and `bool`, sign-extended for signed integers.
    fn to_reg(self) -> u64;
}

macro_rules! int {
    ($wide:ty => $($t:ty),*) => {$(
        impl Scalar for $t {
            const TYPE: Type = Type::Int {
                size: core::mem::size_of::<$t>() as u8,
                signed: <$t>::MIN != 0,
            };

            #[inline(always)]
            fn from_reg(reg: u64) -> Self {
                // Truncation to the parameter's width is the conversion.
                reg as $t
            }

            #[inline(always)]
            fn to_reg(self) -> u64 {
                // Unsigned: zero-extend; signed: sign-extend (through `$wide`).
                self as $wide as u64
            }
        }
        // SAFETY: every bit pattern is a valid integer.
        unsafe impl AnyBits for $t {}
    )*};
}

int!(u64 => u8, u16, u32, u64, usize);
int!(i64 => i8, i16, i32, i64, isize);

impl Scalar for bool {
    const TYPE: Type = Type::Bool;

    #[inline(always)]
    fn from_reg(reg: u64) -> Self {
        reg != 0
    }

    #[inline(always)]
    fn to_reg(self) -> u64 {
        u64::from(self)
    }
}

/// Types for which every bit pattern of their size is a valid value, and
/// which may be read while something else writes them without Rust assuming
/// otherwise: integers, atomic integers, raw pointers, and arrays, cells and
/// `#[derive(BtfType)]` structs of those.
///
/// # Safety
/// Every initialised bit pattern of `size_of::<Self>()` bytes must be a
/// valid `Self`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has invalid bit patterns, so a BPF program could pass memory that is not a valid `{Self}`",
    label = "not valid for every bit pattern",
    note = "fields of a struct a kfunc takes by reference must be integers, atomic integers, raw pointers, or arrays, cells and #[derive(BtfType)] structs of those (not bool, references or function pointers)"
)]
pub unsafe trait AnyBits {}

// SAFETY: any address is a valid thin raw pointer (`T: Sized`: no
// metadata such as a vtable pointer that must be valid).
unsafe impl<T> AnyBits for *const T {}
// SAFETY: as above.
unsafe impl<T> AnyBits for *mut T {}
// SAFETY: an array of any-bits elements is any-bits.
unsafe impl<T: AnyBits, const N: usize> AnyBits for [T; N] {}
// SAFETY: `UnsafeCell<T>` and `Cell<T>` have the layout and validity of `T`.
unsafe impl<T: AnyBits> AnyBits for core::cell::UnsafeCell<T> {}
// SAFETY: as above.
unsafe impl<T: AnyBits> AnyBits for core::cell::Cell<T> {}
// SAFETY: `MaybeUninit<T>` is valid for every bit pattern.
unsafe impl<T> AnyBits for core::mem::MaybeUninit<T> {}

macro_rules! atomic_any_bits {
    ($($t:ident),*) => {$(
        // SAFETY: an atomic integer has the size and validity of its integer.
        unsafe impl AnyBits for core::sync::atomic::$t {}
    )*};
}
atomic_any_bits!(
    AtomicU8,
    AtomicU16,
    AtomicU32,
    AtomicU64,
    AtomicUsize,
    AtomicI8,
    AtomicI16,
    AtomicI32,
    AtomicI64,
    AtomicIsize
);
// SAFETY: an atomic pointer is valid for every address.
unsafe impl<T> AnyBits for core::sync::atomic::AtomicPtr<T> {}

/// A type a kfunc may take by shared reference (`&T`, `Option<&T>`).
///
/// The verifier guarantees a `&T` parameter non-NULL and pointing to a `T`
/// (the BTF asks for trusted arguments, see `docs/ARCHITECTURE.md`), but a
/// program may also pass its own stack or a map value for a struct of
/// scalars, and BPF programs never keep Rust's rules. So `T` must be valid
/// for every bit pattern ([`AnyBits`]). `#[derive(BtfType)]` implements it
/// for structs whose fields all are; kernel structs, integers and `bool` do
/// not implement it: take a kernel struct as a raw pointer (the kernel
/// mutates its own objects concurrently, which a `&T` would deny).
///
/// # Safety
/// `T` must be [`AnyBits`], and all mutation of a `T` shared with BPF must go
/// through interior mutability (atomics, `UnsafeCell`).
#[diagnostic::on_unimplemented(
    message = "a kfunc cannot take `&{Self}`: `{Self}` does not implement `kfunc::RefArg`",
    label = "not a #[derive(BtfType)] struct whose fields are valid for every bit pattern",
    note = "take module structs declared with #[derive(BtfType)] (integer, atomic and raw-pointer fields) by reference, data structs (#[btf(data)]) as `kfunc::Copied<T>`, and anything else as a raw pointer in an `unsafe fn`"
)]
pub unsafe trait RefArg: AnyBits + crate::dtor::BtfStruct {}

mod sealed {
    pub trait Sealed {}
}

/// A type that may be an implicit argument (supplied by the verifier): today
/// a `struct bpf_prog_aux *`, as [`&ProgAux`](ProgAux) or a raw pointer.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an implicit argument",
    label = "not a `struct bpf_prog_aux *`",
    note = "implicit arguments are `&ProgAux`, `*mut bpf_prog_aux` or `*const bpf_prog_aux`"
)]
pub trait ImplicitArg: sealed::Sealed {
    /// How the interface stub describes the (implementation) parameter:
    /// always `struct bpf_prog_aux *` (never `const`), exactly like the
    /// kernel's own C declarations, whatever the Rust spelling.
    const TYPE: Type;
}

const PROG_AUX: Type = Type::Struct {
    name: "bpf_prog_aux",
};

impl sealed::Sealed for &ProgAux {}
impl ImplicitArg for &ProgAux {
    const TYPE: Type = Type::Ptr {
        pointee: &PROG_AUX,
        mutable: true,
    };
}

impl sealed::Sealed for *mut ffi::bpf_prog_aux {}
impl ImplicitArg for *mut ffi::bpf_prog_aux {
    const TYPE: Type = Type::Ptr {
        pointee: &PROG_AUX,
        mutable: true,
    };
}

impl sealed::Sealed for *const ffi::bpf_prog_aux {}
impl ImplicitArg for *const ffi::bpf_prog_aux {
    const TYPE: Type = Type::Ptr {
        pointee: &PROG_AUX,
        mutable: true,
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::{c_char, c_int, c_long, c_uint, c_ulonglong};

    fn ty<T: Scalar>() -> Type {
        T::TYPE
    }

    #[test]
    fn integers() {
        let int = |size, signed| Type::Int { size, signed };
        assert_eq!(ty::<u8>(), int(1, false));
        assert_eq!(ty::<u16>(), int(2, false));
        assert_eq!(ty::<u32>(), int(4, false));
        assert_eq!(ty::<u64>(), int(8, false));
        assert_eq!(ty::<i8>(), int(1, true));
        assert_eq!(ty::<i16>(), int(2, true));
        assert_eq!(ty::<i32>(), int(4, true));
        assert_eq!(ty::<i64>(), int(8, true));
        assert_eq!(
            ty::<usize>(),
            int(core::mem::size_of::<usize>() as u8, false)
        );
        assert_eq!(
            ty::<isize>(),
            int(core::mem::size_of::<isize>() as u8, true)
        );
        assert_eq!(ty::<bool>(), Type::Bool);
        // C aliases resolve through their underlying types.
        assert_eq!(ty::<c_int>(), int(4, true));
        assert_eq!(ty::<c_uint>(), int(4, false));
        assert_eq!(ty::<c_ulonglong>(), int(8, false));
        assert_eq!(
            ty::<c_long>(),
            int(core::mem::size_of::<c_long>() as u8, true)
        );
        assert_eq!(ty::<c_char>(), int(1, c_char::MIN != 0));
    }

    #[test]
    fn registers_convert_like_c_casts() {
        // Parameters: truncation; `bool` is any non-zero value.
        assert_eq!(u8::from_reg(0x1ff), 0xff);
        assert_eq!(i8::from_reg(0x180), -128);
        assert_eq!(u16::from_reg(0xdead_beef), 0xbeef);
        assert_eq!(i16::from_reg(0x1_8000), -32768);
        assert_eq!(u32::from_reg(u64::MAX), u32::MAX);
        assert_eq!(i32::from_reg(0xffff_ffff), -1);
        assert_eq!(u64::from_reg(u64::MAX), u64::MAX);
        assert!(bool::from_reg(2));
        assert!(bool::from_reg(1 << 63));
        assert!(!bool::from_reg(0));
        // Returns: zero-extended unsigned, sign-extended signed.
        assert_eq!(0xffu8.to_reg(), 0xff);
        assert_eq!((-1i8).to_reg(), u64::MAX);
        assert_eq!((-2i32).to_reg(), u64::MAX - 1);
        assert_eq!(u32::MAX.to_reg(), 0xffff_ffff);
        assert_eq!(true.to_reg(), 1);
        assert_eq!(false.to_reg(), 0);
    }

    fn implicit<T: ImplicitArg>() -> Type {
        T::TYPE
    }

    #[test]
    fn implicit_args_are_prog_aux_pointers() {
        const AUX: Type = Type::Struct {
            name: "bpf_prog_aux",
        };
        let expected = Type::Ptr {
            pointee: &AUX,
            mutable: true,
        };
        assert_eq!(implicit::<&ProgAux>(), expected);
        assert_eq!(implicit::<*mut ffi::bpf_prog_aux>(), expected);
        assert_eq!(implicit::<*const ffi::bpf_prog_aux>(), expected);
    }
}
