//! Destructors of module objects stored in BPF maps (referenced kptrs).
//!
//! A BPF program that acquired a module object (an `acquire` kfunc) may
//! store it in a map value field `struct T __kptr *` with `bpf_kptr_xchg`.
//! When the map frees that value (entry deleted or updated, map freed) while
//! it still holds an object, the kernel releases it by calling the
//! destructor registered for `T` with `register_btf_id_dtor_kfuncs`. The
//! verifier only accepts such a field if `T` has one (the registration is
//! also the list of types that may be stored).
//!
//! `#[kfunc(release, dtor)]` on a release kfunc with exactly one `*mut T`
//! parameter declares it as `T`'s destructor:
//! - it implements [`KptrDtor`] for `T` (a second destructor of `T` is a
//!   conflicting implementation, `T` must be a `#[derive(BtfType)]` struct
//!   of this crate: [`BtfStruct`], and a foreign type breaks the orphan
//!   rule) and adds a [`DtorEntry`] named `__kfunc_dtor__<kfunc>` to
//!   [`KFUNC_DTOR_TABLE`];
//! - `kfunc-btf apply` fills each entry with the BTF ids of `T` and of the
//!   kfunc (the layout of `struct btf_id_dtor_kfunc`);
//! - `kfunc::register` registers the table with
//!   `register_btf_id_dtor_kfuncs` before the kfunc sets, once per module.
//!
//! Who guarantees what: the kernel calls the destructor exactly once per
//! object left in a map, with the pointer the program stored (one the
//! module's `acquire` kfunc returned); the destructor must release that
//! reference like the release kfunc it is, from any context the map may be
//! freed in (it must not sleep); the module stays loaded while a map holds
//! one of its objects (the kernel takes a module reference per kptr field).

use linkme::distributed_slice;

/// `struct btf_id_dtor_kfunc` (`include/linux/btf.h`): the BTF id of a
/// module type and the BTF id of its destructor kfunc.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DtorEntry {
    /// BTF id of the object type's STRUCT; 0 until `kfunc-btf apply`.
    pub btf_id: u32,
    /// BTF id of the destructor's FUNC; 0 until `kfunc-btf apply`.
    pub kfunc_btf_id: u32,
}

impl DtorEntry {
    /// An entry as `#[kfunc(release, dtor)]` emits it: both ids 0.
    pub const UNFILLED: DtorEntry = DtorEntry {
        btf_id: 0,
        kfunc_btf_id: 0,
    };
}

/// Every destructor declared with `#[kfunc(release, dtor)]` in the module.
#[distributed_slice]
pub static KFUNC_DTOR_TABLE: [DtorEntry];

/// The destructor entries linked into this binary.
pub fn entries() -> &'static [DtorEntry] {
    &KFUNC_DTOR_TABLE
}

/// A `#[derive(BtfType)]` struct: described to BTF by this module.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a #[derive(BtfType)] struct of this module",
    label = "a kfunc destructor's object type must be described by #[derive(BtfType)]",
    note = "the kernel only registers destructors for types of the module's own BTF"
)]
pub trait BtfStruct {
    /// The struct's own name, the name of its BTF type. A kfunc signature
    /// that spells the type by another name (a `use ... as` alias) would
    /// make the BTF name another struct: the expansion checks the spelled
    /// name against this one ([`spelled_as`]).
    const NAME: &'static str;
}

/// Const check the expansion of `#[kfunc]` makes for every
/// `#[derive(BtfType)]` struct a safe parameter names (`&T`, `Option<&T>`,
/// a destructor's object): the name written in the signature, which the
/// interface stub records, must be the struct's own ([`BtfStruct::NAME`]).
pub const fn spelled_as(name: &str, spelled: &str) {
    if !crate::flags::str_eq(name, spelled) {
        panic!(
            "kfunc: a struct in this kfunc's signature is spelled with another name than its own \
             (a `use ... as` alias?); BTF names the struct as it is spelled here, so it would \
             name another type: write the struct's own name"
        );
    }
}

/// Implemented by `#[kfunc(release, dtor)]` for the type its kfunc
/// destroys: a type has at most one destructor (a second
/// `#[kfunc(release, dtor)]` for it is a conflicting implementation).
pub trait KptrDtor: BtfStruct {}

