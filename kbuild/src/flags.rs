//! `KF_*` bits (exact upstream values, see `docs/CONTRACT.md`).
#![allow(missing_docs)]

pub const KF_ACQUIRE: u32 = 1 << 0;
pub const KF_RELEASE: u32 = 1 << 1;
pub const KF_RET_NULL: u32 = 1 << 2;
pub const KF_TRUSTED_ARGS: u32 = 1 << 4;
pub const KF_SLEEPABLE: u32 = 1 << 5;
pub const KF_DESTRUCTIVE: u32 = 1 << 6;
pub const KF_RCU: u32 = 1 << 7;
pub const KF_ITER_NEW: u32 = 1 << 8;
pub const KF_ITER_NEXT: u32 = 1 << 9;
pub const KF_ITER_DESTROY: u32 = 1 << 10;
pub const KF_RCU_PROTECTED: u32 = 1 << 11;
pub const KF_FASTCALL: u32 = 1 << 12;
pub const KF_ARENA_RET: u32 = 1 << 13;
pub const KF_ARENA_ARG1: u32 = 1 << 14;
pub const KF_ARENA_ARG2: u32 = 1 << 15;
pub const KF_IMPLICIT_ARGS: u32 = 1 << 16;
pub const KF_SPINLOCK_SAFE: u32 = 1 << 17;
pub const KF_PERFMON: u32 = 1 << 18;

/// Every flag with its name.
pub const ALL: &[(u32, &str)] = &[
    (KF_ACQUIRE, "KF_ACQUIRE"),
    (KF_RELEASE, "KF_RELEASE"),
    (KF_RET_NULL, "KF_RET_NULL"),
    (KF_TRUSTED_ARGS, "KF_TRUSTED_ARGS"),
    (KF_SLEEPABLE, "KF_SLEEPABLE"),
    (KF_DESTRUCTIVE, "KF_DESTRUCTIVE"),
    (KF_RCU, "KF_RCU"),
    (KF_ITER_NEW, "KF_ITER_NEW"),
    (KF_ITER_NEXT, "KF_ITER_NEXT"),
    (KF_ITER_DESTROY, "KF_ITER_DESTROY"),
    (KF_RCU_PROTECTED, "KF_RCU_PROTECTED"),
    (KF_FASTCALL, "KF_FASTCALL"),
    (KF_ARENA_RET, "KF_ARENA_RET"),
    (KF_ARENA_ARG1, "KF_ARENA_ARG1"),
    (KF_ARENA_ARG2, "KF_ARENA_ARG2"),
    (KF_IMPLICIT_ARGS, "KF_IMPLICIT_ARGS"),
    (KF_SPINLOCK_SAFE, "KF_SPINLOCK_SAFE"),
    (KF_PERFMON, "KF_PERFMON"),
];

/// `KF_A | KF_B`, `0` when empty; unknown bits as hex.
pub fn describe(flags: u32) -> String {
    let mut parts: Vec<String> = ALL
        .iter()
        .filter(|(b, _)| flags & b != 0)
        .map(|(_, n)| (*n).to_owned())
        .collect();
    let known = ALL.iter().fold(0, |a, (b, _)| a | b);
    if flags & !known != 0 {
        parts.push(format!("{:#x}", flags & !known));
    }
    if parts.is_empty() {
        "0".into()
    } else {
        parts.join(" | ")
    }
}
