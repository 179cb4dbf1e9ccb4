//! The capability gate `__kfunc_gate!(<name>)` (see `docs/CONTRACT.md`,
//! "Kernel capability cfgs").
//!
//! `kbuild/kfunc.mk` builds this crate with `--cfg kfunc_kernel_checked`,
//! one `--cfg kfunc_kernel_has="<name>"` per flag / parameter annotation the
//! target kernel knows, and `--cfg kfunc_kernel_version="<major>.<minor>"`.
//! `macro_rules!` cannot read cfg values, so every name gets its own helper
//! macro, defined twice under opposite `#[cfg]`s: empty when the kernel has
//! the capability (or when `kfunc_kernel_checked` is unset: host builds),
//! a `compile_error!` naming the option and the kernel otherwise.
//! `#[kfunc]` emits one `::kfunc::__kfunc_gate!(<name>);` per option used,
//! spanned at the user's option.
//!
//! This file is regular by construction; keep the three lists (gate arms,
//! helper pairs, `check-cfg` in Cargo.toml) in sync when a name is added.

/// Checks at compile time that the target kernel supports a kfunc option.
/// Generated code only.
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate {
    (acquire) => {
        $crate::__kfunc_gate_acquire! {}
    };
    (release) => {
        $crate::__kfunc_gate_release! {}
    };
    (ret_null) => {
        $crate::__kfunc_gate_ret_null! {}
    };
    (trusted_args) => {
        $crate::__kfunc_gate_trusted_args! {}
    };
    (sleepable) => {
        $crate::__kfunc_gate_sleepable! {}
    };
    (destructive) => {
        $crate::__kfunc_gate_destructive! {}
    };
    (rcu) => {
        $crate::__kfunc_gate_rcu! {}
    };
    (iter_new) => {
        $crate::__kfunc_gate_iter_new! {}
    };
    (iter_next) => {
        $crate::__kfunc_gate_iter_next! {}
    };
    (iter_destroy) => {
        $crate::__kfunc_gate_iter_destroy! {}
    };
    (rcu_protected) => {
        $crate::__kfunc_gate_rcu_protected! {}
    };
    (fastcall) => {
        $crate::__kfunc_gate_fastcall! {}
    };
    (arena_ret) => {
        $crate::__kfunc_gate_arena_ret! {}
    };
    (arena_arg1) => {
        $crate::__kfunc_gate_arena_arg1! {}
    };
    (arena_arg2) => {
        $crate::__kfunc_gate_arena_arg2! {}
    };
    (implicit_args) => {
        $crate::__kfunc_gate_implicit_args! {}
    };
    (spinlock_safe) => {
        $crate::__kfunc_gate_spinlock_safe! {}
    };
    (perfmon) => {
        $crate::__kfunc_gate_perfmon! {}
    };
    (arg_sz) => {
        $crate::__kfunc_gate_arg_sz! {}
    };
    (arg_szk) => {
        $crate::__kfunc_gate_arg_szk! {}
    };
    (arg_k) => {
        $crate::__kfunc_gate_arg_k! {}
    };
    (arg_ign) => {
        $crate::__kfunc_gate_arg_ign! {}
    };
    (arg_uninit) => {
        $crate::__kfunc_gate_arg_uninit! {}
    };
    (arg_opt) => {
        $crate::__kfunc_gate_arg_opt! {}
    };
    (arg_nullable) => {
        $crate::__kfunc_gate_arg_nullable! {}
    };
    (arg_str) => {
        $crate::__kfunc_gate_arg_str! {}
    };
    (arg_map) => {
        $crate::__kfunc_gate_arg_map! {}
    };
    (arg_refcounted_kptr) => {
        $crate::__kfunc_gate_arg_refcounted_kptr! {}
    };
    (arg_alloc) => {
        $crate::__kfunc_gate_arg_alloc! {}
    };
    (arg_irq_flag) => {
        $crate::__kfunc_gate_arg_irq_flag! {}
    };
    (arg_arena) => {
        $crate::__kfunc_gate_arg_arena! {}
    };
    (arg_const_map) => {
        $crate::__kfunc_gate_arg_const_map! {}
    };
    (arg_nonown_allowed) => {
        $crate::__kfunc_gate_arg_nonown_allowed! {}
    };
    ($other:ident) => {
        ::core::compile_error! { ::core::concat!(
            "kfunc: unknown capability `", ::core::stringify!($other),
            "` (the kfunc-macros and kfunc crates do not match)"
        ) }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "acquire"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_acquire {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "acquire")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_acquire {
    () => {
        ::core::compile_error! { ::core::concat!("`acquire` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_ACQUIRE") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "release"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_release {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "release")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_release {
    () => {
        ::core::compile_error! { ::core::concat!("`release` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_RELEASE") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "ret_null"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_ret_null {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "ret_null")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_ret_null {
    () => {
        ::core::compile_error! { ::core::concat!("`ret_null` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_RET_NULL") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "trusted_args"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_trusted_args {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "trusted_args")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_trusted_args {
    () => {
        ::core::compile_error! { ::core::concat!("`trusted_args` was removed in Linux 7.0: trusted arguments are the default, drop it (this kernel is Linux ", $crate::__kfunc_kernel_version!(), ")") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "sleepable"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_sleepable {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "sleepable")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_sleepable {
    () => {
        ::core::compile_error! { ::core::concat!("`sleepable` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_SLEEPABLE") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "destructive"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_destructive {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "destructive")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_destructive {
    () => {
        ::core::compile_error! { ::core::concat!("`destructive` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_DESTRUCTIVE") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "rcu"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_rcu {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "rcu")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_rcu {
    () => {
        ::core::compile_error! { ::core::concat!("`rcu` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_RCU") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "iter_new"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_iter_new {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "iter_new")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_iter_new {
    () => {
        ::core::compile_error! { ::core::concat!("`iter_new` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_ITER_NEW") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "iter_next"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_iter_next {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "iter_next")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_iter_next {
    () => {
        ::core::compile_error! { ::core::concat!("`iter_next` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_ITER_NEXT") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "iter_destroy"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_iter_destroy {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "iter_destroy")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_iter_destroy {
    () => {
        ::core::compile_error! { ::core::concat!("`iter_destroy` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_ITER_DESTROY") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "rcu_protected"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_rcu_protected {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "rcu_protected")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_rcu_protected {
    () => {
        ::core::compile_error! { ::core::concat!("`rcu_protected` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its include/linux/btf.h has no KF_RCU_PROTECTED") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "fastcall"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_fastcall {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "fastcall")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_fastcall {
    () => {
        ::core::compile_error! { ::core::concat!("`fastcall` needs a newer kernel: KF_FASTCALL is not in this kernel's include/linux/btf.h (this kernel is Linux ", $crate::__kfunc_kernel_version!(), "; Linux 7.3 has it)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arena_ret"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arena_ret {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arena_ret")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arena_ret {
    () => {
        ::core::compile_error! { ::core::concat!("`arena_ret` needs a newer kernel: KF_ARENA_RET is not in this kernel's include/linux/btf.h (this kernel is Linux ", $crate::__kfunc_kernel_version!(), "; Linux 7.3 has it)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arena_arg1"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arena_arg1 {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arena_arg1")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arena_arg1 {
    () => {
        ::core::compile_error! { ::core::concat!("`arena_arg1` needs a newer kernel: KF_ARENA_ARG1 is not in this kernel's include/linux/btf.h (this kernel is Linux ", $crate::__kfunc_kernel_version!(), "; Linux 7.3 has it)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arena_arg2"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arena_arg2 {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arena_arg2")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arena_arg2 {
    () => {
        ::core::compile_error! { ::core::concat!("`arena_arg2` needs a newer kernel: KF_ARENA_ARG2 is not in this kernel's include/linux/btf.h (this kernel is Linux ", $crate::__kfunc_kernel_version!(), "; Linux 7.3 has it)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "implicit_args"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_implicit_args {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "implicit_args")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_implicit_args {
    () => {
        ::core::compile_error! { ::core::concat!("`implicit_args` needs Linux 7.0 or newer (KF_IMPLICIT_ARGS); this kernel is Linux ", $crate::__kfunc_kernel_version!()) }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "spinlock_safe"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_spinlock_safe {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "spinlock_safe")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_spinlock_safe {
    () => {
        ::core::compile_error! { ::core::concat!("`spinlock_safe` needs a newer kernel: KF_SPINLOCK_SAFE is not in this kernel's include/linux/btf.h (this kernel is Linux ", $crate::__kfunc_kernel_version!(), "; Linux 7.3 has it)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "perfmon"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_perfmon {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "perfmon")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_perfmon {
    () => {
        ::core::compile_error! { ::core::concat!("`perfmon` needs a newer kernel: KF_PERFMON is not in this kernel's include/linux/btf.h (this kernel is Linux ", $crate::__kfunc_kernel_version!(), "; Linux 7.3 has it)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_sz"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_sz {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_sz")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_sz {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(sz)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__sz` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_szk"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_szk {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_szk")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_szk {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(szk)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__szk` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_k"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_k {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_k")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_k {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(k)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__k` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_ign"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_ign {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_ign")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_ign {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(ign)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__ign` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_uninit"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_uninit {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_uninit")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_uninit {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(uninit)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__uninit` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_opt"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_opt {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_opt")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_opt {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(opt)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier no longer knows `__opt`; use `#[arg(nullable)]` (`__nullable`)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_nullable"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_nullable {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_nullable")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_nullable {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(nullable)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__nullable` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_str"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_str {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_str")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_str {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(str)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__str` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_map"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_map {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_map")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_map {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(map)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__map` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_refcounted_kptr"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_refcounted_kptr {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_refcounted_kptr")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_refcounted_kptr {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(refcounted_kptr)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__refcounted_kptr` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_alloc"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_alloc {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_alloc")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_alloc {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(alloc)]` is not supported by this kernel (Linux ", $crate::__kfunc_kernel_version!(), "): its verifier does not know the `__alloc` parameter suffix") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_irq_flag"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_irq_flag {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_irq_flag")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_irq_flag {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(irq_flag)]` needs a newer kernel: the verifier of this kernel (Linux ", $crate::__kfunc_kernel_version!(), ") does not know the `__irq_flag` parameter suffix (Linux 7.3 does)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_arena"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_arena {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_arena")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_arena {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(arena)]` needs a newer kernel: the verifier of this kernel (Linux ", $crate::__kfunc_kernel_version!(), ") does not know the `__arena` parameter suffix (Linux 7.3 does)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_const_map"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_const_map {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_const_map")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_const_map {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(const_map)]` needs a newer kernel: the verifier of this kernel (Linux ", $crate::__kfunc_kernel_version!(), ") does not know the `__const_map` parameter suffix (Linux 7.3 does)") }
    };
}

#[cfg(any(not(kfunc_kernel_checked), kfunc_kernel_has = "arg_nonown_allowed"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_nonown_allowed {
    () => {};
}
#[cfg(all(kfunc_kernel_checked, not(kfunc_kernel_has = "arg_nonown_allowed")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_gate_arg_nonown_allowed {
    () => {
        ::core::compile_error! { ::core::concat!("`#[arg(nonown_allowed)]` needs a newer kernel: the verifier of this kernel (Linux ", $crate::__kfunc_kernel_version!(), ") does not know the `__nonown_allowed` parameter suffix (Linux 7.3 does)") }
    };
}

/// The `kfunc_kernel_version` cfg as a string literal, for messages.
/// (A cfg value cannot be read by a macro, so each known version has its
/// own definition.)
#[doc(hidden)]
#[macro_export]
#[cfg(not(any(
    kfunc_kernel_version = "6.1",
    kfunc_kernel_version = "6.2",
    kfunc_kernel_version = "6.3",
    kfunc_kernel_version = "6.4",
    kfunc_kernel_version = "6.5",
    kfunc_kernel_version = "6.6",
    kfunc_kernel_version = "6.7",
    kfunc_kernel_version = "6.8",
    kfunc_kernel_version = "6.9",
    kfunc_kernel_version = "6.10",
    kfunc_kernel_version = "6.11",
    kfunc_kernel_version = "6.12",
    kfunc_kernel_version = "6.13",
    kfunc_kernel_version = "6.14",
    kfunc_kernel_version = "6.15",
    kfunc_kernel_version = "6.16",
    kfunc_kernel_version = "6.17",
    kfunc_kernel_version = "6.18",
    kfunc_kernel_version = "6.19",
    kfunc_kernel_version = "7.0",
    kfunc_kernel_version = "7.1",
    kfunc_kernel_version = "7.2",
    kfunc_kernel_version = "7.3",
    kfunc_kernel_version = "7.4",
    kfunc_kernel_version = "7.5",
    kfunc_kernel_version = "7.6",
    kfunc_kernel_version = "7.7",
    kfunc_kernel_version = "7.8",
    kfunc_kernel_version = "7.9",
    kfunc_kernel_version = "7.10",
    kfunc_kernel_version = "7.11",
    kfunc_kernel_version = "7.12",
    kfunc_kernel_version = "7.13",
    kfunc_kernel_version = "7.14",
    kfunc_kernel_version = "7.15",
    kfunc_kernel_version = "7.16",
    kfunc_kernel_version = "7.17",
    kfunc_kernel_version = "7.18",
    kfunc_kernel_version = "7.19",
    kfunc_kernel_version = "7.20",
    kfunc_kernel_version = "7.21",
    kfunc_kernel_version = "7.22",
    kfunc_kernel_version = "7.23",
    kfunc_kernel_version = "7.24",
    kfunc_kernel_version = "7.25",
    kfunc_kernel_version = "7.26",
    kfunc_kernel_version = "7.27",
    kfunc_kernel_version = "7.28",
    kfunc_kernel_version = "7.29"
)))]
macro_rules! __kfunc_kernel_version {
    () => {
        "<unknown: no known --cfg kfunc_kernel_version>"
    };
}
#[cfg(kfunc_kernel_version = "6.1")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.1"
    };
}
#[cfg(kfunc_kernel_version = "6.2")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.2"
    };
}
#[cfg(kfunc_kernel_version = "6.3")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.3"
    };
}
#[cfg(kfunc_kernel_version = "6.4")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.4"
    };
}
#[cfg(kfunc_kernel_version = "6.5")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.5"
    };
}
#[cfg(kfunc_kernel_version = "6.6")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.6"
    };
}
#[cfg(kfunc_kernel_version = "6.7")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.7"
    };
}
#[cfg(kfunc_kernel_version = "6.8")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.8"
    };
}
#[cfg(kfunc_kernel_version = "6.9")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.9"
    };
}
#[cfg(kfunc_kernel_version = "6.10")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.10"
    };
}
#[cfg(kfunc_kernel_version = "6.11")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.11"
    };
}
#[cfg(kfunc_kernel_version = "6.12")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.12"
    };
}
#[cfg(kfunc_kernel_version = "6.13")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.13"
    };
}
#[cfg(kfunc_kernel_version = "6.14")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.14"
    };
}
#[cfg(kfunc_kernel_version = "6.15")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.15"
    };
}
#[cfg(kfunc_kernel_version = "6.16")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.16"
    };
}
#[cfg(kfunc_kernel_version = "6.17")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.17"
    };
}
#[cfg(kfunc_kernel_version = "6.18")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.18"
    };
}
#[cfg(kfunc_kernel_version = "6.19")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "6.19"
    };
}
#[cfg(kfunc_kernel_version = "7.0")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.0"
    };
}
#[cfg(kfunc_kernel_version = "7.1")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.1"
    };
}
#[cfg(kfunc_kernel_version = "7.2")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.2"
    };
}
#[cfg(kfunc_kernel_version = "7.3")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.3"
    };
}
#[cfg(kfunc_kernel_version = "7.4")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.4"
    };
}
#[cfg(kfunc_kernel_version = "7.5")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.5"
    };
}
#[cfg(kfunc_kernel_version = "7.6")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.6"
    };
}
#[cfg(kfunc_kernel_version = "7.7")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.7"
    };
}
#[cfg(kfunc_kernel_version = "7.8")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.8"
    };
}
#[cfg(kfunc_kernel_version = "7.9")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.9"
    };
}
#[cfg(kfunc_kernel_version = "7.10")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.10"
    };
}
#[cfg(kfunc_kernel_version = "7.11")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.11"
    };
}
#[cfg(kfunc_kernel_version = "7.12")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.12"
    };
}
#[cfg(kfunc_kernel_version = "7.13")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.13"
    };
}
#[cfg(kfunc_kernel_version = "7.14")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.14"
    };
}
#[cfg(kfunc_kernel_version = "7.15")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.15"
    };
}
#[cfg(kfunc_kernel_version = "7.16")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.16"
    };
}
#[cfg(kfunc_kernel_version = "7.17")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.17"
    };
}
#[cfg(kfunc_kernel_version = "7.18")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.18"
    };
}
#[cfg(kfunc_kernel_version = "7.19")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.19"
    };
}
#[cfg(kfunc_kernel_version = "7.20")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.20"
    };
}
#[cfg(kfunc_kernel_version = "7.21")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.21"
    };
}
#[cfg(kfunc_kernel_version = "7.22")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.22"
    };
}
#[cfg(kfunc_kernel_version = "7.23")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.23"
    };
}
#[cfg(kfunc_kernel_version = "7.24")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.24"
    };
}
#[cfg(kfunc_kernel_version = "7.25")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.25"
    };
}
#[cfg(kfunc_kernel_version = "7.26")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.26"
    };
}
#[cfg(kfunc_kernel_version = "7.27")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.27"
    };
}
#[cfg(kfunc_kernel_version = "7.28")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.28"
    };
}
#[cfg(kfunc_kernel_version = "7.29")]
#[doc(hidden)]
#[macro_export]
macro_rules! __kfunc_kernel_version {
    () => {
        "7.29"
    };
}
