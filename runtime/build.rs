//! Generates the capability gate from what `kbuild/kfunc.mk` says about the
//! kernel tree (see `build/gate.rs`), and passes the same facts to this
//! crate's code as cfgs (`kfunc_kernel_checked`, `kfunc_kernel_has`).

#[path = "build/gate.rs"]
mod gate;

fn main() {
    println!("cargo::rerun-if-env-changed=KFUNC_KERNEL_VERSION");
    println!("cargo::rerun-if-env-changed=KFUNC_KERNEL_CAPS");
    println!("cargo::rerun-if-changed=build/gate.rs");
    let version = std::env::var("KFUNC_KERNEL_VERSION").ok();
    let caps = std::env::var("KFUNC_KERNEL_CAPS").ok();
    let kernel = match (&version, &caps) {
        (Some(version), Some(caps)) => Some(gate::Kernel {
            version,
            caps: caps.split_whitespace().collect(),
        }),
        (None, None) => None,
        _ => panic!("kfunc: set both KFUNC_KERNEL_VERSION and KFUNC_KERNEL_CAPS, or neither"),
    };
    if let Some(k) = &kernel {
        println!("cargo::rustc-cfg=kfunc_kernel_checked");
        for cap in &k.caps {
            println!("cargo::rustc-cfg=kfunc_kernel_has=\"{cap}\"");
        }
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("gate.rs"), gate::gate_source(kernel.as_ref()))
        .expect("kfunc: cannot write the generated gate");
}
