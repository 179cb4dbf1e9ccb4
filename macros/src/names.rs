//! The vocabulary of the attribute: flag names and bits, parameter
//! annotations, program types. Every table here mirrors the kernel (see
//! `docs/CONTRACT.md`); the bits are the upstream `KF_*` values.

/// A `KF_*` flag as spelled in `#[kfunc(...)]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Flag {
    /// Attribute spelling, also the gate name.
    pub(crate) name: &'static str,
    /// The upstream bit.
    pub(crate) bit: u32,
}

/// `KF_ACQUIRE`.
pub(crate) const ACQUIRE: u32 = 1 << 0;
/// `KF_RELEASE`.
pub(crate) const RELEASE: u32 = 1 << 1;
/// `KF_RET_NULL`.
pub(crate) const RET_NULL: u32 = 1 << 2;
/// `KF_TRUSTED_ARGS` (removed in Linux 7.0, where it is the default).
pub(crate) const TRUSTED_ARGS: u32 = 1 << 4;
/// `KF_RCU`.
pub(crate) const RCU: u32 = 1 << 7;
/// `KF_FASTCALL`.
pub(crate) const FASTCALL: u32 = 1 << 12;
/// `KF_ITER_NEW`.
pub(crate) const ITER_NEW: u32 = 1 << 8;
/// `KF_ITER_NEXT`.
pub(crate) const ITER_NEXT: u32 = 1 << 9;
/// `KF_ITER_DESTROY`.
pub(crate) const ITER_DESTROY: u32 = 1 << 10;
/// `KF_IMPLICIT_ARGS`.
pub(crate) const IMPLICIT_ARGS: u32 = 1 << 16;

/// Every flag the attribute knows, in bit order.
pub(crate) const FLAGS: &[Flag] = &[
    Flag {
        name: "acquire",
        bit: ACQUIRE,
    },
    Flag {
        name: "release",
        bit: RELEASE,
    },
    Flag {
        name: "ret_null",
        bit: RET_NULL,
    },
    Flag {
        name: "trusted_args",
        bit: TRUSTED_ARGS,
    },
    Flag {
        name: "sleepable",
        bit: 1 << 5,
    },
    Flag {
        name: "destructive",
        bit: 1 << 6,
    },
    Flag {
        name: "rcu",
        bit: RCU,
    },
    Flag {
        name: "iter_new",
        bit: ITER_NEW,
    },
    Flag {
        name: "iter_next",
        bit: ITER_NEXT,
    },
    Flag {
        name: "iter_destroy",
        bit: ITER_DESTROY,
    },
    Flag {
        name: "rcu_protected",
        bit: 1 << 11,
    },
    Flag {
        name: "fastcall",
        bit: FASTCALL,
    },
    Flag {
        name: "arena_ret",
        bit: 1 << 13,
    },
    Flag {
        name: "arena_arg1",
        bit: 1 << 14,
    },
    Flag {
        name: "arena_arg2",
        bit: 1 << 15,
    },
    Flag {
        name: "implicit_args",
        bit: IMPLICIT_ARGS,
    },
    Flag {
        name: "spinlock_safe",
        bit: 1 << 17,
    },
    Flag {
        name: "perfmon",
        bit: 1 << 18,
    },
];

/// Looks a flag up by its attribute spelling.
pub(crate) fn flag(name: &str) -> Option<Flag> {
    FLAGS.iter().copied().find(|f| f.name == name)
}

/// What kind of parameter a `#[arg(..)]` annotation belongs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Wants {
    /// A pointer, reference or `Option<&T>`.
    Pointer,
    /// An integer.
    Integer,
    /// Any type.
    Any,
}

/// A parameter annotation: `#[arg(<name>)]` becomes the BTF suffix `__<name>`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Annotation {
    /// Spelling inside `#[arg(..)]` and in the BTF suffix.
    pub(crate) name: &'static str,
    /// The parameter type it needs.
    pub(crate) wants: Wants,
    /// What the verifier does with it, for error messages.
    pub(crate) meaning: &'static str,
}

