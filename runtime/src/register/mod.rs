//! Registration of the flag table with the kernel.
//!
//! All the logic is in [`register_with`], which talks to the kernel through
//! a [`Backend`] and reads the flag table through a [`Table`], so host tests
//! can run it against hand-built tables and a recording double
//! (`testing::RecordingBackend`, cargo feature `testing`).
//!
//! What it does, in order, before the first kernel call (so a bad table
//! registers nothing):
//! 1. maps every requested [`ProgType`] to its kfunc [`Hook`] (one
//!    registration per distinct hook: the kernel takes one set per hook and
//!    module);
//! 2. checks the table: the set header is directly followed by the flag
//!    table (linker fragment), `kfunc-btf apply` filled it (`cnt` and every
//!    id non-zero), `cnt` equals the number of entries, every program-type
//!    limit belongs to a kfunc;
//! 3. selects, for each hook, every kfunc without a limit plus every kfunc
//!    whose limit names a program type of that hook, and checks that each
//!    limited kfunc lands in some hook, that no hook is left empty and that no
//!    hook gets more than 256 kfuncs (`BTF_KFUNC_SET_MAX_CNT`).
//!
//! Then it registers: the whole table in place when a hook gets every kfunc,
//! otherwise a copy of the selected pairs in a static scratch set (the kernel
//! copies the pairs, so the scratch is reused for the next hook). Limits are
//! enforced per hook: a kfunc limited to `lsm` is visible to every program
//! type of the tracing hook.
//!
//! Every error is also reported through [`Backend::error`] (on the kernel:
//! `pr_err`-level `_printk`). The kernel cannot unregister a set: when the
//! kernel itself fails for a later hook, the earlier hooks stay registered.

mod error;
#[cfg(any(test, target_os = "none", feature = "kernel", doc))]
mod kernel;
mod scratch;
mod table;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
#[cfg(test)]
mod tests;

pub use error::Error;
#[cfg(kfunc_kernel_checked)]
pub use kernel::register;
#[cfg(any(target_os = "none", feature = "kernel", doc))]
pub use kernel::register_raw;
pub use table::Table;

use crate::ffi;
use crate::flags::BTF_SET8_KFUNCS;
use crate::prog_type::{Hook, HookCaps, ProgType};
use crate::set::{KfuncIdSet, Set8Header};
use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};

/// The kernel's limit on kfuncs per hook and BTF (`BTF_KFUNC_SET_MAX_CNT`).
pub const MAX_PER_HOOK: usize = 256;

/// Where registrations go: the kernel, or a test double.
pub trait Backend {
    /// `register_btf_kfunc_id_set(prog_type, set)`: returns 0 or a negative
    /// errno.
    ///
    /// # Safety
    /// `set.set` points to a [`Set8Header`] directly followed by
    /// `set.set.cnt` [`FlagEntry`](crate::set::FlagEntry) pairs, all valid for
    /// reads for the duration of the call. `set.owner` is the module pointer
    /// given to [`register_with`]; implementations must not assume more
    /// about it than that caller guarantees.
    unsafe fn register(&mut self, prog_type: u32, set: &KfuncIdSet) -> i32;

    /// `register_btf_id_dtor_kfuncs(dtors, cnt, owner)`: returns 0 or a
    /// negative errno. Backends that cannot register destructors keep this
    /// default, which refuses (`-EOPNOTSUPP`); a module without destructors
    /// never calls it.
    ///
    /// # Safety
    /// `dtors` points to `cnt` [`DtorEntry`](crate::dtor::DtorEntry)s, valid
    /// for reads for the duration of the call; `owner` as for
    /// [`Backend::register`].
    unsafe fn register_dtors(
        &mut self,
        dtors: *const crate::dtor::DtorEntry,
        cnt: u32,
        owner: *mut ffi::module,
    ) -> i32 {
        let _ = (dtors, cnt, owner);
        -95
    }

