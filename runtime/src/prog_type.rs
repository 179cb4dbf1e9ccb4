//! [`ProgType`]: the uapi `enum bpf_prog_type`, and its kfunc [`Hook`].

use core::fmt;

/// A BPF program type: the uapi `enum bpf_prog_type` (`include/uapi/linux/bpf.h`,
/// identical in Linux 6.12 and 7.3).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProgType {
    /// `BPF_PROG_TYPE_UNSPEC`.
    Unspec = 0,
    /// `BPF_PROG_TYPE_SOCKET_FILTER`.
    SocketFilter = 1,
    /// `BPF_PROG_TYPE_KPROBE`.
    Kprobe = 2,
    /// `BPF_PROG_TYPE_SCHED_CLS`.
    SchedCls = 3,
    /// `BPF_PROG_TYPE_SCHED_ACT`.
    SchedAct = 4,
    /// `BPF_PROG_TYPE_TRACEPOINT`.
    Tracepoint = 5,
    /// `BPF_PROG_TYPE_XDP`.
    Xdp = 6,
    /// `BPF_PROG_TYPE_PERF_EVENT`.
    PerfEvent = 7,
    /// `BPF_PROG_TYPE_CGROUP_SKB`.
    CgroupSkb = 8,
    /// `BPF_PROG_TYPE_CGROUP_SOCK`.
    CgroupSock = 9,
    /// `BPF_PROG_TYPE_LWT_IN`.
    LwtIn = 10,
    /// `BPF_PROG_TYPE_LWT_OUT`.
    LwtOut = 11,
    /// `BPF_PROG_TYPE_LWT_XMIT`.
    LwtXmit = 12,
    /// `BPF_PROG_TYPE_SOCK_OPS`.
    SockOps = 13,
    /// `BPF_PROG_TYPE_SK_SKB`.
    SkSkb = 14,
    /// `BPF_PROG_TYPE_CGROUP_DEVICE`.
    CgroupDevice = 15,
    /// `BPF_PROG_TYPE_SK_MSG`.
    SkMsg = 16,
    /// `BPF_PROG_TYPE_RAW_TRACEPOINT`.
    RawTracepoint = 17,
    /// `BPF_PROG_TYPE_CGROUP_SOCK_ADDR`.
    CgroupSockAddr = 18,
    /// `BPF_PROG_TYPE_LWT_SEG6LOCAL`.
    LwtSeg6local = 19,
    /// `BPF_PROG_TYPE_LIRC_MODE2`.
    LircMode2 = 20,
    /// `BPF_PROG_TYPE_SK_REUSEPORT`.
    SkReuseport = 21,
    /// `BPF_PROG_TYPE_FLOW_DISSECTOR`.
    FlowDissector = 22,
    /// `BPF_PROG_TYPE_CGROUP_SYSCTL`.
    CgroupSysctl = 23,
    /// `BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE`.
    RawTracepointWritable = 24,
    /// `BPF_PROG_TYPE_CGROUP_SOCKOPT`.
    CgroupSockopt = 25,
    /// `BPF_PROG_TYPE_TRACING`.
    Tracing = 26,
    /// `BPF_PROG_TYPE_STRUCT_OPS`.
    StructOps = 27,
    /// `BPF_PROG_TYPE_EXT`.
    Ext = 28,
    /// `BPF_PROG_TYPE_LSM`.
    Lsm = 29,
    /// `BPF_PROG_TYPE_SK_LOOKUP`.
    SkLookup = 30,
    /// `BPF_PROG_TYPE_SYSCALL`.
    Syscall = 31,
    /// `BPF_PROG_TYPE_NETFILTER`.
    Netfilter = 32,
}