/// Every annotation the attribute knows.
pub(crate) const ANNOTATIONS: &[Annotation] = &[
    Annotation {
        name: "sz",
        wants: Wants::Integer,
        meaning: "the size of the memory the previous pointer parameter points to",
    },
    Annotation {
        name: "szk",
        wants: Wants::Integer,
        meaning: "the constant size of the memory the previous pointer parameter points to",
    },
    Annotation {
        name: "k",
        wants: Wants::Integer,
        meaning: "a known constant",
    },
    Annotation {
        name: "ign",
        wants: Wants::Any,
        meaning: "ignored by the verifier",
    },
    Annotation {
        name: "uninit",
        wants: Wants::Pointer,
        meaning: "points to uninitialized memory",
    },
    Annotation {
        name: "opt",
        wants: Wants::Pointer,
        meaning: "an optional buffer",
    },
    Annotation {
        name: "nullable",
        wants: Wants::Pointer,
        meaning: "may be NULL",
    },
    Annotation {
        name: "str",
        wants: Wants::Pointer,
        meaning: "a constant string",
    },
    Annotation {
        name: "map",
        wants: Wants::Pointer,
        meaning: "a BPF map",
    },
    Annotation {
        name: "refcounted_kptr",
        wants: Wants::Pointer,
        meaning: "a refcounted kptr",
    },
    Annotation {
        name: "alloc",
        wants: Wants::Pointer,
        meaning: "memory from bpf_obj_new",
    },
    Annotation {
        name: "irq_flag",
        wants: Wants::Pointer,
        meaning: "saved IRQ flags",
    },
    Annotation {
        name: "arena",
        wants: Wants::Pointer,
        meaning: "an arena pointer",
    },
    Annotation {
        name: "const_map",
        wants: Wants::Pointer,
        meaning: "a constant map",
    },
    Annotation {
        name: "nonown_allowed",
        wants: Wants::Pointer,
        meaning: "may be a non-owning reference",
    },
];

/// Looks an annotation up by its spelling.
pub(crate) fn annotation(name: &str) -> Option<Annotation> {
    ANNOTATIONS.iter().copied().find(|a| a.name == name)
}

/// `enum bpf_prog_type` (uapi `linux/bpf.h`), snake case without the prefix,
/// indexed by value. `unspec` (0) is not a limit and is refused.
pub(crate) const PROG_TYPES: &[&str] = &[
    "unspec",
    "socket_filter",
    "kprobe",
    "sched_cls",
    "sched_act",
    "tracepoint",
    "xdp",
    "perf_event",
    "cgroup_skb",
    "cgroup_sock",
    "lwt_in",
    "lwt_out",
    "lwt_xmit",
    "sock_ops",
    "sk_skb",
    "cgroup_device",
    "sk_msg",
    "raw_tracepoint",
    "cgroup_sock_addr",
    "lwt_seg6local",
    "lirc_mode2",
    "sk_reuseport",
    "flow_dissector",
    "cgroup_sysctl",
    "raw_tracepoint_writable",
    "cgroup_sockopt",
    "tracing",
    "struct_ops",
    "ext",
    "lsm",
    "sk_lookup",
    "syscall",
    "netfilter",
];

/// The `enum bpf_prog_type` value of a program type name.
pub(crate) fn prog_type(name: &str) -> Option<u32> {
    PROG_TYPES.iter().position(|p| *p == name).map(|i| i as u32)
}

/// `KSYM_NAME_LEN` in the kernel: symbol names are at most 511 bytes.
pub(crate) const KSYM_NAME_LEN: usize = 512;

/// The candidate closest to `word`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.len() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over bytes (all names here are ASCII).
fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// ` (did you mean `x`?)` or nothing.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match closest(word, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

