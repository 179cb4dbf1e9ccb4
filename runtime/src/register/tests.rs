use super::testing::{Call, RecordingBackend};
use super::*;
use crate::flags::{KF_ACQUIRE, KF_RELEASE, KF_RET_NULL, KF_SLEEPABLE};
use crate::prog_type::HookCaps;
use crate::set::{FlagEntry, ProgLimit, Set8, Set8Header};
use std::boxed::Box;
use std::string::ToString;
use std::vec::Vec;

fn module() -> *mut ffi::module {
    core::ptr::without_provenance_mut(0x1000)
}

/// A filled, contiguous table (what `kfunc-btf apply` leaves behind).
fn filled<const N: usize>(pairs: [(u32, u32); N]) -> Box<Set8<N>> {
    let mut set = Box::new(Set8::<N>::EMPTY);
    set.header.cnt = N as u32;
    for (i, (id, flags)) in pairs.into_iter().enumerate() {
        set.pairs[i] = FlagEntry { id, flags };
    }
    set
}

fn entries(pairs: &[(u32, u32)]) -> Vec<FlagEntry> {
    pairs
        .iter()
        .map(|&(id, flags)| FlagEntry { id, flags })
        .collect()
}

fn run(table: &Table<'_>, types: &[ProgType]) -> (Result<(), Error>, RecordingBackend) {
    run_caps(table, types, HookCaps::LINUX_7_3, RecordingBackend::new())
}

fn run_caps(
    table: &Table<'_>,
    types: &[ProgType],
    caps: HookCaps,
    mut backend: RecordingBackend,
) -> (Result<(), Error>, RecordingBackend) {
    let r = register_with_caps(&mut backend, table, module(), types, caps);
    (r, backend)
}

/// Asserts the error, that it was reported exactly once, and that nothing
/// was registered.
fn assert_rejected(table: &Table<'_>, types: &[ProgType], expected: Error) -> std::string::String {
    let (r, b) = run(table, types);
    assert_eq!(r, Err(expected));
    assert_eq!(
        b.calls,
        [],
        "nothing may be registered when validation fails"
    );
    assert_eq!(b.errors, [expected.to_string()]);
    b.errors[0].clone()
}

const THREE: [(u32, u32); 3] = [(11, KF_ACQUIRE | KF_RET_NULL), (12, KF_RELEASE), (40, 0)];

#[test]
fn registers_whole_table_in_place() {
    let set = filled(THREE);
    let table = Table::from_set8(&set, &[]);
    let (r, b) = run(&table, &[ProgType::Syscall]);
    assert_eq!(r, Ok(()));
    assert_eq!(
        b.calls,
        [Call {
            prog_type: 31,
            owner: module(),
            set: table.set_ptr(),
            set_flags: 1,
            pairs: entries(&THREE),
            has_filter: false,
        }]
    );
    assert_eq!(b.errors, Vec::<std::string::String>::new());
}

#[test]
fn one_registration_per_distinct_hook_in_request_order() {
    let set = filled(THREE);
    let table = Table::from_set8(&set, &[]);
    let types = [
        ProgType::Tracing,
        ProgType::Xdp,
        ProgType::Lsm,
        ProgType::Tracepoint,
        ProgType::Syscall,
        ProgType::Xdp,
        ProgType::CgroupSkb,
        ProgType::CgroupSysctl,
    ];
    let (r, b) = run(&table, &types);
    assert_eq!(r, Ok(()));
    let called: Vec<u32> = b.calls.iter().map(|c| c.prog_type).collect();
    assert_eq!(called, [26, 6, 31, 8]);
    assert!(b
        .calls
        .iter()
        .all(|c| c.pairs == entries(&THREE) && c.set == table.set_ptr()));
}

