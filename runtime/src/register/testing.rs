//! A recording [`Backend`] for host tests (cargo feature `testing`).

use super::Backend;
use crate::ffi;
use crate::set::{FlagEntry, KfuncIdSet, Set8Header};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// One recorded `register_btf_kfunc_id_set` call, with the set copied out
/// (as the kernel copies it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The `prog_type` argument.
    pub prog_type: u32,
    /// `set->owner`.
    pub owner: *mut ffi::module,
    /// `set->set` (the header address).
    pub set: *const Set8Header,
    /// `set->set->flags`.
    pub set_flags: u32,
    /// The `cnt` pairs behind the header.
    pub pairs: Vec<FlagEntry>,
    /// Whether `set->filter` was non-NULL.
    pub has_filter: bool,
}

/// Records every call and every error message; returns 0, or the errno
/// scripted with [`RecordingBackend::fail_call`].
#[derive(Debug, Default)]
pub struct RecordingBackend {
    /// Calls, in order.
    pub calls: Vec<Call>,
    /// Messages passed to [`Backend::error`], in order.
    pub errors: Vec<String>,
    fail: Option<(usize, i32)>,
}

impl RecordingBackend {
    /// A backend whose calls all succeed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes call number `index` (0-based) return `errno`.
    pub fn fail_call(mut self, index: usize, errno: i32) -> Self {
        self.fail = Some((index, errno));
        self
    }
}

impl Backend for RecordingBackend {
    unsafe fn register(&mut self, prog_type: u32, set: &KfuncIdSet) -> i32 {
        // SAFETY: the trait contract: `set.set` is a header followed by
        // `cnt` pairs, valid for reads during this call.
        let (header, pairs) = unsafe {
            let header = *set.set;
            let first = set.set.add(1).cast::<FlagEntry>();
            (
                header,
                core::slice::from_raw_parts(first, header.cnt as usize).to_vec(),
            )
        };
        self.calls.push(Call {
            prog_type,
            owner: set.owner,
            set: set.set,
            set_flags: header.flags,
            pairs,
            has_filter: set.filter.is_some(),
        });
        match self.fail {
            Some((i, errno)) if i == self.calls.len() - 1 => errno,
            _ => 0,
        }
    }

    fn error(&mut self, msg: fmt::Arguments<'_>) {
        self.errors.push(alloc::format!("{msg}"));
    }
}
