//! The `KF_*` flags as `kfunc-btf` prints them. The bit values and names
//! are the runtime's ([`kfunc::flags`]): one table for the macro, the
//! runtime and this tool.

pub use kfunc::flags::*;

/// `KF_A | KF_B` (the kernel's spelling), `0` when empty; unknown bits as hex.
pub fn describe(flags: u32) -> String {
    let mut parts: Vec<String> = ALL
        .iter()
        .filter(|(_, bit)| flags & bit != 0)
        .map(|(name, _)| format!("KF_{}", name.to_ascii_uppercase()))
        .collect();
    if flags & !KNOWN != 0 {
        parts.push(format!("{:#x}", flags & !KNOWN));
    }
    if parts.is_empty() {
        "0".into()
    } else {
        parts.join(" | ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_in_kernel_spelling() {
        assert_eq!(describe(0), "0");
        assert_eq!(
            describe(KF_ACQUIRE | KF_RET_NULL),
            "KF_ACQUIRE | KF_RET_NULL"
        );
        assert_eq!(
            describe(KF_IMPLICIT_ARGS | 1 << 30),
            "KF_IMPLICIT_ARGS | 0x40000000"
        );
    }
}