#[test]
fn program_type_limits_select_per_hook_subsets() {
    let set = filled([(10, KF_SLEEPABLE), (20, 0), (30, KF_ACQUIRE), (35, 0)]);
    let limits = [
        ProgLimit::filled(10, ProgType::Xdp.bit()),
        ProgLimit::filled(20, ProgType::Syscall.bit() | ProgType::Lsm.bit()),
        // Two limits for one kfunc combine.
        ProgLimit::filled(35, ProgType::SchedCls.bit()),
        ProgLimit::filled(35, ProgType::Xdp.bit()),
    ];
    let table = Table::from_set8(&set, &limits);
    let types = [
        ProgType::Syscall,
        ProgType::Xdp,
        ProgType::Tracing,
        ProgType::SchedCls,
    ];
    let (r, b) = run(&table, &types);
    assert_eq!(r, Ok(()));
    let got: Vec<(u32, Vec<u32>)> = b
        .calls
        .iter()
        .map(|c| (c.prog_type, c.pairs.iter().map(|p| p.id).collect()))
        .collect();
    assert_eq!(
        got,
        [
            (31, std::vec![20, 30]),    // syscall: 20 (limited to syscall), 30 (no limit)
            (6, std::vec![10, 30, 35]), // xdp
            (26, std::vec![20, 30]),    // tracing hook: 20 through lsm
            (3, std::vec![30, 35]),     // tc
        ]
    );
    // Flags travel with their ids; subsets come from the scratch set.
    assert_eq!(
        b.calls[1].pairs[0],
        FlagEntry {
            id: 10,
            flags: KF_SLEEPABLE
        }
    );
    assert!(b
        .calls
        .iter()
        .all(|c| c.set != table.set_ptr() && c.set_flags == 1 && !c.has_filter));
}

#[test]
fn limit_satisfied_by_every_hook_uses_the_table_in_place() {
    let set = filled(THREE);
    let limits = [ProgLimit::filled(12, ProgType::Syscall.bit())];
    let table = Table::from_set8(&set, &limits);
    let (r, b) = run(&table, &[ProgType::Syscall]);
    assert_eq!(r, Ok(()));
    assert_eq!(b.calls[0].set, table.set_ptr());
    assert_eq!(b.calls[0].pairs, entries(&THREE));
}

#[test]
fn unspec_is_the_common_hook() {
    let set = filled(THREE);
    let limits = [ProgLimit::filled(40, ProgType::Unspec.bit())];
    let table = Table::from_set8(&set, &limits);
    let (r, b) = run(&table, &[ProgType::Unspec, ProgType::Xdp]);
    assert_eq!(r, Ok(()));
    assert_eq!(b.calls.len(), 2);
    assert_eq!((b.calls[0].prog_type, b.calls[0].pairs.len()), (0, 3));
    assert_eq!((b.calls[1].prog_type, b.calls[1].pairs.len()), (6, 2));
}

#[test]
fn per_kernel_hooks() {
    let set = filled(THREE);
    let table = Table::from_set8(&set, &[]);
    let types = [ProgType::RawTracepoint, ProgType::SockOps];
    let (r, b) = run_caps(
        &table,
        &types,
        HookCaps::LINUX_6_12,
        RecordingBackend::new(),
    );
    assert_eq!(
        r,
        Err(Error::NoHook {
            prog_type: ProgType::RawTracepoint
        })
    );
    assert_eq!(b.calls, []);
    let (r, b) = run_caps(&table, &types, HookCaps::LINUX_7_3, RecordingBackend::new());
    assert_eq!(r, Ok(()));
    assert_eq!(
        b.calls.iter().map(|c| c.prog_type).collect::<Vec<_>>(),
        [17, 13]
    );
    // register_with uses the build's mapping (conservative without kbuild cfgs).
    let mut backend = RecordingBackend::new();
    let r = register_with(&mut backend, &table, module(), &[ProgType::RawTracepoint]);
    if HookCaps::BUILD.raw_tracepoint {
        assert_eq!(r, Ok(()));
    } else {
        assert_eq!(
            r,
            Err(Error::NoHook {
                prog_type: ProgType::RawTracepoint
            })
        );
    }
}

#[test]
fn request_errors() {
    let set = filled(THREE);
    let table = Table::from_set8(&set, &[]);
    assert_rejected(&table, &[], Error::NoProgramTypes);
    let msg = assert_rejected(
        &table,
        &[ProgType::Syscall, ProgType::Ext],
        Error::NoHook {
            prog_type: ProgType::Ext,
        },
    );
    assert!(msg.contains("BPF_PROG_TYPE_EXT has no kfunc hook"), "{msg}");
}