    /// Reports an error (the kernel backend prints it at `KERN_ERR` level).
    fn error(&mut self, msg: fmt::Arguments<'_>);
}

/// One registration to make: a distinct hook, the program type to name in
/// the call, the mask of program types sharing the hook, and the number of
/// kfuncs selected for it.
#[derive(Clone, Copy)]
struct HookPlan {
    hook: Hook,
    prog_type: ProgType,
    mask: u64,
    count: usize,
}

/// At most one plan per hook; there are 13 hooks.
const MAX_HOOKS: usize = 16;

struct Plan {
    hooks: [Option<HookPlan>; MAX_HOOKS],
    len: usize,
}

impl Plan {
    fn iter(&self) -> impl Iterator<Item = &HookPlan> {
        self.hooks[..self.len].iter().flatten()
    }
}

/// Registers the table for `prog_types` through `backend`, with the
/// program-type-to-hook mapping of the kernel this crate is built for
/// ([`HookCaps::BUILD`]). See the [module docs](self) for what is checked.
///
/// # Errors
/// Any [`Error`]; it has also been reported through [`Backend::error`].
pub fn register_with<B: Backend + ?Sized>(
    backend: &mut B,
    table: &Table<'_>,
    module: *mut ffi::module,
    prog_types: &[ProgType],
) -> Result<(), Error> {
    register_with_caps(backend, table, module, prog_types, HookCaps::BUILD)
}

/// [`register_with`] with an explicit program-type-to-hook mapping.
///
/// # Errors
/// Any [`Error`]; it has also been reported through [`Backend::error`].
pub fn register_with_caps<B: Backend + ?Sized>(
    backend: &mut B,
    table: &Table<'_>,
    module: *mut ffi::module,
    prog_types: &[ProgType],
    caps: HookCaps,
) -> Result<(), Error> {
    let result =
        plan(table, prog_types, caps).and_then(|plan| execute(backend, table, module, &plan));
    if let Err(e) = &result {
        backend.error(format_args!("{e}"));
    }
    result
}

/// Where the module stands when it registers: `Some(state)` with its
/// `enum module_state` for a loadable module, `None` for code built into
/// the kernel (no `struct module`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleState(pub Option<u32>);

/// `MODULE_STATE_COMING` of `enum module_state` (include/linux/module.h):
/// the module's init function is running.
pub const MODULE_STATE_COMING: u32 = 1;

/// [`register_with`] for a module's one registration: refused with
/// [`Error::AlreadyRegistered`] when `registered` is already set (the kernel
/// would `WARN` on a set registered twice), and with
/// [`Error::NotDuringInit`] outside the module's init function (the kernel
/// takes kfunc sets only while the module comes up). The flag is set by the
/// first call whatever its outcome: a failed registration is not retried.
///
/// # Errors
/// Any [`Error`]; it has also been reported through [`Backend::error`].
// `module` is only handed on to the backend (as the kfunc sets' `owner` and
// the destructors' owner): this function never dereferences it.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn register_once<B: Backend + ?Sized>(
    registered: &AtomicBool,
    backend: &mut B,
    table: &Table<'_>,
    module: *mut ffi::module,
    state: ModuleState,
    prog_types: &[ProgType],
) -> Result<(), Error> {
    let refused = match state.0 {
        Some(state) if state != MODULE_STATE_COMING => Some(Error::NotDuringInit { state }),
        _ if registered.swap(true, Ordering::AcqRel) => Some(Error::AlreadyRegistered),
        _ => None,
    };
    if let Some(e) = refused {
        backend.error(format_args!("{e}"));
        return Err(e);
    }
    // Destructors first (`#[kfunc(release, dtor)]`): the verifier accepts a
    // map field holding a module type only once it has one, and the kernel
    // takes one table per module (so only here, once).
    let dtors = crate::dtor::register_with(crate::dtor::entries(), |dtors, cnt| {
        // SAFETY: `dtors` points to `cnt` entries of the linked static table;
        // `module` is what our caller passed for the kfunc sets too.
        unsafe { backend.register_dtors(dtors, cnt, module) }
    });
    if let Err(e) = dtors {
        backend.error(format_args!("{e}"));
        return Err(e);
    }
    register_with(backend, table, module, prog_types)
}

/// The combined limit mask of the kfunc with BTF id `id`; 0 = no limit.
fn limit_mask(table: &Table<'_>, id: u32) -> u64 {
    table
        .limits()
        .iter()
        .filter(|l| l.id == id)
        .fold(0, |m, l| m | l.mask)
}

