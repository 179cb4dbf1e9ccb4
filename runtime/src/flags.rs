//! The `KF_*` kfunc flags, with the exact bit values of the kernel's
//! `include/linux/btf.h`, and the set8 header flag.
//!
//! Which flags a kernel knows depends on its version (`KF_TRUSTED_ARGS` was
//! removed in Linux 7.0, `KF_IMPLICIT_ARGS` and others were added); the build
//! checks that through [`__kfunc_gate!`](crate::__kfunc_gate). The values
//! here never change: a bit is never reused for another meaning.

/// The kfunc returns a referenced pointer (`acquire`).
pub const KF_ACQUIRE: u32 = 1 << 0;
/// The kfunc releases the referenced pointer it is given (`release`).
pub const KF_RELEASE: u32 = 1 << 1;
/// The returned pointer may be NULL (`ret_null`).
pub const KF_RET_NULL: u32 = 1 << 2;
/// Pointer arguments must be trusted (`trusted_args`; Linux < 7.0 only).
pub const KF_TRUSTED_ARGS: u32 = 1 << 4;
/// The kfunc may sleep (`sleepable`).
pub const KF_SLEEPABLE: u32 = 1 << 5;
/// The kfunc performs destructive actions (`destructive`).
pub const KF_DESTRUCTIVE: u32 = 1 << 6;
/// The kfunc takes RCU or trusted pointer arguments (`rcu`).
pub const KF_RCU: u32 = 1 << 7;
/// Iterator constructor (`iter_new`).
pub const KF_ITER_NEW: u32 = 1 << 8;
/// Iterator next method (`iter_next`).
pub const KF_ITER_NEXT: u32 = 1 << 9;
/// Iterator destructor (`iter_destroy`).
pub const KF_ITER_DESTROY: u32 = 1 << 10;
/// Must be called inside an RCU read-side critical section (`rcu_protected`).
pub const KF_RCU_PROTECTED: u32 = 1 << 11;
/// Supports the bpf_fastcall protocol (`fastcall`).
pub const KF_FASTCALL: u32 = 1 << 12;
/// Returns an arena pointer (`arena_ret`).
pub const KF_ARENA_RET: u32 = 1 << 13;
/// First argument is an arena pointer (`arena_arg1`).
pub const KF_ARENA_ARG1: u32 = 1 << 14;
/// Second argument is an arena pointer (`arena_arg2`).
pub const KF_ARENA_ARG2: u32 = 1 << 15;
/// Has implicit arguments supplied by the verifier (`implicit_args`; Linux 7.0+).
pub const KF_IMPLICIT_ARGS: u32 = 1 << 16;
/// Allowed inside a `bpf_spin_lock`-ed region (`spinlock_safe`).
pub const KF_SPINLOCK_SAFE: u32 = 1 << 17;
/// Requires `CAP_PERFMON` (`perfmon`).
pub const KF_PERFMON: u32 = 1 << 18;

/// `BTF_SET8_KFUNCS`: the set8 header flag that marks a kfunc set. The
/// kernel refuses (`-EINVAL`) a set without it.
pub const BTF_SET8_KFUNCS: u32 = 1 << 0;

/// Every flag with its attribute spelling (`#[kfunc(<spelling>)]`), in bit
/// order.
pub const ALL: [(&str, u32); 18] = [
    ("acquire", KF_ACQUIRE),
    ("release", KF_RELEASE),
    ("ret_null", KF_RET_NULL),
    ("trusted_args", KF_TRUSTED_ARGS),
    ("sleepable", KF_SLEEPABLE),
    ("destructive", KF_DESTRUCTIVE),
    ("rcu", KF_RCU),
    ("iter_new", KF_ITER_NEW),
    ("iter_next", KF_ITER_NEXT),
    ("iter_destroy", KF_ITER_DESTROY),
    ("rcu_protected", KF_RCU_PROTECTED),
    ("fastcall", KF_FASTCALL),
    ("arena_ret", KF_ARENA_RET),
    ("arena_arg1", KF_ARENA_ARG1),
    ("arena_arg2", KF_ARENA_ARG2),
    ("implicit_args", KF_IMPLICIT_ARGS),
    ("spinlock_safe", KF_SPINLOCK_SAFE),
    ("perfmon", KF_PERFMON),
];

/// The union of every flag this crate knows.
pub const KNOWN: u32 = {
    let mut all = 0;
    let mut i = 0;
    while i < ALL.len() {
        all |= ALL[i].1;
        i += 1;
    }
    all
};

/// The flag bit for an attribute spelling (`"ret_null"` -> [`KF_RET_NULL`]).
pub const fn by_name(name: &str) -> Option<u32> {
    let mut i = 0;
    while i < ALL.len() {
        if str_eq(ALL[i].0, name) {
            return Some(ALL[i].1);
        }
        i += 1;
    }
    None
}

/// The attribute spelling of a single flag bit ([`KF_RET_NULL`] -> `"ret_null"`).
pub const fn name(flag: u32) -> Option<&'static str> {
    let mut i = 0;
    while i < ALL.len() {
        if ALL[i].1 == flag {
            return Some(ALL[i].0);
        }
        i += 1;
    }
    None
}

/// `a == b` in const context (the crate's one string comparison).
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_bit_values() {
        // Values copied from include/linux/btf.h (6.12 and 7.3), written
        // out as numbers so a typo in a shift above is caught.
        let expected: [u32; 18] = [
            0x1, 0x2, 0x4, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000,
            0x4000, 0x8000, 0x1_0000, 0x2_0000, 0x4_0000,
        ];
        for (i, (_, bit)) in ALL.iter().enumerate() {
            assert_eq!(*bit, expected[i], "flag #{i}");
        }
        assert_eq!(BTF_SET8_KFUNCS, 1);
        assert_eq!(KNOWN, 0x7_fff7);
        assert_eq!(KNOWN & (1 << 3), 0, "bit 3 is unused upstream");
    }

    #[test]
    fn names_roundtrip() {
        for (n, bit) in ALL {
            assert_eq!(by_name(n), Some(bit));
            assert_eq!(name(bit), Some(n));
        }
        assert_eq!(by_name("implicit_args"), Some(KF_IMPLICIT_ARGS));
        assert_eq!(by_name("ret_nul"), None);
        assert_eq!(name(1 << 3), None);
        assert_eq!(name(KF_ACQUIRE | KF_RELEASE), None);
    }
}
