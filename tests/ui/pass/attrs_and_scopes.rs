//! Attributes carried over, visibility, cfg, paths and scopes.
#![deny(warnings)]

/// No `use`: the attribute by path.
#[kfunc::kfunc(sleepable)]
pub fn bpf_s_by_path(x: u32) -> u32 {
    x
}

/// Documented, `must_use`, `cold`.
#[kfunc::kfunc]
#[cold]
#[must_use]
#[allow(clippy::needless_return)]
pub(crate) fn bpf_s_attrs(x: u32) -> u32 {
    return x;
}

#[cfg(any())]
#[kfunc::kfunc]
fn bpf_s_configured_out(x: u32) -> u32 {
    x
}

#[cfg(all())]
#[kfunc::kfunc]
fn bpf_s_configured_in(x: u32) -> u32 {
    x
}

mod nested {
    pub mod deeper {
        #[kfunc::kfunc]
        pub fn bpf_s_nested(x: u32) -> u32 {
            x
        }
    }
}

#[kfunc::kfunc]
fn r#bpf_s_raw(r#type: u32) -> u32 {
    r#type
}

fn main() {
    #[kfunc::kfunc]
    fn bpf_s_local(mut x: u32) -> u32 {
        x += 1;
        x
    }

    let _ = bpf_s_by_path(1) + bpf_s_attrs(2) + bpf_s_configured_in(3);
    let _ = nested::deeper::bpf_s_nested(4) + bpf_s_raw(5) + bpf_s_local(6);
}
