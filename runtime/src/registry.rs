//! The flag table and the program-type limits as linkme distributed slices,
//! and the set8 header that the linker fragment puts right in front of the
//! flag table.
//!
//! Names and sections are fixed by `docs/CONTRACT.md`:
//! - [`KFUNC_FLAG_TABLE`] lives in section `linkme_KFUNC_FLAG_TABLE`;
//! - [`KFUNC_PROG_LIMITS`] lives in section `linkme_KFUNC_PROG_LIMITS`;
//! - the header is the global symbol `__kfunc_set8` in section `.kfunc.set8`.
//!
//! `kbuild/kfunc.lds` emits `.kfunc.set8` immediately followed by the flag
//! table, so `__kfunc_set8` is a complete `struct btf_id_set8`, and
//! `kfunc-btf apply` fills ids and `cnt` in the `.ko`. This crate only reads
//! these sections.

use crate::set::{FlagEntry, ProgLimit, Set8Header};
use linkme::distributed_slice;

/// Every `#[kfunc]`'s flag-table entry (`{id, flags}`), one per kfunc.
#[distributed_slice]
pub static KFUNC_FLAG_TABLE: [FlagEntry];

/// Program-type limits of the kfuncs declared with `prog_types(...)`.
#[distributed_slice]
pub static KFUNC_PROG_LIMITS: [ProgLimit];

/// The set8 header: `cnt` 0 (filled in the `.ko` by `kfunc-btf apply`),
/// `flags` `BTF_SET8_KFUNCS`.
#[used]
#[unsafe(export_name = "__kfunc_set8")]
#[unsafe(link_section = ".kfunc.set8")]
static KFUNC_SET8: Set8Header = Set8Header::UNFILLED;

/// The flag-table entries linked into this binary.
pub fn entries() -> &'static [FlagEntry] {
    &KFUNC_FLAG_TABLE
}

/// The program-type limits linked into this binary.
pub fn limits() -> &'static [ProgLimit] {
    &KFUNC_PROG_LIMITS
}

/// Address of the `__kfunc_set8` header.
pub fn header_ptr() -> *const Set8Header {
    &raw const KFUNC_SET8
}

/// The current value of the `__kfunc_set8` header.
///
/// Read with a volatile load: the value in memory is what `kfunc-btf apply`
/// wrote into the `.ko`, not the initializer the compiler saw.
pub fn header() -> Set8Header {
    // SAFETY: `header_ptr()` points to a live, aligned, initialized static.
    unsafe { core::ptr::read_volatile(header_ptr()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::{KF_ACQUIRE, KF_RET_NULL, KF_SLEEPABLE};

    // Elements added the way `#[kfunc]` adds them (minus the symbol names).
    #[distributed_slice(KFUNC_FLAG_TABLE)]
    static TEST_ENTRY_A: FlagEntry = FlagEntry::new(KF_ACQUIRE | KF_RET_NULL);
    #[distributed_slice(KFUNC_FLAG_TABLE)]
    static TEST_ENTRY_B: FlagEntry = FlagEntry::new(KF_SLEEPABLE);
    #[distributed_slice(KFUNC_PROG_LIMITS)]
    static TEST_LIMIT: ProgLimit = ProgLimit::new(1 << 31);

    #[test]
    fn slices_hold_the_test_elements() {
        let mut got: std::vec::Vec<FlagEntry> = entries().to_vec();
        got.sort();
        assert_eq!(
            got,
            [
                FlagEntry::new(KF_ACQUIRE | KF_RET_NULL),
                FlagEntry::new(KF_SLEEPABLE)
            ]
        );
        assert_eq!(limits(), [ProgLimit::new(1 << 31)]);
    }

    #[test]
    fn header_is_unfilled_and_kfunc_flagged() {
        assert_eq!(header(), Set8Header { cnt: 0, flags: 1 });
    }
}
