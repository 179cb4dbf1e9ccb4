//! The runtime and the `#[kfunc]` / `#[derive(BtfType)]` macros agree on
//! the contract (docs/CONTRACT.md): flag-table entries and limits land in the
//! runtime's slices, interface stubs decode with the runtime's decoder, and
//! registration selects per-hook subsets from them.
#![cfg(all(
    target_os = "linux",
    target_endian = "little",
    target_pointer_width = "64"
))]

use kfunc::flags::{KF_ACQUIRE, KF_IMPLICIT_ARGS, KF_RELEASE, KF_RET_NULL};
use kfunc::interface::decode::{decode_section, DecodedType, Record};
use kfunc::prelude::*;
use kfunc::register::testing::RecordingBackend;
use kfunc::set::{FlagEntry, ProgLimit, Set8};
use kfunc::Table;

/// A module-defined struct.
#[repr(C)]
#[derive(BtfType)]
pub struct Thing {
    refs: u32,
    value: u64,
}

/// Acquires a thing.
///
/// # Safety
/// Called by BPF programs only, as the verifier allows.
#[kfunc(acquire, ret_null)]
pub unsafe fn bpf_contract_get(id: u32) -> *mut Thing {
    let _ = id;
    core::ptr::null_mut()
}

/// Releases a thing.
///
/// # Safety
/// `thing` comes from `bpf_contract_get`.
#[kfunc(release)]
pub unsafe fn bpf_contract_put(thing: *mut Thing) {
    let _ = thing;
}

/// Uses the implicit argument; callable from syscall and xdp programs only.
#[kfunc(implicit_args, prog_types(syscall, xdp))]
pub fn bpf_contract_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}

#[test]
fn entries_and_limits_are_in_the_runtime_slices() {
    let mut flags: Vec<u32> = kfunc::registry::entries().iter().map(|e| e.flags).collect();
    flags.sort();
    assert_eq!(
        flags,
        [KF_RELEASE, KF_ACQUIRE | KF_RET_NULL, KF_IMPLICIT_ARGS]
    );
    assert!(kfunc::registry::entries().iter().all(|e| e.id == 0));
    assert_eq!(
        kfunc::registry::limits(),
        [ProgLimit::new(
            ProgType::Syscall.bit() | ProgType::Xdp.bit()
        )]
    );
    assert_eq!(
        kfunc::registry::header(),
        kfunc::set::Set8Header { cnt: 0, flags: 1 }
    );
}

/// The bytes of this executable's `.comment.kfunc.interface` section (ELF64 LE).
fn interface_section() -> Vec<u8> {
    let elf = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    let u16_at = |o: usize| u16::from_le_bytes(elf[o..o + 2].try_into().unwrap()) as usize;
    let u32_at = |o: usize| u32::from_le_bytes(elf[o..o + 4].try_into().unwrap()) as usize;
    let u64_at = |o: usize| u64::from_le_bytes(elf[o..o + 8].try_into().unwrap()) as usize;
    assert_eq!(&elf[..6], b"\x7fELF\x02\x01", "ELF64 LE");
    let (shoff, shentsize, shnum, shstrndx) =
        (u64_at(0x28), u16_at(0x3a), u16_at(0x3c), u16_at(0x3e));
    let shdr = |i: usize| shoff + i * shentsize;
    let strtab = u64_at(shdr(shstrndx) + 24);
    for i in 0..shnum {
        let name_at = strtab + u32_at(shdr(i));
        let name_end = name_at + elf[name_at..].iter().position(|&b| b == 0).unwrap();
        if &elf[name_at..name_end] == b".comment.kfunc.interface" {
            let (off, size) = (u64_at(shdr(i) + 24), u64_at(shdr(i) + 32));
            return elf[off..off + size].to_vec();
        }
    }
    panic!("no .comment.kfunc.interface section");
}

#[test]
fn interface_stubs_decode() {
    let records: Vec<Record> = decode_section(&interface_section())
        .unwrap()
        .into_iter()
        .map(|r| r.record)
        .collect();
    assert_eq!(records.len(), 4, "{records:#?}");
    let func = |name: &str| {
        records
            .iter()
            .find_map(|r| match r {
                Record::Func(f) if f.name == name => Some(f),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no stub for {name}"))
    };
    let thing = DecodedType::Struct {
        name: "Thing".into(),
    };
    let ptr_thing = DecodedType::Ptr {
        pointee: Box::new(thing),
        mutable: true,
    };

    let add = func("bpf_contract_add");
    assert_eq!(
        (add.flags, add.prog_types),
        (KF_IMPLICIT_ARGS, (1 << 31) | (1 << 6))
    );
    assert_eq!(
        add.ret,
        DecodedType::Int {
            size: 8,
            signed: false
        }
    );
    assert_eq!(add.params.len(), 2);
    assert!(!add.params[0].implicit && add.params[1].implicit);
    assert_eq!(
        add.params[1].ty,
        DecodedType::Ptr {
            pointee: Box::new(DecodedType::Struct {
                name: "bpf_prog_aux".into()
            }),
            mutable: true
        }
    );
    assert_eq!(
        add.interface_params()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["delta"]
    );

    let get = func("bpf_contract_get");
    assert_eq!((get.flags, get.prog_types), (KF_ACQUIRE | KF_RET_NULL, 0));
    assert_eq!(get.ret, ptr_thing);

    let put = func("bpf_contract_put");
    assert_eq!(put.flags, KF_RELEASE);
    assert_eq!(put.ret, DecodedType::Void);
    assert_eq!(put.params[0].ty, ptr_thing);

    let s = records
        .iter()
        .find_map(|r| match r {
            Record::Struct(s) => Some(s),
            _ => None,
        })
        .expect("struct record");
    assert_eq!((s.name.as_str(), s.size, s.align), ("Thing", 16, 8));
    let fields: Vec<(&str, u32)> = s
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.offset))
        .collect();
    assert_eq!(fields, [("refs", 0), ("value", 8)]);
}

#[test]
fn registration_of_a_filled_copy() {
    // What `kfunc-btf apply` would leave: ids filled (sorted), limits too.
    let mut entries: Vec<FlagEntry> = kfunc::registry::entries().to_vec();
    entries.sort_by_key(|e| e.flags);
    let mut set = Box::new(Set8::<3>::EMPTY);
    set.header.cnt = 3;
    for (i, e) in entries.iter().enumerate() {
        set.pairs[i] = FlagEntry {
            id: 100 + i as u32,
            flags: e.flags,
        };
    }
    let add_id = set
        .pairs
        .iter()
        .find(|p| p.flags == KF_IMPLICIT_ARGS)
        .unwrap()
        .id;
    let limits = [ProgLimit::filled(add_id, kfunc::registry::limits()[0].mask)];
    let table = Table::from_set8(&set, &limits);

    let mut backend = RecordingBackend::new();
    let module = core::ptr::without_provenance_mut(0x1000);
    kfunc::register_with(
        &mut backend,
        &table,
        module,
        &[ProgType::Syscall, ProgType::Tracing],
    )
    .unwrap();
    assert_eq!(backend.calls.len(), 2);
    assert_eq!(backend.calls[0].pairs.len(), 3, "syscall gets all three");
    assert_eq!(
        backend.calls[1].pairs.len(),
        2,
        "tracing does not get the syscall/xdp-only kfunc"
    );
    assert!(backend.calls[1].pairs.iter().all(|p| p.id != add_id));
}
