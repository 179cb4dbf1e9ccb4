//! What the BPF verifier reads from a kfunc's BTF beyond its types: the
//! model `#[kfunc]` and `kfunc-btf` both check kfuncs against.
//!
//! The verifier does not only check an argument against its BTF type; it
//! gives meaning to *names* (parameter-name suffixes, whole parameter
//! names, struct names) and to the *shape* of a struct. A name or shape
//! the module did not mean would change what the verifier lets a program
//! pass, behind a safe Rust signature. The rules below are the union over
//! the supported kernels (Linux 6.12 and 7.3); the host tests derive the
//! kernel's lists from both source trees (`kernel/bpf/verifier.c`,
//! `include/linux/bpf_types.h`) and fail if a list here misses a name.
//!
//! - **Parameter names**: the verifier matches suffixes (`__sz`, `__k`,
//!   `__ign`, `__nullable`, `__str`, `__map`, `__uninit`, `__iter`, ... on
//!   6.12 also `__opt`) with `btf_param_match_suffix`, and two whole names
//!   (`rdonly_buf_size`, `rdwr_buf_size`) with
//!   `is_kfunc_arg_scalar_with_name`. A Rust parameter name may contain
//!   neither: every suffix starts with [`SUFFIX_MARK`], so no name with it
//!   is accepted, and annotations are asked for with `#[arg(...)]`, which
//!   the macro turns into exactly the suffixes it checked.
//! - **Struct names**: `btf_is_prog_ctx_type` treats a pointer to a struct
//!   named like a program's context type ([`CTX_TYPE_NAMES`]) as the
//!   program's context and passes the kernel's own context object for it;
//!   and a struct named `<struct>__safe_trusted` (`__safe_rcu`, `_or_null`)
//!   makes the pointer fields it lists trusted when a program walks them
//!   from a `<struct>`. A module struct may carry neither kind of name.
//! - **Struct shape**: for a pointer to a struct whose members are all
//!   scalars (`__btf_type_is_scalar_struct`), the verifier accepts any
//!   readable memory of the struct's size (the program's stack, a map
//!   value, packet data, a ringbuf record) in place of an object. Every
//!   module struct `kfunc-btf` writes therefore ends with the zero-length
//!   array [`OBJECT_MARKER`] (`u8 __kfunc_object[0]`): a struct with a
//!   zero-length array is not a "scalar struct", so the verifier demands a
//!   pointer with the struct's own BTF id (an object an acquire kfunc
//!   returned, a kptr, a trusted argument) for every `T *` parameter, and
//!   the size of the struct and every field offset stay as they were.
//!   BPF programs still read the fields (`btf_struct_access` walks them);
//!   reading past the end stays refused, because the marker's element is
//!   not a struct.

/// Every parameter-name suffix the verifier interprets starts with this.
pub const SUFFIX_MARK: &str = "__";

/// Whole parameter names the verifier interprets (Linux 6.12 and 7.3): a
/// scalar so named is the size of the memory a pointer return gives the
/// program.
pub const PARAM_NAMES_READ: &[&str] = &["rdonly_buf_size", "rdwr_buf_size"];

/// Struct names the verifier takes for a program's context
/// (`btf_is_prog_ctx_type`: the context types of
/// `include/linux/bpf_types.h`, the two kernel types `btf_is_projection_of`
/// accepts for them, and the structs `bpf_user_pt_regs_t` names on x86_64
/// and arm64).
pub const CTX_TYPE_NAMES: &[&str] = &[
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

/// The member `kfunc-btf` appends to every module struct: a zero-length
/// array of `u8` at the struct's end, which makes the verifier require a
/// pointer to the object itself (see the module documentation).
pub const OBJECT_MARKER: &str = "__kfunc_object";

/// How deep data structs (`#[btf(data)]`) may nest inside each other:
/// `__btf_type_is_scalar_struct` gives up ("max struct nesting depth
/// exceeded") below three levels of nested structs.
pub const MAX_DATA_NESTING: usize = 3;

/// The `#[arg(...)]` annotations and the parameter-name suffixes they
/// become (`__<name>`); `nullable` also comes from `Option<&T>`. A stub
/// suffix is a concatenation of these.
pub const ANNOTATIONS: &[&str] = &[
    "sz",
    "szk",
    "k",
    "ign",
    "uninit",
    "opt",
    "nullable",
    "str",
    "map",
    "refcounted_kptr",
    "alloc",
    "irq_flag",
    "arena",
    "const_map",
    "nonown_allowed",
];

/// Why the verifier would read `name`, a kfunc parameter's name (without
/// the suffix the annotations add), as more than a name; `None` if it
/// would not.
pub fn param_name_problem(name: &str) -> Option<&'static str> {
    if name.contains(SUFFIX_MARK) {
        return Some(
            "the verifier reads parameter-name suffixes that start with `__` (`__sz`, `__k`, \
             `__ign`, `__nullable`, ...) as instructions for checking the argument",
        );
    }
    if PARAM_NAMES_READ.contains(&name) {
        return Some(
            "the verifier reads a parameter of this name as the size of the memory the \
             kfunc's pointer return gives the program",
        );
    }
    None
}

/// Why the verifier would read `name`, a module struct's name, as more
/// than a name; `None` if it would not. (The object marker's own name has
/// `__` in it, so no struct can take it.)
pub fn struct_name_problem(name: &str) -> Option<&'static str> {
    if name.contains(SUFFIX_MARK) {
        return Some(
            "the verifier looks up structs named `<struct>__safe_trusted`, `__safe_rcu`, ... \
             to decide which pointer fields of `<struct>` a program may walk as trusted",
        );
    }
    if CTX_TYPE_NAMES.contains(&name) {
        return Some(
            "the verifier takes a pointer to a struct of this name for the program's \
             context and passes the kernel's own context object for it",
        );
    }
    None
}

/// Whether `suffix` (a stub parameter's BTF name suffix) is a sequence of
/// `__<annotation>` with known annotations, each at most once.
pub fn suffix_is_known(suffix: &str) -> bool {
    if suffix.is_empty() {
        return true;
    }
    let Some(rest) = suffix.strip_prefix(SUFFIX_MARK) else {
        return false;
    };
    let mut seen = [false; ANNOTATIONS.len()];
    for part in rest.split(SUFFIX_MARK) {
        match ANNOTATIONS.iter().position(|a| *a == part) {
            Some(i) if !seen[i] => seen[i] = true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests;
