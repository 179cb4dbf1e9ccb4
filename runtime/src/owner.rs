//! Owners at the boundary: `Arc<T>` and `KBox<T>` in kfunc signatures.
//!
//! The verifier's reference tracking is an ownership discipline: an acquire
//! kfunc hands the program a reference it must give back, exactly once, to a
//! release kfunc (or store in a map, which then owns it until the kernel calls
//! the type's destructor). With owners in the signatures that discipline is
//! the Rust one:
//!
//! ```ignore
//! #[repr(C)]
//! #[derive(BtfType)]
//! #[btf(owner = Arc)]
//! pub struct Obj { key: u32, value: u64 }
//!
//! #[kfunc(acquire)]                      // `Option`: KF_RET_NULL follows
//! fn obj_new(key: u32) -> Option<Arc<Obj>> { Arc::new(Obj { key, value: 7 }, GFP_ATOMIC).ok() }
//!
//! #[kfunc(release, dtor)]                // dropping the owner is the release
//! fn obj_put(obj: Arc<Obj>) {}
//!
//! #[kfunc]                               // a borrow for the call
//! fn obj_value(obj: &Obj) -> u64 { obj.value }
//! ```
//!
//! The entry of an acquire kfunc turns the returned owner into the pointer
//! the program holds ([`OwnerOf::into_raw`]); the entry of a release kfunc
//! (and the destructor the kernel calls for a map's kptr) turns it back
//! ([`OwnerOf::from_raw`]) and the body drops it.
//!
//! Why `from_raw` in a release entry is sound: the verifier passes a release
//! kfunc only a *referenced* pointer whose BTF type is `T` itself (module
//! structs carry a marker member that keeps them from being a "struct of
//! scalars", see [`crate::verifier`]), and only this module's acquire kfuncs
//! (and `bpf_kptr_xchg` of what they returned) produce referenced `T`
//! pointers. Each `T` declares one owner (`#[btf(owner = ...)]`), and every
//! acquire, release and destructor kfunc of `T` must use that owner
//! ([`OwnedBy`], a compile error otherwise), so the pointer came from
//! `into_raw` of the same owner type; the verifier lets the program release
//! it once.

/// A smart pointer that owns one `T` and can become the raw pointer a BPF
/// program holds, and back.
///
/// # Safety
/// `into_raw` must return a pointer to a valid `T` that stays valid, and does
/// not move, until `from_raw` is called with it; `from_raw` of a pointer that
/// `into_raw` returned, called once, must give back an owner equivalent to
/// the one consumed.
pub unsafe trait OwnerOf<T>: Sized {
    /// Gives up ownership: the pointer the program will hold.
    fn into_raw(self) -> *mut T;
    /// Takes ownership back.
    ///
    /// # Safety
    /// `ptr` came from [`OwnerOf::into_raw`] of this owner type and is taken
    /// back only once.
    unsafe fn from_raw(ptr: *mut T) -> Self;
}

/// `Self`'s owner at the boundary is `O`: implemented by
/// `#[derive(BtfType)]`, for the owner `#[btf(owner = Arc)]` /
/// `#[btf(owner = KBox)]` declares, or for [`Unowned`] without one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not owned by `{O}` at the kfunc boundary",
    label = "the owner #[derive(BtfType)] declares for `{Self}` is another one",
    note = "every acquire, release and destructor kfunc of a struct uses the one owner its \
            #[derive(BtfType)] declares (#[btf(owner = Arc)] or #[btf(owner = KBox)]); a struct \
            without one is returned as `&'static T` and released by reference or raw pointer"
)]
pub trait OwnedBy<O>: crate::dtor::BtfStruct {}

/// The "owner" of a struct that declares none: its objects live as long
/// as the module (statics), and acquire/release kfuncs count references by
/// hand.
pub enum Unowned {}

/// The owner types `#[btf(owner = ...)]` names: the kernel crate's when
/// built for a kernel, `alloc`'s on the host (for host tests of the macros).
pub mod types {
    #[cfg(kfunc_kernel_checked)]
    pub use ::kernel::alloc::KBox;
    #[cfg(kfunc_kernel_checked)]
    pub use ::kernel::sync::Arc;

    #[cfg(not(kfunc_kernel_checked))]
    pub use alloc::sync::Arc;
    /// `KBox<T>` on the host: `alloc`'s `Box<T>`.
    #[cfg(not(kfunc_kernel_checked))]
    pub type KBox<T> = alloc::boxed::Box<T>;
}

// SAFETY: `Arc::into_raw` leaks one strong count and returns a pointer to the
// shared `T`, which does not move and stays valid while that count is held;
// `Arc::from_raw` of it takes that count back (the kernel crate's and
// `alloc`'s `Arc` have the same contract).
unsafe impl<T> OwnerOf<T> for types::Arc<T> {
    fn into_raw(self) -> *mut T {
        types::Arc::into_raw(self).cast_mut()
    }
    unsafe fn from_raw(ptr: *mut T) -> Self {
        // SAFETY: the caller's contract: `ptr` is one `into_raw` returned,
        // taken back once.
        unsafe { types::Arc::from_raw(ptr) }
    }
}

// SAFETY: `KBox::into_raw` gives up the allocation, whose `T` stays valid and
// in place until `KBox::from_raw` of that pointer takes it back.
unsafe impl<T> OwnerOf<T> for types::KBox<T> {
    fn into_raw(self) -> *mut T {
        types::KBox::into_raw(self)
    }
    unsafe fn from_raw(ptr: *mut T) -> Self {
        // SAFETY: the caller's contract, as for `Arc`.
        unsafe { types::KBox::from_raw(ptr) }
    }
}

/// The entry of an acquire kfunc returning `Option<O>`: the owner's pointer,
/// or NULL (the kfunc has `KF_RET_NULL`, so the program must check).
#[inline(always)]
pub fn into_raw_or_null<T, O: OwnerOf<T>>(owner: Option<O>) -> *mut T {
    match owner {
        Some(o) => o.into_raw(),
        None => core::ptr::null_mut(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arc_and_box_round_trip_without_a_leak() {
        let a = types::Arc::new(5u32);
        let p = OwnerOf::<u32>::into_raw(types::Arc::clone(&a));
        assert_eq!(types::Arc::strong_count(&a), 2);
        // SAFETY: `p` came from `into_raw` just above, taken back once.
        let back: types::Arc<u32> = unsafe { OwnerOf::from_raw(p) };
        assert_eq!(*back, 5);
        drop(back);
        assert_eq!(types::Arc::strong_count(&a), 1);

        let b: types::KBox<u64> = alloc::boxed::Box::new(9);
        let p = into_raw_or_null::<u64, _>(Some(b));
        // SAFETY: as above.
        let back: types::KBox<u64> = unsafe { OwnerOf::from_raw(p) };
        assert_eq!(*back, 9);
        assert!(into_raw_or_null::<u64, types::KBox<u64>>(None).is_null());
    }
}