/// Why the destructor table cannot be registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DtorProblem {
    /// `kfunc-btf apply` did not fill this many entries.
    NotFilled {
        /// Entries with an id of 0.
        zero_ids: usize,
    },
    /// More entries than the kernel takes (`BTF_DTOR_KFUNC_MAX_CNT` 256,
    /// exclusive).
    TooMany {
        /// Number of entries.
        count: usize,
    },
}

/// `BTF_DTOR_KFUNC_MAX_CNT`: the kernel takes fewer destructors than this
/// per BTF.
pub const MAX_DTORS: usize = 256;

/// Checks a destructor table before it is handed to the kernel.
///
/// # Errors
/// [`DtorProblem`] when an id is 0 or there are too many entries.
pub fn check(entries: &[DtorEntry]) -> Result<(), DtorProblem> {
    let zero_ids = entries
        .iter()
        .filter(|e| e.btf_id == 0 || e.kfunc_btf_id == 0)
        .count();
    if zero_ids != 0 {
        return Err(DtorProblem::NotFilled { zero_ids });
    }
    if entries.len() >= MAX_DTORS {
        return Err(DtorProblem::TooMany {
            count: entries.len(),
        });
    }
    Ok(())
}

/// Registers `entries` through `register` (the kernel's
/// `register_btf_id_dtor_kfuncs(dtors, cnt, owner)`), after [`check`];
/// nothing is called for an empty table.
///
/// # Errors
/// [`crate::Error::Dtors`] from [`check`], [`crate::Error::DtorKernel`]
/// when `register` returns non-zero.
pub fn register_with(
    entries: &[DtorEntry],
    register: impl FnOnce(*const DtorEntry, u32) -> i32,
) -> Result<(), crate::Error> {
    if entries.is_empty() {
        return Ok(());
    }
    check(entries).map_err(crate::Error::Dtors)?;
    // `check` bounded the count below 256
    let ret = register(entries.as_ptr(), entries.len() as u32);
    if ret != 0 {
        return Err(crate::Error::DtorKernel { errno: ret });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_has_the_kernel_layout() {
        assert_eq!(core::mem::size_of::<DtorEntry>(), 8);
        assert_eq!(core::mem::offset_of!(DtorEntry, kfunc_btf_id), 4);
    }

    #[test]
    fn empty_table_registers_nothing() {
        let mut called = false;
        register_with(&[], |_, _| {
            called = true;
            0
        })
        .unwrap();
        assert!(!called);
    }

    #[test]
    fn unfilled_entries_are_refused_before_the_kernel() {
        let t = [
            DtorEntry {
                btf_id: 5,
                kfunc_btf_id: 9,
            },
            DtorEntry::UNFILLED,
        ];
        let e = register_with(&t, |_, _| panic!("must not be called")).unwrap_err();
        assert_eq!(
            e,
            crate::Error::Dtors(DtorProblem::NotFilled { zero_ids: 1 })
        );
        assert!(std::format!("{e}").contains("kfunc-btf apply"));
    }

    #[test]
    fn filled_table_is_passed_whole_and_kernel_errors_surface() {
        let t = [DtorEntry {
            btf_id: 5,
            kfunc_btf_id: 9,
        }];
        let mut seen = None;
        register_with(&t, |p, n| {
            // SAFETY: `p` points to `n` entries of `t`, alive for the call.
            seen = Some(unsafe { core::slice::from_raw_parts(p, n as usize) }.to_vec());
            0
        })
        .unwrap();
        assert_eq!(seen.unwrap(), t);
        let e = register_with(&t, |_, _| -22).unwrap_err();
        assert_eq!(e, crate::Error::DtorKernel { errno: -22 });
        assert_eq!(e.to_errno(), -22);
    }

    #[test]
    fn too_many_is_refused() {
        let t = [DtorEntry {
            btf_id: 1,
            kfunc_btf_id: 2,
        }; MAX_DTORS];
        assert_eq!(check(&t), Err(DtorProblem::TooMany { count: MAX_DTORS }));
    }
}
