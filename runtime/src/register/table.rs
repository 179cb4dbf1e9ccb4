//! [`Table`]: a view of a flag table (set header, entries, limits).

use crate::registry;
use crate::set::{FlagEntry, ProgLimit, Set8, Set8Header};
use core::marker::PhantomData;

/// A view of a flag table: the set8 header, the flag-table entries and the
/// program-type limits. [`Table::linked`] is the one linked into this
/// binary; the other constructors build views of hand-made tables (tests).
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    /// Points to the header; when the table is contiguous its provenance
    /// also covers the entries behind it.
    set: *const Set8Header,
    entries: &'a [FlagEntry],
    limits: &'a [ProgLimit],
    _header: PhantomData<&'a Set8Header>,
}

impl Table<'static> {
    /// The table linked into this binary: `__kfunc_set8`,
    /// [`KFUNC_FLAG_TABLE`](crate::registry::KFUNC_FLAG_TABLE),
    /// [`KFUNC_PROG_LIMITS`](crate::registry::KFUNC_PROG_LIMITS).
    pub fn linked() -> Table<'static> {
        Table {
            set: registry::header_ptr(),
            entries: registry::entries(),
            limits: registry::limits(),
            _header: PhantomData,
        }
    }
}

impl<'a> Table<'a> {
    /// A contiguous table: `set.header` followed by all `N` of `set.pairs`
    /// as the entries (whatever `set.header.cnt` says).
    pub fn from_set8<const N: usize>(set: &'a Set8<N>, limits: &'a [ProgLimit]) -> Table<'a> {
        Table {
            set: core::ptr::from_ref(set).cast::<Set8Header>(),
            entries: &set.pairs,
            limits,
            _header: PhantomData,
        }
    }

    /// A table from separate parts. It counts as contiguous only if the
    /// entries start exactly 8 bytes after the header.
    pub fn from_parts(
        header: &'a Set8Header,
        entries: &'a [FlagEntry],
        limits: &'a [ProgLimit],
    ) -> Table<'a> {
        Table {
            set: header,
            entries,
            limits,
            _header: PhantomData,
        }
    }

    /// The header's current value (a volatile read: the linked header is
    /// patched in the `.ko` after compilation).
    pub fn header(&self) -> Set8Header {
        // SAFETY: `set` comes from a reference (or the linked static) valid
        // for `'a`, aligned and initialized.
        unsafe { core::ptr::read_volatile(self.set) }
    }

    /// Address of the header.
    pub fn set_ptr(&self) -> *const Set8Header {
        self.set
    }

    /// The flag-table entries.
    pub fn entries(&self) -> &'a [FlagEntry] {
        self.entries
    }

    /// The program-type limits.
    pub fn limits(&self) -> &'a [ProgLimit] {
        self.limits
    }

    /// Whether the entries start right behind the header, making the header
    /// a complete `struct btf_id_set8`.
    pub fn is_contiguous(&self) -> bool {
        let header_end = (self.set as usize).wrapping_add(core::mem::size_of::<Set8Header>());
        // black_box: the compiler must not fold the comparison of two
        // distinct objects' addresses; only the linker knows the answer.
        core::hint::black_box(self.entries.as_ptr() as usize) == core::hint::black_box(header_end)
    }
}