/// A kfunc hook: the kernel's `enum btf_kfunc_hook` (`kernel/bpf/btf.c`).
/// A module registers at most one set per hook; every program type of a
/// hook sees the whole set registered for it.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hook {
    /// `BTF_KFUNC_HOOK_COMMON`: every program type.
    Common = 0,
    /// `BTF_KFUNC_HOOK_XDP`.
    Xdp = 1,
    /// `BTF_KFUNC_HOOK_TC`.
    Tc = 2,
    /// `BTF_KFUNC_HOOK_STRUCT_OPS`.
    StructOps = 3,
    /// `BTF_KFUNC_HOOK_TRACING`.
    Tracing = 4,
    /// `BTF_KFUNC_HOOK_SYSCALL`.
    Syscall = 5,
    /// `BTF_KFUNC_HOOK_CGROUP`.
    Cgroup = 7,
    /// `BTF_KFUNC_HOOK_SCHED_ACT`.
    SchedAct = 8,
    /// `BTF_KFUNC_HOOK_SK_SKB`.
    SkSkb = 9,
    /// `BTF_KFUNC_HOOK_SOCKET_FILTER`.
    SocketFilter = 10,
    /// `BTF_KFUNC_HOOK_LWT`.
    Lwt = 11,
    /// `BTF_KFUNC_HOOK_NETFILTER`.
    Netfilter = 12,
    /// `BTF_KFUNC_HOOK_KPROBE`.
    Kprobe = 13,
}

impl Hook {
    /// The kernel's name, e.g. `"BTF_KFUNC_HOOK_TRACING"`.
    pub const fn name(self) -> &'static str {
        match self {
            Hook::Common => "BTF_KFUNC_HOOK_COMMON",
            Hook::Xdp => "BTF_KFUNC_HOOK_XDP",
            Hook::Tc => "BTF_KFUNC_HOOK_TC",
            Hook::StructOps => "BTF_KFUNC_HOOK_STRUCT_OPS",
            Hook::Tracing => "BTF_KFUNC_HOOK_TRACING",
            Hook::Syscall => "BTF_KFUNC_HOOK_SYSCALL",
            Hook::Cgroup => "BTF_KFUNC_HOOK_CGROUP",
            Hook::SchedAct => "BTF_KFUNC_HOOK_SCHED_ACT",
            Hook::SkSkb => "BTF_KFUNC_HOOK_SK_SKB",
            Hook::SocketFilter => "BTF_KFUNC_HOOK_SOCKET_FILTER",
            Hook::Lwt => "BTF_KFUNC_HOOK_LWT",
            Hook::Netfilter => "BTF_KFUNC_HOOK_NETFILTER",
            Hook::Kprobe => "BTF_KFUNC_HOOK_KPROBE",
        }
    }
}

impl fmt::Display for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The parts of `bpf_prog_type_to_kfunc_hook()` that differ between kernels.
///
/// Linux 6.12 maps neither `RAW_TRACEPOINT` nor `SOCK_OPS` to a hook
/// (registering them fails with `-EINVAL`); 7.3 maps `RAW_TRACEPOINT` to the
/// tracing hook and `SOCK_OPS` to the cgroup hook. [`HookCaps::BUILD`] comes
/// from the kernel tree the crate is built against (`kbuild/kfunc.mk` passes
/// `--cfg kfunc_kernel_has="hook_raw_tracepoint"` / `"hook_sock_ops"` when
/// `kernel/bpf/btf.c` has those cases); without them the mapping is the
/// conservative 6.12 one, so a registration never silently lands on a hook
/// the program type does not use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HookCaps {
    /// `BPF_PROG_TYPE_RAW_TRACEPOINT` uses the tracing hook.
    pub raw_tracepoint: bool,
    /// `BPF_PROG_TYPE_SOCK_OPS` uses the cgroup hook.
    pub sock_ops: bool,
}

impl HookCaps {
    /// Linux 6.12's mapping.
    pub const LINUX_6_12: HookCaps = HookCaps {
        raw_tracepoint: false,
        sock_ops: false,
    };
    /// Linux 7.3's mapping.
    pub const LINUX_7_3: HookCaps = HookCaps {
        raw_tracepoint: true,
        sock_ops: true,
    };
    /// The mapping of the kernel this crate was built for (see the type's docs).
    pub const BUILD: HookCaps = HookCaps {
        raw_tracepoint: cfg!(kfunc_kernel_has = "hook_raw_tracepoint"),
        sock_ops: cfg!(kfunc_kernel_has = "hook_sock_ops"),
    };
}

