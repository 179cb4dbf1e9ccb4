//! [`Error`]: why a registration failed.

use crate::prog_type::{Hook, ProgType};
use core::fmt;

const EINVAL: i32 = 22;
const E2BIG: i32 = 7;
const EBUSY: i32 = 16;

/// A registration error. [`Error::to_errno`] gives the negative errno for
/// the module's init function; `Display` gives the message (also printed by
/// the kernel backend).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// `register` was called with an empty program-type list.
    NoProgramTypes,
    /// The program type has no kfunc hook on this kernel.
    NoHook {
        /// The program type.
        prog_type: ProgType,
    },
    /// The module has no `#[kfunc]` at all.
    Empty,
    /// The set header lacks `BTF_SET8_KFUNCS`.
    BadSetFlags {
        /// The header's flags.
        flags: u32,
    },
    /// The set header is not directly followed by the flag table.
    NoLinkerFragment,
    /// `kfunc-btf apply` did not run on the `.ko`: `cnt` is 0 or some ids are 0.
    NotFilled {
        /// The header's `cnt`.
        cnt: u32,
        /// Number of flag-table entries and limits whose id is 0.
        zero_ids: usize,
    },
    /// The header's `cnt` differs from the number of flag-table entries.
    CountMismatch {
        /// `cnt` in the header.
        header: u32,
        /// Entries in the table.
        table: usize,
    },
    /// A program-type limit whose id matches no flag-table entry.
    OrphanLimit {
        /// The limit's id.
        id: u32,
    },
    /// A kfunc whose program-type limit matches none of the registered hooks.
    Unreachable {
        /// The kfunc's BTF id.
        id: u32,
        /// Its limit mask (bit n = `enum bpf_prog_type` n).
        mask: u64,
    },
    /// Every kfunc is limited away from this program type's hook.
    NothingFor {
        /// The program type.
        prog_type: ProgType,
    },
    /// More than 256 kfuncs for one hook (`BTF_KFUNC_SET_MAX_CNT`).
    TooMany {
        /// The hook.
        hook: Hook,
        /// The program type that selected it.
        prog_type: ProgType,
        /// The number of kfuncs.
        count: usize,
    },
    /// The destructor table (`#[kfunc(release, dtor)]`) cannot be registered.
    Dtors(crate::dtor::DtorProblem),
    /// `register_btf_id_dtor_kfuncs` failed.
    DtorKernel {
        /// Its return value (a negative errno).
        errno: i32,
    },
    /// The module's kfuncs were registered already: a module registers once,
    /// from its init function, with every program type it needs.
    AlreadyRegistered,
    /// Registration outside the module's initialization (the kernel only
    /// takes kfunc sets while the module is coming up).
    NotDuringInit {
        /// The module's `enum module_state`.
        state: u32,
    },
    /// `register_btf_kfunc_id_set` failed.
    Kernel {
        /// The program type passed.
        prog_type: ProgType,
        /// Its return value (a negative errno).
        errno: i32,
    },
}

impl Error {
    /// The negative errno to return from module init.
    pub const fn to_errno(&self) -> i32 {
        match *self {
            Error::Kernel { errno, .. } if errno < 0 => errno,
            Error::Kernel { errno, .. } => -errno,
            Error::DtorKernel { errno } if errno < 0 => errno,
            Error::DtorKernel { errno } => -errno,
            Error::Dtors(crate::dtor::DtorProblem::TooMany { .. }) => -E2BIG,
            Error::TooMany { .. } => -E2BIG,
            Error::AlreadyRegistered => -EBUSY,
            _ => -EINVAL,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::NoProgramTypes => f.write_str("register() needs at least one program type"),
            Error::NoHook { prog_type } => write!(
                f,
                "{prog_type} has no kfunc hook on this kernel (bpf_prog_type_to_kfunc_hook); \
                 on kernels where it shares a hook with another program type, register that one"
            ),
            Error::Empty => f.write_str("this module declares no #[kfunc]: nothing to register"),
            Error::BadSetFlags { flags } => write!(
                f,
                "the kfunc set header (__kfunc_set8) has flags {flags:#x} without BTF_SET8_KFUNCS: \
                 the .ko is corrupt"
            ),
            Error::NoLinkerFragment => f.write_str(
                "the kfunc set header (__kfunc_set8) is not directly followed by the flag table: \
                 the linker fragment kbuild/kfunc.lds was not used when linking the module",
            ),
            Error::NotFilled { cnt, zero_ids } => write!(
                f,
                "the kfunc flag table was not filled (cnt {cnt}, {zero_ids} ids still 0): \
                 run `kfunc-btf apply` on the .ko after linking it (kbuild/kfunc.mk does)"
            ),
            Error::CountMismatch { header, table } => write!(
                f,
                "the kfunc set header counts {header} kfuncs but the flag table holds {table}: \
                 run `kfunc-btf apply` on the final .ko"
            ),
            Error::OrphanLimit { id } => write!(
                f,
                "a prog_types limit has BTF id {id}, which is in no flag-table entry: \
                 run `kfunc-btf apply` on the final .ko"
            ),
            Error::Unreachable { id, mask } => write!(
                f,
                "the kfunc with BTF id {id} is limited to program types {mask:#x} (bit n = \
                 enum bpf_prog_type n), whose hooks are not among the registered program types"
            ),
            Error::NothingFor { prog_type } => write!(
                f,
                "no kfunc may be called from {prog_type}: every kfunc's prog_types limit excludes its hook"
            ),
            Error::TooMany { hook, prog_type, count } => write!(
                f,
                "{count} kfuncs for {hook} ({prog_type}); the kernel allows at most 256 per hook \
                 (BTF_KFUNC_SET_MAX_CNT)"
            ),
            Error::Dtors(crate::dtor::DtorProblem::NotFilled { zero_ids }) => write!(
                f,
                "the kfunc destructor table was not filled ({zero_ids} entries still 0): \
                 run `kfunc-btf apply` on the .ko after linking it (kbuild/kfunc.mk does)"
            ),
            Error::Dtors(crate::dtor::DtorProblem::TooMany { count }) => write!(
                f,
                "{count} kfunc destructors; the kernel takes fewer than 256 per module \
                 (BTF_DTOR_KFUNC_MAX_CNT)"
            ),
            Error::DtorKernel { errno } => {
                write!(f, "register_btf_id_dtor_kfuncs failed: error {errno}")
            }
            Error::AlreadyRegistered => f.write_str(
                "this module's kfuncs are registered already; register once, from the module's \
                 init function, with every program type at once",
            ),
            Error::NotDuringInit { state } => write!(
                f,
                "kfuncs can only be registered from the module's init function (module state \
                 {state}, not MODULE_STATE_COMING)"
            ),
            Error::Kernel { prog_type, errno } => {
                write!(f, "register_btf_kfunc_id_set({prog_type}) failed: error {errno}")
            }
        }
    }
}

impl core::error::Error for Error {}