fn selected(mask: u64, hook: &HookPlan) -> bool {
    mask == 0 || mask & hook.mask != 0
}

fn plan(table: &Table<'_>, prog_types: &[ProgType], caps: HookCaps) -> Result<Plan, Error> {
    if prog_types.is_empty() {
        return Err(Error::NoProgramTypes);
    }
    let mut plan = Plan {
        hooks: [None; MAX_HOOKS],
        len: 0,
    };
    for &prog_type in prog_types {
        let hook = prog_type
            .hook_for(caps)
            .ok_or(Error::NoHook { prog_type })?;
        if plan.iter().all(|p| p.hook != hook) {
            plan.hooks[plan.len] = Some(HookPlan {
                hook,
                prog_type,
                mask: ProgType::hook_mask(hook, caps),
                count: 0,
            });
            plan.len += 1;
        }
    }

    let entries = table.entries();
    if entries.is_empty() {
        return Err(Error::Empty);
    }
    let header: Set8Header = table.header();
    if header.flags & BTF_SET8_KFUNCS == 0 {
        return Err(Error::BadSetFlags {
            flags: header.flags,
        });
    }
    if !table.is_contiguous() {
        return Err(Error::NoLinkerFragment);
    }
    let zero_ids = entries.iter().filter(|e| e.id == 0).count()
        + table.limits().iter().filter(|l| l.id == 0).count();
    if header.cnt == 0 || zero_ids != 0 {
        return Err(Error::NotFilled {
            cnt: header.cnt,
            zero_ids,
        });
    }
    if header.cnt as usize != entries.len() {
        return Err(Error::CountMismatch {
            header: header.cnt,
            table: entries.len(),
        });
    }
    if let Some(l) = table
        .limits()
        .iter()
        .find(|l| entries.iter().all(|e| e.id != l.id))
    {
        return Err(Error::OrphanLimit { id: l.id });
    }

    for e in entries {
        let mask = limit_mask(table, e.id);
        let mut reached = false;
        for p in plan.hooks[..plan.len].iter_mut().flatten() {
            if selected(mask, p) {
                p.count += 1;
                reached = true;
            }
        }
        if !reached {
            return Err(Error::Unreachable { id: e.id, mask });
        }
    }
    for p in plan.iter() {
        if p.count == 0 {
            return Err(Error::NothingFor {
                prog_type: p.prog_type,
            });
        }
        if p.count > MAX_PER_HOOK {
            return Err(Error::TooMany {
                hook: p.hook,
                prog_type: p.prog_type,
                count: p.count,
            });
        }
    }
    Ok(plan)
}

fn execute<B: Backend + ?Sized>(
    backend: &mut B,
    table: &Table<'_>,
    module: *mut ffi::module,
    plan: &Plan,
) -> Result<(), Error> {
    let entries = table.entries();
    for p in plan.iter() {
        let ret = if p.count == entries.len() {
            let set = KfuncIdSet {
                owner: module,
                set: table.set_ptr(),
                filter: None,
            };
            // SAFETY: `plan` checked that the table is contiguous (the header
            // is directly followed by the entries) and that `cnt` equals the
            // number of entries; `table` borrows both for the call.
            unsafe { backend.register(p.prog_type as u32, &set) }
        } else {
            let mut guard = scratch::lock();
            let scratch = guard.set();
            let mut n = 0;
            for e in entries
                .iter()
                .filter(|e| selected(limit_mask(table, e.id), p))
            {
                scratch.pairs[n] = *e;
                n += 1;
            }
            debug_assert_eq!(n, p.count);
            scratch.header = Set8Header {
                cnt: n as u32,
                flags: BTF_SET8_KFUNCS,
            };
            let set = KfuncIdSet {
                owner: module,
                set: guard.header_ptr(),
                filter: None,
            };
            // SAFETY: the scratch set is a header followed by `MAX_PER_HOOK`
            // pairs, `n <= MAX_PER_HOOK` of them filled and counted in the
            // header; the guard keeps it exclusively ours for the call.
            unsafe { backend.register(p.prog_type as u32, &set) }
        };
        if ret != 0 {
            return Err(Error::Kernel {
                prog_type: p.prog_type,
                errno: ret,
            });
        }
    }
    Ok(())
}