impl ProgType {
    /// Every program type, in uapi order (`ALL[n] as u32 == n`).
    pub const ALL: [ProgType; 33] = [
        ProgType::Unspec,
        ProgType::SocketFilter,
        ProgType::Kprobe,
        ProgType::SchedCls,
        ProgType::SchedAct,
        ProgType::Tracepoint,
        ProgType::Xdp,
        ProgType::PerfEvent,
        ProgType::CgroupSkb,
        ProgType::CgroupSock,
        ProgType::LwtIn,
        ProgType::LwtOut,
        ProgType::LwtXmit,
        ProgType::SockOps,
        ProgType::SkSkb,
        ProgType::CgroupDevice,
        ProgType::SkMsg,
        ProgType::RawTracepoint,
        ProgType::CgroupSockAddr,
        ProgType::LwtSeg6local,
        ProgType::LircMode2,
        ProgType::SkReuseport,
        ProgType::FlowDissector,
        ProgType::CgroupSysctl,
        ProgType::RawTracepointWritable,
        ProgType::CgroupSockopt,
        ProgType::Tracing,
        ProgType::StructOps,
        ProgType::Ext,
        ProgType::Lsm,
        ProgType::SkLookup,
        ProgType::Syscall,
        ProgType::Netfilter,
    ];

    /// The program type with uapi value `v`.
    pub const fn from_u32(v: u32) -> Option<ProgType> {
        if (v as usize) < Self::ALL.len() {
            Some(Self::ALL[v as usize])
        } else {
            None
        }
    }

