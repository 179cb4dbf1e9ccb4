use super::*;
use std::string::String;
use std::vec::Vec;

#[test]
fn uapi_values() {
    // Written out from include/uapi/linux/bpf.h.
    assert_eq!(ProgType::Unspec as u32, 0);
    assert_eq!(ProgType::SchedCls as u32, 3);
    assert_eq!(ProgType::Xdp as u32, 6);
    assert_eq!(ProgType::SockOps as u32, 13);
    assert_eq!(ProgType::RawTracepoint as u32, 17);
    assert_eq!(ProgType::Tracing as u32, 26);
    assert_eq!(ProgType::StructOps as u32, 27);
    assert_eq!(ProgType::Lsm as u32, 29);
    assert_eq!(ProgType::Syscall as u32, 31);
    assert_eq!(ProgType::Netfilter as u32, 32);
    for (i, t) in ProgType::ALL.iter().enumerate() {
        assert_eq!(*t as usize, i);
        assert_eq!(ProgType::from_u32(i as u32), Some(*t));
        assert_eq!(ProgType::from_name(t.name()), Some(*t));
        assert_eq!(
            t.uapi_name()
                .strip_prefix("BPF_PROG_TYPE_")
                .unwrap()
                .to_lowercase(),
            t.name()
        );
    }
    assert_eq!(ProgType::from_u32(33), None);
    assert_eq!(ProgType::from_name("sched-cls"), None);
    assert_eq!(ProgType::Syscall.bit(), 1 << 31);
}

/// (program type, hook) pairs of bpf_prog_type_to_kfunc_hook() in Linux
/// 6.12's kernel/bpf/btf.c, copied by hand.
const LINUX_6_12: &[(ProgType, Hook)] = &[
    (ProgType::Unspec, Hook::Common),
    (ProgType::Xdp, Hook::Xdp),
    (ProgType::SchedCls, Hook::Tc),
    (ProgType::StructOps, Hook::StructOps),
    (ProgType::Tracing, Hook::Tracing),
    (ProgType::Tracepoint, Hook::Tracing),
    (ProgType::PerfEvent, Hook::Tracing),
    (ProgType::Lsm, Hook::Tracing),
    (ProgType::Syscall, Hook::Syscall),
    (ProgType::CgroupSkb, Hook::Cgroup),
    (ProgType::CgroupSock, Hook::Cgroup),
    (ProgType::CgroupDevice, Hook::Cgroup),
    (ProgType::CgroupSockAddr, Hook::Cgroup),
    (ProgType::CgroupSockopt, Hook::Cgroup),
    (ProgType::CgroupSysctl, Hook::Cgroup),
    (ProgType::SchedAct, Hook::SchedAct),
    (ProgType::SkSkb, Hook::SkSkb),
    (ProgType::SocketFilter, Hook::SocketFilter),
    (ProgType::LwtOut, Hook::Lwt),
    (ProgType::LwtIn, Hook::Lwt),
    (ProgType::LwtXmit, Hook::Lwt),
    (ProgType::LwtSeg6local, Hook::Lwt),
    (ProgType::Netfilter, Hook::Netfilter),
    (ProgType::Kprobe, Hook::Kprobe),
];

fn mapping(caps: HookCaps) -> Vec<(ProgType, Hook)> {
    ProgType::ALL
        .iter()
        .filter_map(|t| Some((*t, t.hook_for(caps)?)))
        .collect()
}

fn sorted(mut v: Vec<(ProgType, Hook)>) -> Vec<(ProgType, Hook)> {
    v.sort();
    v
}

#[test]
fn hooks_of_linux_6_12() {
    assert_eq!(mapping(HookCaps::LINUX_6_12), sorted(LINUX_6_12.to_vec()));
}

#[test]
fn hooks_of_linux_7_3() {
    let mut expected = LINUX_6_12.to_vec();
    expected.push((ProgType::RawTracepoint, Hook::Tracing));
    expected.push((ProgType::SockOps, Hook::Cgroup));
    assert_eq!(mapping(HookCaps::LINUX_7_3), sorted(expected));
}

#[test]
fn types_without_hook() {
    for t in [
        ProgType::SkMsg,
        ProgType::Ext,
        ProgType::SkLookup,
        ProgType::FlowDissector,
    ] {
        assert_eq!(t.hook_for(HookCaps::LINUX_7_3), None, "{t}");
    }
    // Without kernel information the mapping is the conservative one.
    #[cfg(not(kfunc_kernel_checked))]
    assert_eq!(HookCaps::BUILD, HookCaps::LINUX_6_12);
}

