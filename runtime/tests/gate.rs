//! The capability gate's generator (`build/gate.rs`): what `__kfunc_gate!`
//! becomes for a host build and for the kernels kbuild describes.

#[path = "../build/gate.rs"]
mod generator;

use generator::{gate_source, Kernel, CAPS};

/// The one arm of the generated macro for `name`.
fn arm<'s>(src: &'s str, name: &str) -> &'s str {
    let start = src.find(&format!("    ({name}) =>")).expect("arm present");
    let line = &src[start..];
    &line[..line.find('\n').unwrap()]
}

#[test]
fn host_builds_accept_every_capability() {
    let src = gate_source(None);
    for (name, _) in CAPS {
        assert_eq!(arm(&src, name), format!("    ({name}) => {{}};"));
    }
}

#[test]
fn a_kernel_without_implicit_args_gets_an_error_naming_linux_7_0() {
    let k = Kernel {
        version: "6.12",
        caps: vec!["acquire", "trusted_args", "arg_opt"],
    };
    let src = gate_source(Some(&k));
    assert_eq!(arm(&src, "acquire"), "    (acquire) => {};");
    assert_eq!(arm(&src, "arg_opt"), "    (arg_opt) => {};");
    assert_eq!(
        arm(&src, "implicit_args"),
        "    (implicit_args) => { ::core::compile_error! { \"`implicit_args` needs Linux 7.0 or \
         newer (KF_IMPLICIT_ARGS); this kernel is Linux 6.12\" } };"
    );
}

#[test]
fn a_7x_kernel_refuses_trusted_args_and_opt() {
    let k = Kernel {
        version: "7.3",
        caps: vec!["implicit_args", "fastcall"],
    };
    let src = gate_source(Some(&k));
    assert!(arm(&src, "trusted_args").contains("was removed in Linux 7.0"));
    assert!(arm(&src, "arg_opt").contains("no longer knows `__opt`"));
    assert_eq!(arm(&src, "implicit_args"), "    (implicit_args) => {};");
}

#[test]
fn every_flag_of_the_runtime_has_a_gate() {
    for (name, _) in kfunc::flags::ALL {
        assert!(CAPS.iter().any(|(c, _)| *c == name), "no gate for {name}");
    }
}

#[test]
fn the_host_build_of_the_crate_accepts_every_option() {
    // This build set neither variable, so the crate's own generated gate is
    // the host one: these expand to nothing (a `compile_error!` would fail
    // this test's build).
    assert!(std::env::var_os("KFUNC_KERNEL_CAPS").is_none());
    kfunc::__kfunc_gate!(implicit_args);
    kfunc::__kfunc_gate!(trusted_args);
    kfunc::__kfunc_gate!(arg_irq_flag);
}