    /// The snake-case spelling used in `#[kfunc(prog_types(...))]`, e.g. `"sched_cls"`.
    pub const fn name(self) -> &'static str {
        match self {
            ProgType::Unspec => "unspec",
            ProgType::SocketFilter => "socket_filter",
            ProgType::Kprobe => "kprobe",
            ProgType::SchedCls => "sched_cls",
            ProgType::SchedAct => "sched_act",
            ProgType::Tracepoint => "tracepoint",
            ProgType::Xdp => "xdp",
            ProgType::PerfEvent => "perf_event",
            ProgType::CgroupSkb => "cgroup_skb",
            ProgType::CgroupSock => "cgroup_sock",
            ProgType::LwtIn => "lwt_in",
            ProgType::LwtOut => "lwt_out",
            ProgType::LwtXmit => "lwt_xmit",
            ProgType::SockOps => "sock_ops",
            ProgType::SkSkb => "sk_skb",
            ProgType::CgroupDevice => "cgroup_device",
            ProgType::SkMsg => "sk_msg",
            ProgType::RawTracepoint => "raw_tracepoint",
            ProgType::CgroupSockAddr => "cgroup_sock_addr",
            ProgType::LwtSeg6local => "lwt_seg6local",
            ProgType::LircMode2 => "lirc_mode2",
            ProgType::SkReuseport => "sk_reuseport",
            ProgType::FlowDissector => "flow_dissector",
            ProgType::CgroupSysctl => "cgroup_sysctl",
            ProgType::RawTracepointWritable => "raw_tracepoint_writable",
            ProgType::CgroupSockopt => "cgroup_sockopt",
            ProgType::Tracing => "tracing",
            ProgType::StructOps => "struct_ops",
            ProgType::Ext => "ext",
            ProgType::Lsm => "lsm",
            ProgType::SkLookup => "sk_lookup",
            ProgType::Syscall => "syscall",
            ProgType::Netfilter => "netfilter",
        }
    }

    /// The program type for a `prog_types(...)` spelling.
    pub fn from_name(name: &str) -> Option<ProgType> {
        Self::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// The uapi name, e.g. `"BPF_PROG_TYPE_SCHED_CLS"`.
    pub const fn uapi_name(self) -> &'static str {
        match self {
            ProgType::Unspec => "BPF_PROG_TYPE_UNSPEC",
            ProgType::SocketFilter => "BPF_PROG_TYPE_SOCKET_FILTER",
            ProgType::Kprobe => "BPF_PROG_TYPE_KPROBE",
            ProgType::SchedCls => "BPF_PROG_TYPE_SCHED_CLS",
            ProgType::SchedAct => "BPF_PROG_TYPE_SCHED_ACT",
            ProgType::Tracepoint => "BPF_PROG_TYPE_TRACEPOINT",
            ProgType::Xdp => "BPF_PROG_TYPE_XDP",
            ProgType::PerfEvent => "BPF_PROG_TYPE_PERF_EVENT",
            ProgType::CgroupSkb => "BPF_PROG_TYPE_CGROUP_SKB",
            ProgType::CgroupSock => "BPF_PROG_TYPE_CGROUP_SOCK",
            ProgType::LwtIn => "BPF_PROG_TYPE_LWT_IN",
            ProgType::LwtOut => "BPF_PROG_TYPE_LWT_OUT",
            ProgType::LwtXmit => "BPF_PROG_TYPE_LWT_XMIT",
            ProgType::SockOps => "BPF_PROG_TYPE_SOCK_OPS",
            ProgType::SkSkb => "BPF_PROG_TYPE_SK_SKB",
            ProgType::CgroupDevice => "BPF_PROG_TYPE_CGROUP_DEVICE",
            ProgType::SkMsg => "BPF_PROG_TYPE_SK_MSG",
            ProgType::RawTracepoint => "BPF_PROG_TYPE_RAW_TRACEPOINT",
            ProgType::CgroupSockAddr => "BPF_PROG_TYPE_CGROUP_SOCK_ADDR",
            ProgType::LwtSeg6local => "BPF_PROG_TYPE_LWT_SEG6LOCAL",
            ProgType::LircMode2 => "BPF_PROG_TYPE_LIRC_MODE2",
            ProgType::SkReuseport => "BPF_PROG_TYPE_SK_REUSEPORT",
            ProgType::FlowDissector => "BPF_PROG_TYPE_FLOW_DISSECTOR",
            ProgType::CgroupSysctl => "BPF_PROG_TYPE_CGROUP_SYSCTL",
            ProgType::RawTracepointWritable => "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE",
            ProgType::CgroupSockopt => "BPF_PROG_TYPE_CGROUP_SOCKOPT",
            ProgType::Tracing => "BPF_PROG_TYPE_TRACING",
            ProgType::StructOps => "BPF_PROG_TYPE_STRUCT_OPS",
            ProgType::Ext => "BPF_PROG_TYPE_EXT",
            ProgType::Lsm => "BPF_PROG_TYPE_LSM",
            ProgType::SkLookup => "BPF_PROG_TYPE_SK_LOOKUP",
            ProgType::Syscall => "BPF_PROG_TYPE_SYSCALL",
            ProgType::Netfilter => "BPF_PROG_TYPE_NETFILTER",
        }
    }

    /// This program type's bit in a `prog_types` mask.
    pub const fn bit(self) -> u64 {
        1 << self as u32
    }

    /// The kfunc hook of this program type on the kernel the crate is built
    /// for ([`HookCaps::BUILD`]); `None` if registering for it would fail.
    pub const fn hook(self) -> Option<Hook> {
        self.hook_for(HookCaps::BUILD)
    }

    /// `bpf_prog_type_to_kfunc_hook()` of `kernel/bpf/btf.c` with the
    /// per-kernel differences given by `caps`.
    pub const fn hook_for(self, caps: HookCaps) -> Option<Hook> {
        use ProgType::*;
        Some(match self {
            Unspec => Hook::Common,
            Xdp => Hook::Xdp,
            SchedCls => Hook::Tc,
            StructOps => Hook::StructOps,
            Tracing | Tracepoint | PerfEvent | Lsm => Hook::Tracing,
            RawTracepoint if caps.raw_tracepoint => Hook::Tracing,
            Syscall => Hook::Syscall,
            CgroupSkb | CgroupSock | CgroupDevice | CgroupSockAddr | CgroupSockopt
            | CgroupSysctl => Hook::Cgroup,
            SockOps if caps.sock_ops => Hook::Cgroup,
            SchedAct => Hook::SchedAct,
            SkSkb => Hook::SkSkb,
            SocketFilter => Hook::SocketFilter,
            LwtOut | LwtIn | LwtXmit | LwtSeg6local => Hook::Lwt,
            Netfilter => Hook::Netfilter,
            Kprobe => Hook::Kprobe,
            _ => return None,
        })
    }

    /// The mask of every program type that shares `hook` under `caps`.
    pub const fn hook_mask(hook: Hook, caps: HookCaps) -> u64 {
        let mut mask = 0;
        let mut i = 0;
        while i < Self::ALL.len() {
            if let Some(h) = Self::ALL[i].hook_for(caps) {
                if h as u32 == hook as u32 {
                    mask |= Self::ALL[i].bit();
                }
            }
            i += 1;
        }
        mask
    }
}

impl fmt::Display for ProgType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.uapi_name())
    }
}

#[cfg(test)]
pub(crate) mod tests;
