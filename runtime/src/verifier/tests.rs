//! The model against the kernel sources it describes (both supported
//! trees, fetched by `scripts/test.sh` before the host tests): a name the
//! kernel interprets and the model does not know fails here.

use super::*;
use crate::prog_type::tests::kernel_tree;
use alloc::string::String;
use alloc::vec::Vec;

/// The string literals passed as the last argument of `call(` in `src`.
fn literal_args(src: &str, call: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find(call) {
        rest = &rest[at + call.len()..];
        let end = rest.find(')').unwrap_or(rest.len());
        let args = &rest[..end];
        if let Some(q) = args.rfind('"') {
            if let Some(open) = args[..q].rfind('"') {
                out.push(String::from(&args[open + 1..q]));
            }
        }
    }
    out
}

#[test]
fn every_suffix_the_verifier_reads_starts_with_the_mark() {
    for version in ["6.12", "7.3"] {
        let src =
            std::fs::read_to_string(kernel_tree(version).join("kernel/bpf/verifier.c")).unwrap();
        let suffixes = literal_args(&src, "btf_param_match_suffix(");
        assert!(
            suffixes.len() >= 10,
            "Linux {version}: found only {suffixes:?}"
        );
        for s in &suffixes {
            assert!(s.starts_with(SUFFIX_MARK), "Linux {version}: suffix {s:?}");
            assert!(
                param_name_problem(&std::format!("x{s}")).is_some(),
                "Linux {version}: a parameter named x{s} must be refused"
            );
        }
    }
}

#[test]
fn every_whole_parameter_name_the_verifier_reads_is_known() {
    for version in ["6.12", "7.3"] {
        let src =
            std::fs::read_to_string(kernel_tree(version).join("kernel/bpf/verifier.c")).unwrap();
        let names = literal_args(&src, "is_kfunc_arg_scalar_with_name(");
        assert!(!names.is_empty(), "Linux {version}");
        for n in &names {
            assert!(
                PARAM_NAMES_READ.contains(&n.as_str()),
                "Linux {version}: {n}"
            );
            assert!(param_name_problem(n).is_some());
        }
    }
}

#[test]
fn every_program_context_name_is_known() {
    for version in ["6.12", "7.3"] {
        let dir = kernel_tree(version);
        let types = std::fs::read_to_string(dir.join("include/linux/bpf_types.h")).unwrap();
        // BPF_PROG_TYPE(_id, _name, prog_ctx_type, kern_ctx_type), maybe
        // over several lines
        let mut n = 0;
        for entry in types.split("BPF_PROG_TYPE(").skip(1) {
            let args: Vec<&str> = entry.split(',').map(str::trim).collect();
            let ctx = args[2];
            if let Some(name) = ctx.strip_prefix("struct ") {
                assert!(
                    CTX_TYPE_NAMES.contains(&name),
                    "Linux {version}: context {name}"
                );
                assert!(struct_name_problem(name).is_some());
                n += 1;
            } else if ctx == "bpf_user_pt_regs_t" {
                assert!(CTX_TYPE_NAMES.contains(&ctx));
            }
        }
        assert!(n >= 10, "Linux {version}: parsed {n} context types");
        let btf = std::fs::read_to_string(dir.join("kernel/bpf/btf.c")).unwrap();
        let proj = &btf[btf
            .find("bool btf_is_projection_of")
            .expect("btf_is_projection_of")..];
        let proj = &proj[..proj.find("\n}").unwrap()];
        for line in proj.lines().filter(|l| l.contains("strcmp(tname")) {
            let name = line.split('"').nth(3).expect("a projected name");
            assert!(
                CTX_TYPE_NAMES.contains(&name),
                "Linux {version}: projection {name}"
            );
        }
    }
}

#[test]
fn the_marker_makes_a_struct_non_scalar_on_both_kernels() {
    // `__btf_type_is_scalar_struct` returns false for an array member with
    // no elements: the property the object marker relies on.
    for version in ["6.12", "7.3"] {
        let src =
            std::fs::read_to_string(kernel_tree(version).join("kernel/bpf/verifier.c")).unwrap();
        let f = &src[src.find("static bool __btf_type_is_scalar_struct").unwrap()..];
        let f = &f[..f.find("\n}").unwrap()];
        assert!(
            f.contains("if (!array->nelems)\n\t\t\t\treturn false;"),
            "Linux {version}:\n{f}"
        );
        // and data structs nest as deep as it recurses
        assert!(
            f.contains(&std::format!("if (rec >= {MAX_DATA_NESTING})")),
            "Linux {version}:\n{f}"
        );
    }
}

#[test]
fn every_companion_struct_suffix_starts_with_the_mark() {
    for version in ["6.12", "7.3"] {
        let src =
            std::fs::read_to_string(kernel_tree(version).join("kernel/bpf/verifier.c")).unwrap();
        let suffixes = literal_args(&src, "btf_nested_type_is_trusted(");
        assert!(suffixes.len() >= 3, "Linux {version}: {suffixes:?}");
        for s in &suffixes {
            assert!(s.starts_with(SUFFIX_MARK), "Linux {version}: {s}");
            assert!(struct_name_problem(&std::format!("DemoObj{s}")).is_some());
        }
    }
}

#[test]
fn names() {
    assert!(param_name_problem("len").is_none());
    assert!(param_name_problem("o__ign").is_some());
    assert!(param_name_problem("a__b__c").is_some());
    assert!(param_name_problem("__x").is_some());
    assert!(param_name_problem("rdwr_buf_size").is_some());
    assert!(param_name_problem("rdwr_buf_size2").is_none());
    assert!(struct_name_problem("DemoObj").is_none());
    assert!(struct_name_problem("xdp_md").is_some());
    assert!(struct_name_problem("__kfunc_object").is_some());
    assert!(struct_name_problem("DemoObj__safe_trusted").is_some());
}

#[test]
fn suffixes() {
    assert!(suffix_is_known(""));
    assert!(suffix_is_known("__sz"));
    assert!(suffix_is_known("__str__nullable"));
    assert!(!suffix_is_known("__sz__sz"));
    assert!(!suffix_is_known("__iter"));
    assert!(!suffix_is_known("sz"));
    assert!(!suffix_is_known("__"));
}