#[test]
fn empty_table() {
    let set = Set8::<0>::EMPTY;
    let table = Table::from_set8(&set, &[]);
    assert_rejected(&table, &[ProgType::Syscall], Error::Empty);
}

#[test]
fn unfilled_table_names_the_build_step() {
    // As the compiler emits it: cnt 0, ids 0.
    let mut set = Box::new(Set8::<3>::EMPTY);
    set.pairs = [
        FlagEntry::new(KF_ACQUIRE),
        FlagEntry::new(0),
        FlagEntry::new(KF_RELEASE),
    ];
    let msg = assert_rejected(
        &Table::from_set8(&set, &[]),
        &[ProgType::Syscall],
        Error::NotFilled {
            cnt: 0,
            zero_ids: 3,
        },
    );
    assert!(msg.contains("run `kfunc-btf apply` on the .ko"), "{msg}");
    assert_eq!(
        Error::NotFilled {
            cnt: 0,
            zero_ids: 3
        }
        .to_errno(),
        -22
    );

    // cnt set but one id missing.
    let mut set = filled(THREE);
    set.pairs[1].id = 0;
    assert_rejected(
        &Table::from_set8(&set, &[]),
        &[ProgType::Syscall],
        Error::NotFilled {
            cnt: 3,
            zero_ids: 1,
        },
    );

    // ids set but cnt 0.
    let mut set = filled(THREE);
    set.header.cnt = 0;
    assert_rejected(
        &Table::from_set8(&set, &[]),
        &[ProgType::Syscall],
        Error::NotFilled {
            cnt: 0,
            zero_ids: 0,
        },
    );

    // a limit whose id was not filled.
    let set = filled(THREE);
    let limits = [ProgLimit::new(ProgType::Syscall.bit())];
    assert_rejected(
        &Table::from_set8(&set, &limits),
        &[ProgType::Syscall],
        Error::NotFilled {
            cnt: 3,
            zero_ids: 1,
        },
    );
}

#[test]
fn header_not_followed_by_table() {
    let set = filled(THREE);
    let header = Set8Header { cnt: 3, flags: 1 };
    let table = Table::from_parts(&header, &set.pairs, &[]);
    assert!(!table.is_contiguous());
    let msg = assert_rejected(&table, &[ProgType::Syscall], Error::NoLinkerFragment);
    assert!(
        msg.contains("linker fragment kbuild/kfunc.lds was not used"),
        "{msg}"
    );
    // The same parts, adjacent in memory, are accepted.
    let table = Table::from_parts(&set.header, &set.pairs, &[]);
    assert!(table.is_contiguous());
    // One entry off is not adjacent.
    let table = Table::from_parts(&set.header, &set.pairs[1..], &[]);
    assert!(!table.is_contiguous());
}

#[test]
fn count_mismatch_and_bad_flags() {
    let mut set = filled(THREE);
    set.header.cnt = 2;
    let msg = assert_rejected(
        &Table::from_set8(&set, &[]),
        &[ProgType::Syscall],
        Error::CountMismatch {
            header: 2,
            table: 3,
        },
    );
    assert!(
        msg.contains("counts 2 kfuncs but the flag table holds 3"),
        "{msg}"
    );
    let mut set = filled(THREE);
    set.header.flags = 0;
    assert_rejected(
        &Table::from_set8(&set, &[]),
        &[ProgType::Syscall],
        Error::BadSetFlags { flags: 0 },
    );
}

#[test]
fn limit_errors() {
    let set = filled(THREE);
    let orphan = [ProgLimit::filled(99, ProgType::Syscall.bit())];
    assert_rejected(
        &Table::from_set8(&set, &orphan),
        &[ProgType::Syscall],
        Error::OrphanLimit { id: 99 },
    );

    let xdp_only = [ProgLimit::filled(12, ProgType::Xdp.bit())];
    let msg = assert_rejected(
        &Table::from_set8(&set, &xdp_only),
        &[ProgType::Syscall, ProgType::Tracing],
        Error::Unreachable {
            id: 12,
            mask: 1 << 6,
        },
    );
    assert!(msg.contains("BTF id 12"), "{msg}");

    let set = filled([(5, 0), (6, 0)]);
    let all_xdp = [
        ProgLimit::filled(5, ProgType::Xdp.bit()),
        ProgLimit::filled(6, ProgType::Xdp.bit()),
    ];
    assert_rejected(
        &Table::from_set8(&set, &all_xdp),
        &[ProgType::Xdp, ProgType::Syscall],
        Error::NothingFor {
            prog_type: ProgType::Syscall,
        },
    );
}