#[test]
fn hook_masks() {
    let tracing = ProgType::hook_mask(Hook::Tracing, HookCaps::LINUX_6_12);
    assert_eq!(
        tracing,
        ProgType::Tracing.bit()
            | ProgType::Tracepoint.bit()
            | ProgType::PerfEvent.bit()
            | ProgType::Lsm.bit()
    );
    assert_eq!(
        ProgType::hook_mask(Hook::Tracing, HookCaps::LINUX_7_3),
        tracing | ProgType::RawTracepoint.bit()
    );
    assert_eq!(ProgType::hook_mask(Hook::Common, HookCaps::LINUX_7_3), 1);
    assert_eq!(
        ProgType::hook_mask(Hook::Syscall, HookCaps::LINUX_7_3),
        1 << 31
    );
}

/// The kernel source tree of `version` (`KFUNC_LINUX_SRC_<6_12|7_3>`, else
/// the one `tests/kernel/build-kernel.sh` unpacks into `$KFUNC_CACHE/src`,
/// default `~/.cache/kfunc/src`). `scripts/test.sh` fetches both before the
/// host tests; a missing tree is a failure that says so, never a skip.
pub(crate) fn kernel_tree(version: &str) -> std::path::PathBuf {
    let var = std::format!("KFUNC_LINUX_SRC_{}", version.replace('.', "_"));
    let dir: std::path::PathBuf = std::env::var_os(var).map(Into::into).unwrap_or_else(|| {
        let cache = std::env::var_os("KFUNC_CACHE")
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache/kfunc"))
            })
            .expect("neither KFUNC_CACHE nor HOME is set");
        cache.join(std::format!("src/linux-source-{version}"))
    });
    assert!(
        dir.join("kernel/bpf/btf.c").exists(),
        "no Linux {version} source tree at {}: fetch it with `tests/kernel/build-kernel.sh {version}` \
         (scripts/test.sh does this before the host tests)",
        dir.display()
    );
    dir
}

fn parse_hook_switch(btf_c: &str) -> Vec<(String, String)> {
    let start = btf_c
        .find("static int bpf_prog_type_to_kfunc_hook")
        .expect("function present");
    let body = &btf_c[start..];
    let end = body.find("default:").expect("default case");
    let mut out = Vec::new();
    let mut pending = Vec::new();
    for line in body[..end].lines().map(str::trim) {
        if let Some(c) = line.strip_prefix("case BPF_PROG_TYPE_") {
            pending.push(String::from(c.trim_end_matches(':')));
        } else if let Some(h) = line.strip_prefix("return BTF_KFUNC_HOOK_") {
            for c in pending.drain(..) {
                out.push((c, String::from(h.trim_end_matches(';'))));
            }
        }
    }
    out
}

#[test]
fn matches_kernel_sources() {
    for (version, caps) in [("6.12", HookCaps::LINUX_6_12), ("7.3", HookCaps::LINUX_7_3)] {
        let dir = kernel_tree(version);
        let btf_c = std::fs::read_to_string(dir.join("kernel/bpf/btf.c")).unwrap();
        let mut from_source: Vec<(String, String)> = parse_hook_switch(&btf_c);
        from_source.sort();
        let mut ours: Vec<(String, String)> = mapping(caps)
            .into_iter()
            .map(|(t, h)| {
                (
                    String::from(t.uapi_name().strip_prefix("BPF_PROG_TYPE_").unwrap()),
                    String::from(h.name().strip_prefix("BTF_KFUNC_HOOK_").unwrap()),
                )
            })
            .collect();
        ours.sort();
        assert_eq!(ours, from_source, "Linux {version}");

        let uapi = std::fs::read_to_string(dir.join("include/uapi/linux/bpf.h")).unwrap();
        let start = uapi.find("enum bpf_prog_type {").unwrap();
        let names: Vec<&str> = uapi[start..]
            .lines()
            .skip(1)
            .map(|l| l.trim())
            .take_while(|l| !l.starts_with("__MAX_BPF_PROG_TYPE"))
            .filter_map(|l| l.split(',').next())
            .filter(|l| l.starts_with("BPF_PROG_TYPE_"))
            .collect();
        let ours: Vec<&str> = ProgType::ALL.iter().map(|t| t.uapi_name()).collect();
        assert_eq!(ours, names, "Linux {version} uapi enum");
    }
}