/// The verifier's name rules, a copy of the runtime's model
/// (`runtime/src/verifier.rs`, which documents them and whose tests derive
/// them from the kernel sources; the test `model_matches_runtime` below
/// keeps the two equal): every parameter-name suffix the verifier reads
/// starts with `__`, ...
pub(crate) const SUFFIX_MARK: &str = "__";
/// ... these whole parameter names size a pointer return, ...
pub(crate) const PARAM_NAMES_READ: &[&str] = &["rdonly_buf_size", "rdwr_buf_size"];
/// ... and a struct of one of these names is a program's context.
pub(crate) const CTX_TYPE_NAMES: &[&str] = &[
    "__sk_buff",
    "sk_buff",
    "xdp_md",
    "xdp_buff",
    "bpf_sock",
    "bpf_sock_addr",
    "bpf_sock_ops",
    "sk_msg_md",
    "bpf_perf_event_data",
    "bpf_cgroup_dev_ctx",
    "bpf_sysctl",
    "bpf_sockopt",
    "sk_reuseport_md",
    "bpf_sk_lookup",
    "bpf_nf_ctx",
    "bpf_raw_tracepoint_args",
    "pt_regs",
    "user_pt_regs",
    "bpf_user_pt_regs_t",
];
/// The member `kfunc-btf` appends to every module struct.
pub(crate) const OBJECT_MARKER: &str = "__kfunc_object";

/// Why the verifier would read the parameter name `name` as an
/// instruction, or `None`.
pub(crate) fn param_name_problem(name: &str) -> Option<&'static str> {
    if name.contains(SUFFIX_MARK) {
        return Some("the verifier reads parameter-name suffixes that start with `__` (`__sz`, `__k`, `__ign`, `__nullable`, ...) as instructions for checking the argument");
    }
    if PARAM_NAMES_READ.contains(&name) {
        return Some("the verifier reads a parameter of this name as the size of the memory the kfunc's pointer return gives the program");
    }
    None
}

/// Why the verifier would read the struct name `name` as more than a
/// name, or `None`.
pub(crate) fn struct_name_problem(name: &str) -> Option<&'static str> {
    if name.contains(SUFFIX_MARK) {
        return Some("the verifier looks up structs named `<struct>__safe_trusted`, `__safe_rcu`, ... to decide which pointer fields of `<struct>` a program may walk as trusted");
    }
    if CTX_TYPE_NAMES.contains(&name) {
        return Some("the verifier takes a pointer to a struct of this name for the program's context and passes the kernel's own context object for it");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let flags = || FLAGS.iter().map(|f| f.name);
        assert_eq!(closest("aquire", flags()), Some("acquire"));
        assert_eq!(closest("retnull", flags()), Some("ret_null"));
        assert_eq!(closest("implicit_arg", flags()), Some("implicit_args"));
        assert_eq!(closest("banana", flags()), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    /// The copy above equals the runtime's model.
    #[test]
    fn model_matches_runtime() {
        let src = include_str!("../../runtime/src/verifier.rs");
        let list = |name: &str| -> Vec<String> {
            let start = src
                .find(&format!("pub const {name}: &[&str] = &["))
                .expect(name);
            let body = &src[start..];
            let body = &body[body.find('[').unwrap() + 1..body.find("];").unwrap()];
            body.split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(list("CTX_TYPE_NAMES"), CTX_TYPE_NAMES);
        assert_eq!(list("PARAM_NAMES_READ"), PARAM_NAMES_READ);
        assert!(src.contains(&format!("pub const SUFFIX_MARK: &str = \"{SUFFIX_MARK}\";")));
        assert!(src.contains(&format!(
            "pub const OBJECT_MARKER: &str = \"{OBJECT_MARKER}\";"
        )));
        let annotations = list("ANNOTATIONS");
        let ours: Vec<&str> = ANNOTATIONS.iter().map(|a| a.name).collect();
        assert_eq!(annotations, ours);
    }

    #[test]
    fn tables() {
        assert_eq!(prog_type("syscall"), Some(31));
        assert_eq!(prog_type("netfilter"), Some(32));
        assert_eq!(prog_type("xdp"), Some(6));
        assert_eq!(flag("perfmon").unwrap().bit, 1 << 18);
        assert_eq!(FLAGS.len(), 18);
        let mut seen = 0u32;
        for f in FLAGS {
            assert_eq!(seen & f.bit, 0, "{} reuses a bit", f.name);
            seen |= f.bit;
        }
    }
}
