//! Traits that map Rust types to interface-stub [`Type`]s, used by the
//! code `#[kfunc]` generates.

use crate::ffi;
use crate::interface::Type;
use crate::ProgAux;

/// A type that can be passed to or returned from a kfunc by value, with its
/// interface-stub description.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be passed to or returned from a kfunc by value",
    label = "not an integer or `bool`",
    note = "allowed: integers, bool, raw pointers/references to structs, Option<&T>, *mut c_void, Option<unsafe extern \"C\" fn(..)>"
)]
pub trait Scalar {
    /// How the interface stub describes the type.
    const TYPE: Type;
}

macro_rules! int {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            const TYPE: Type = Type::Int {
                size: core::mem::size_of::<$t>() as u8,
                signed: <$t>::MIN != 0,
            };
        }
    )*};
}

int!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Scalar for bool {
    const TYPE: Type = Type::Bool;
}

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
