//! The static scratch set used when a hook gets a subset of the kfuncs.
//!
//! The kernel copies the pairs at registration, so one scratch set serves
//! every hook in turn. A spin lock makes it sound to share (registration
//! runs from module init, so it is never contended there; host tests run in
//! parallel threads).

use super::MAX_PER_HOOK;
use crate::set::{FlagEntry, Set8, Set8Header};
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};

struct Scratch {
    busy: AtomicBool,
    set: UnsafeCell<Set8<MAX_PER_HOOK>>,
}

// SAFETY: `set` is only accessed through a `Guard`, and at most one `Guard`
// exists at a time (`busy` is its lock).
unsafe impl Sync for Scratch {}

// All zero, so it lands in .bss; `header` is written before every use.
static SCRATCH: Scratch = Scratch {
    busy: AtomicBool::new(false),
    set: UnsafeCell::new(Set8 {
        header: Set8Header { cnt: 0, flags: 0 },
        pairs: [FlagEntry { id: 0, flags: 0 }; MAX_PER_HOOK],
    }),
};

/// Exclusive access to the scratch set.
pub(super) struct Guard(());

pub(super) fn lock() -> Guard {
    while SCRATCH
        .busy
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        core::hint::spin_loop();
    }
    Guard(())
}

impl Guard {
    pub(super) fn set(&mut self) -> &mut Set8<MAX_PER_HOOK> {
        // SAFETY: we hold the lock, so no other reference to the scratch set
        // exists; the borrow is tied to `&mut self`.
        unsafe { &mut *SCRATCH.set.get() }
    }

    /// The header pointer, with provenance over the whole set.
    pub(super) fn header_ptr(&self) -> *const Set8Header {
        SCRATCH.set.get().cast_const().cast()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        SCRATCH.busy.store(false, Ordering::Release);
    }
}