fn many<const N: usize>() -> Box<Set8<N>> {
    let mut set = Box::new(Set8::<N>::EMPTY);
    set.header.cnt = N as u32;
    for (i, p) in set.pairs.iter_mut().enumerate() {
        *p = FlagEntry {
            id: 1000 + i as u32,
            flags: 0,
        };
    }
    set
}

#[test]
fn at_most_256_per_hook() {
    let set = many::<256>();
    let (r, b) = run(&Table::from_set8(&set, &[]), &[ProgType::Syscall]);
    assert_eq!(r, Ok(()));
    assert_eq!(b.calls[0].pairs.len(), 256);

    let set = many::<257>();
    let err = Error::TooMany {
        hook: Hook::Syscall,
        prog_type: ProgType::Syscall,
        count: 257,
    };
    let msg = assert_rejected(&Table::from_set8(&set, &[]), &[ProgType::Syscall], err);
    assert!(msg.contains("at most 256 per hook"), "{msg}");
    assert_eq!(err.to_errno(), -7, "E2BIG");
}

#[test]
fn more_than_256_split_across_hooks() {
    // 300 kfuncs: 150 for xdp, 150 for syscall, none shared.
    let set = many::<300>();
    let limits: Vec<ProgLimit> = set
        .pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            ProgLimit::filled(
                p.id,
                if i < 150 {
                    ProgType::Xdp.bit()
                } else {
                    ProgType::Syscall.bit()
                },
            )
        })
        .collect();
    let table = Table::from_set8(&set, &limits);
    let (r, b) = run(&table, &[ProgType::Xdp, ProgType::Syscall]);
    assert_eq!(r, Ok(()));
    assert_eq!(b.calls[0].pairs, set.pairs[..150]);
    assert_eq!(b.calls[1].pairs, set.pairs[150..]);

    // The second hook over the limit: rejected before the first call.
    let limits: Vec<ProgLimit> = set
        .pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            ProgLimit::filled(
                p.id,
                if i < 40 {
                    ProgType::Xdp.bit()
                } else {
                    ProgType::Syscall.bit()
                },
            )
        })
        .collect();
    let err = Error::TooMany {
        hook: Hook::Syscall,
        prog_type: ProgType::Syscall,
        count: 260,
    };
    assert_rejected(
        &Table::from_set8(&set, &limits),
        &[ProgType::Xdp, ProgType::Syscall],
        err,
    );
}

#[test]
fn kernel_errors_stop_and_report() {
    let set = filled(THREE);
    let table = Table::from_set8(&set, &[]);
    let types = [ProgType::Syscall, ProgType::Xdp, ProgType::Tracing];
    let (r, b) = run_caps(
        &table,
        &types,
        HookCaps::LINUX_7_3,
        RecordingBackend::new().fail_call(1, -17),
    );
    let err = Error::Kernel {
        prog_type: ProgType::Xdp,
        errno: -17,
    };
    assert_eq!(r, Err(err));
    assert_eq!(b.calls.len(), 2, "stops at the failing hook");
    assert_eq!(
        b.errors,
        ["register_btf_kfunc_id_set(BPF_PROG_TYPE_XDP) failed: error -17"]
    );
    assert_eq!(err.to_errno(), -17);
}

#[test]
fn errnos() {
    assert_eq!(Error::NoLinkerFragment.to_errno(), -22);
    assert_eq!(
        Error::Kernel {
            prog_type: ProgType::Xdp,
            errno: 12
        }
        .to_errno(),
        -12
    );
    assert_eq!(
        Error::Kernel {
            prog_type: ProgType::Xdp,
            errno: i32::MIN
        }
        .to_errno(),
        i32::MIN
    );
}

