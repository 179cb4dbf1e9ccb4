//! Writes the capability gate `__kfunc_gate!` (docs/CONTRACT.md, "Kernel
//! capability cfgs"). Shared by `build.rs` and the crate's unit tests.
//!
//! `kbuild/kfunc.mk` builds this crate with `KFUNC_KERNEL_VERSION` (e.g.
//! `6.12`) and `KFUNC_KERNEL_CAPS` (the flags, parameter annotations and
//! hooks the kernel tree knows, space separated). The gate then expands to
//! nothing for a supported name and to a `compile_error!` naming the option
//! and the kernel for any other. Without those variables (host builds) every
//! name is accepted.

/// Every name `#[kfunc]` may ask the gate about, with the error for a kernel
/// that lacks it (`{v}` = the kernel version).
pub const CAPS: &[(&str, &str)] = &[
    ("acquire", "`acquire` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_ACQUIRE"),
    ("release", "`release` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_RELEASE"),
    ("ret_null", "`ret_null` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_RET_NULL"),
    ("trusted_args", "`trusted_args` was removed in Linux 7.0: trusted arguments are the default, drop it (this kernel is Linux {v})"),
    ("sleepable", "`sleepable` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_SLEEPABLE"),
    ("destructive", "`destructive` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_DESTRUCTIVE"),
    ("rcu", "`rcu` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_RCU"),
    ("iter_new", "`iter_new` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_ITER_NEW"),
    ("iter_next", "`iter_next` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_ITER_NEXT"),
    ("iter_destroy", "`iter_destroy` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_ITER_DESTROY"),
    ("rcu_protected", "`rcu_protected` is not supported by this kernel (Linux {v}): its include/linux/btf.h has no KF_RCU_PROTECTED"),
    ("fastcall", "`fastcall` needs a newer kernel: KF_FASTCALL is not in this kernel's include/linux/btf.h (this kernel is Linux {v}; Linux 7.3 has it)"),
    ("arena_ret", "`arena_ret` needs a newer kernel: KF_ARENA_RET is not in this kernel's include/linux/btf.h (this kernel is Linux {v}; Linux 7.3 has it)"),
    ("arena_arg1", "`arena_arg1` needs a newer kernel: KF_ARENA_ARG1 is not in this kernel's include/linux/btf.h (this kernel is Linux {v}; Linux 7.3 has it)"),
    ("arena_arg2", "`arena_arg2` needs a newer kernel: KF_ARENA_ARG2 is not in this kernel's include/linux/btf.h (this kernel is Linux {v}; Linux 7.3 has it)"),
    ("implicit_args", "`implicit_args` needs Linux 7.0 or newer (KF_IMPLICIT_ARGS); this kernel is Linux {v}"),
    ("spinlock_safe", "`spinlock_safe` needs a newer kernel: KF_SPINLOCK_SAFE is not in this kernel's include/linux/btf.h (this kernel is Linux {v}; Linux 7.3 has it)"),
    ("perfmon", "`perfmon` needs a newer kernel: KF_PERFMON is not in this kernel's include/linux/btf.h (this kernel is Linux {v}; Linux 7.3 has it)"),
    ("arg_sz", "`#[arg(sz)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__sz` parameter suffix"),
    ("arg_szk", "`#[arg(szk)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__szk` parameter suffix"),
    ("arg_k", "`#[arg(k)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__k` parameter suffix"),
    ("arg_ign", "`#[arg(ign)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__ign` parameter suffix"),
    ("arg_uninit", "`#[arg(uninit)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__uninit` parameter suffix"),
    ("arg_opt", "`#[arg(opt)]` is not supported by this kernel (Linux {v}): its verifier no longer knows `__opt`; use `#[arg(nullable)]` (`__nullable`)"),
    ("arg_nullable", "`#[arg(nullable)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__nullable` parameter suffix"),
    ("arg_str", "`#[arg(str)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__str` parameter suffix"),
    ("arg_map", "`#[arg(map)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__map` parameter suffix"),
    ("arg_refcounted_kptr", "`#[arg(refcounted_kptr)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__refcounted_kptr` parameter suffix"),
    ("arg_alloc", "`#[arg(alloc)]` is not supported by this kernel (Linux {v}): its verifier does not know the `__alloc` parameter suffix"),
    ("arg_irq_flag", "`#[arg(irq_flag)]` needs a newer kernel: the verifier of this kernel (Linux {v}) does not know the `__irq_flag` parameter suffix (Linux 7.3 does)"),
    ("arg_arena", "`#[arg(arena)]` needs a newer kernel: the verifier of this kernel (Linux {v}) does not know the `__arena` parameter suffix (Linux 7.3 does)"),
    ("arg_const_map", "`#[arg(const_map)]` needs a newer kernel: the verifier of this kernel (Linux {v}) does not know the `__const_map` parameter suffix (Linux 7.3 does)"),
    ("arg_nonown_allowed", "`#[arg(nonown_allowed)]` needs a newer kernel: the verifier of this kernel (Linux {v}) does not know the `__nonown_allowed` parameter suffix (Linux 7.3 does)"),
];

/// What the kernel being built for knows, from the build environment.
pub struct Kernel<'a> {
    /// `<major>.<minor>`.
    pub version: &'a str,
    /// Capability names (flags, `arg_*` annotations, `hook_*` hooks).
    pub caps: Vec<&'a str>,
}

/// The Rust source of `__kfunc_gate!`: for `None` (host builds) every name
/// is accepted.
pub fn gate_source(kernel: Option<&Kernel<'_>>) -> String {
    let mut out = String::from(
        "/// Checks at compile time that the target kernel supports a kfunc option.\n\
         /// Generated by build.rs; used only by generated code.\n\
         #[doc(hidden)]\n#[macro_export]\nmacro_rules! __kfunc_gate {\n",
    );
    for (name, message) in CAPS {
        match kernel {
            Some(k) if !k.caps.contains(name) => {
                let message = message.replace("{v}", k.version);
                out.push_str(&format!(
                    "    ({name}) => {{ ::core::compile_error! {{ {message:?} }} }};\n"
                ));
            }
            _ => out.push_str(&format!("    ({name}) => {{}};\n")),
        }
    }
    out.push_str(
        "    ($other:ident) => { ::core::compile_error! { ::core::concat!(\n\
         \x20       \"kfunc: unknown capability `\", ::core::stringify!($other),\n\
         \x20       \"` (the kfunc-macros and kfunc crates do not match)\"\n\
         \x20   ) } };\n}\n",
    );
    out
}