#[test]
fn linked_table_is_checked_like_any_other() {
    // The runtime's own test binary links two entries (see registry tests)
    // without the linker fragment and without `kfunc-btf apply`.
    let table = Table::linked();
    assert_eq!(table.entries(), crate::registry::entries());
    assert_eq!(table.limits(), crate::registry::limits());
    assert_eq!(table.header(), Set8Header::UNFILLED);
    let (r, b) = run(&table, &[ProgType::Syscall]);
    let expected = if table.is_contiguous() {
        Error::NotFilled {
            cnt: 0,
            zero_ids: table.entries().len() + table.limits().len(),
        }
    } else {
        Error::NoLinkerFragment
    };
    assert_eq!(r, Err(expected));
    assert_eq!(b.calls, []);
}

#[test]
fn scratch_set_is_shared_safely() {
    let set = many::<200>();
    let limits: Vec<ProgLimit> = set
        .pairs
        .iter()
        .step_by(2)
        .map(|p| ProgLimit::filled(p.id, ProgType::Xdp.bit()))
        .collect();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let table = Table::from_set8(&set, &limits);
                for _ in 0..50 {
                    let (r, b) = run(&table, &[ProgType::Syscall, ProgType::Xdp]);
                    assert_eq!(r, Ok(()));
                    let odd: Vec<FlagEntry> =
                        set.pairs.iter().skip(1).step_by(2).copied().collect();
                    assert_eq!(b.calls[0].pairs, odd);
                    assert_eq!(b.calls[1].pairs, set.pairs);
                }
            });
        }
    });
}

#[test]
fn a_module_registers_once() {
    let set = filled(THREE);
    let table = Table::from_set8(&*set, &[]);
    let registered = AtomicBool::new(false);
    let coming = ModuleState(Some(MODULE_STATE_COMING));
    let mut b = RecordingBackend::new();
    let first = register_once(
        &registered,
        &mut b,
        &table,
        module(),
        coming,
        &[ProgType::Syscall],
    );
    assert_eq!(first, Ok(()));
    assert_eq!(b.calls.len(), 1);
    // The second call reaches neither the kernel nor its WARN.
    let second = register_once(
        &registered,
        &mut b,
        &table,
        module(),
        coming,
        &[ProgType::Tracing],
    );
    assert_eq!(second, Err(Error::AlreadyRegistered));
    assert_eq!(second.unwrap_err().to_errno(), -16);
    assert_eq!(b.calls.len(), 1, "nothing registered the second time");
    assert_eq!(b.errors, [Error::AlreadyRegistered.to_string()]);
    assert!(b.errors[0].contains("register once, from the module's init function"));
}

#[test]
fn a_failed_first_registration_is_not_retried() {
    let set = Box::new(Set8::<1>::EMPTY); // not filled: kfunc-btf apply never ran
    let table = Table::from_set8(&*set, &[]);
    let registered = AtomicBool::new(false);
    let mut b = RecordingBackend::new();
    let state = ModuleState(Some(MODULE_STATE_COMING));
    let r = register_once(
        &registered,
        &mut b,
        &table,
        module(),
        state,
        &[ProgType::Syscall],
    );
    assert!(matches!(r, Err(Error::NotFilled { .. })));
    let r = register_once(
        &registered,
        &mut b,
        &table,
        module(),
        state,
        &[ProgType::Syscall],
    );
    assert_eq!(r, Err(Error::AlreadyRegistered));
    assert_eq!(b.calls, []);
}

#[test]
fn registration_only_during_init() {
    let set = filled(THREE);
    let table = Table::from_set8(&*set, &[]);
    let registered = AtomicBool::new(false);
    let mut b = RecordingBackend::new();
    // MODULE_STATE_LIVE (0): init has returned.
    let live = ModuleState(Some(0));
    let r = register_once(
        &registered,
        &mut b,
        &table,
        module(),
        live,
        &[ProgType::Syscall],
    );
    assert_eq!(r, Err(Error::NotDuringInit { state: 0 }));
    assert_eq!(b.calls, []);
    assert!(b.errors[0].contains("only be registered from the module's init function"));
    // Refused before claiming: a later call during init still works.
    assert!(!registered.load(core::sync::atomic::Ordering::Acquire));
    // Built-in code has no module state to check.
    let r = register_once(
        &registered,
        &mut b,
        &table,
        module(),
        ModuleState(None),
        &[ProgType::Syscall],
    );
    assert_eq!(r, Ok(()));
}
