//! The registry test: ~20 kfuncs covering every option are compiled into this
//! test binary. The test enumerates the flag table and the program-type
//! limits (through linkme at run time and through the symbols in the file),
//! and decodes the `.comment.kfunc.interface` section of the binary itself, checking
//! every record exactly.
#![allow(non_camel_case_types)]

use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int, c_ulong, c_void};
use core::sync::atomic::AtomicU64;
use std::collections::BTreeMap;

use kfunc::interface::decode::{
    self, DecodedField, DecodedFunc, DecodedParam, DecodedStruct, DecodedType, Record,
};
use kfunc::interface::{Field, Func, Param, StructDef, Type};
use kfunc::set::{FlagEntry, ProgLimit};
use kfunc::{kfunc, BtfType, ProgAux};
use object::{Object, ObjectSection, ObjectSymbol};

// ---------------------------------------------------------------- structs

#[derive(BtfType)]
#[repr(C)]
pub struct Thing {
    pub id: u32,
    pub refs: u64,
    pub name: [c_char; 12],
    pub next: *mut Thing,
    pub on_drop: Option<unsafe extern "C" fn(*mut Thing)>,
}

/// Shared with BPF by reference: every field valid for every bit pattern,
/// the mutable ones interior-mutable.
#[derive(BtfType)]
#[repr(C)]
pub struct Shared {
    pub id: u32,
    pub refs: AtomicU64,
    pub cell: UnsafeCell<u32>,
    pub link: *mut Shared,
}

/// Every field type the macro encodes itself (arrays with a literal and
/// with a constant-expression length, a callback, pointers).
#[derive(BtfType)]
#[repr(C)]
pub struct Laid {
    pub small: u8,
    pub wide: [u32; 3],
    pub named: [i16; LAID_LEN],
    pub cb: Option<unsafe extern "C" fn(u32, *mut Laid) -> i64>,
    pub flag: bool,
    pub raw: *const c_void,
}

/// An array length the macro cannot read from the tokens.
pub const LAID_LEN: usize = 2 + 3;

/// Plain data (record kind 3), taken by copy; the macro writes it itself.
#[derive(BtfType, Clone, Copy)]
#[btf(data)]
#[repr(C)]
pub struct Query {
    pub start: u32,
    pub len: u16,
    pub key: [u8; 6],
}

/// Plain data only the compiler can describe (`c_int`): the const encoder
/// writes it, as kind 3 too.
#[derive(BtfType)]
#[btf(data)]
#[repr(C)]
pub struct QueryWide {
    pub q: Query,
    pub scale: core::ffi::c_int,
}

#[derive(BtfType)]
#[repr(C)]
pub struct bpf_iter_r {
    pub next: u32,
    pub end: u32,
}

#[repr(C)]
pub struct bpf_map {
    _opaque: [u8; 0],
}

// ---------------------------------------------------------------- kfuncs

#[kfunc]
fn bpf_r_plain(x: u32) -> u32 {
    x + 1
}

#[kfunc(acquire, ret_null)]
unsafe fn bpf_r_acquire(id: u32) -> *mut Thing {
    let _ = id;
    core::ptr::null_mut()
}

#[kfunc(release)]
unsafe fn bpf_r_release(t: *mut Thing) {
    let _ = t;
}

#[kfunc(trusted_args)]
fn bpf_r_trusted(t: &Shared) -> u32 {
    t.id
}

#[kfunc(sleepable, destructive)]
fn bpf_r_sleepable_destructive(code: i32) -> i32 {
    code
}

#[kfunc(rcu, rcu_protected)]
unsafe fn bpf_r_rcu(t: *const Thing) -> bool {
    !t.is_null()
}

/// Narrow parameters and returns: the entry converts full registers.
#[kfunc]
fn bpf_r_narrow(x: u8, on: bool, s: i16) -> i16 {
    if on {
        s.wrapping_add(i16::from(x))
    } else {
        s
    }
}

#[kfunc(arena_ret, arena_arg1, arena_arg2)]
unsafe fn bpf_r_arena(a: *mut c_void, b: *mut c_void) -> *mut c_void {
    let _ = b;
    a
}

#[kfunc(spinlock_safe, perfmon)]
fn bpf_r_spinlock_perfmon(x: u8) -> u8 {
    x
}

#[kfunc(implicit_args, prog_types(syscall, tracing))]
fn bpf_r_implicit(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta * 2
}

#[kfunc(implicit_args)]
unsafe fn bpf_r_implicit_raw(aux: *mut kfunc::ffi::bpf_prog_aux) -> i32 {
    i32::from(aux.is_null())
}

#[kfunc(iter_new)]
unsafe fn bpf_iter_r_new(it: *mut bpf_iter_r, start: u32, end: u32) -> i32 {
    let _ = (it, start, end);
    0
}

#[kfunc(iter_next, ret_null)]
unsafe fn bpf_iter_r_next(it: *mut bpf_iter_r) -> *mut u32 {
    let _ = it;
    core::ptr::null_mut()
}

#[kfunc(iter_destroy)]
unsafe fn bpf_iter_r_destroy(it: *mut bpf_iter_r) {
    let _ = it;
}

#[kfunc]
unsafe fn bpf_r_sized(
    buf: *mut u8,
    #[arg(sz)] len: u32,
    out: *const c_void,
    #[arg(szk)] out_len: u64,
) -> i32 {
    let _ = (buf, len, out, out_len);
    0
}

#[kfunc]
unsafe fn bpf_r_annot1(
    #[arg(k)] mode: u32,
    #[arg(ign)] unused: u64,
    #[arg(str)] name: *const c_char,
    #[arg(uninit)] slot: *mut u64,
    #[arg(opt)] hint: *mut u8,
) -> i32 {
    let _ = (mode, unused, name, slot, hint);
    0
}

#[kfunc]
unsafe fn bpf_r_annot2(
    #[arg(map)] map: *mut bpf_map,
    #[arg(refcounted_kptr)] kptr: *mut Thing,
    #[arg(alloc)] obj: *mut c_void,
    #[arg(irq_flag)] flags: *mut c_ulong,
    #[arg(nullable)] maybe: *mut Thing,
) -> i32 {
    let _ = (map, kptr, obj, flags, maybe);
    0
}

#[kfunc]
unsafe fn bpf_r_annot3(
    #[arg(arena, nullable)] arena: *mut c_void,
    #[arg(const_map)] map: *const bpf_map,
    #[arg(nonown_allowed)] node: *mut Thing,
    auto: Option<&Shared>,
) -> i32 {
    let _ = (arena, map, node, auto);
    0
}

#[kfunc(prog_types(xdp))]
fn bpf_r_types(a: i8, b: i16, c: i64, d: usize, e: c_int) -> bool {
    (a as i64 + b as i64 + c + d as i64 + e as i64) > 0
}

#[kfunc(prog_types(sched_cls, sched_act, netfilter))]
unsafe fn bpf_r_net(ctx: *mut c_void) -> i64 {
    ctx as i64
}

/// A reference parameter without `trusted_args`: the macro adds it.
#[kfunc(ret_null)]
fn bpf_r_option(t: Option<&Shared>) -> Option<&'static Shared> {
    let _ = t;
    None
}

/// Plain data by copy: `const struct Query *` in BTF, trusted args added.
#[kfunc]
fn bpf_r_copied(q: kfunc::Copied<Query>, w: kfunc::Copied<QueryWide>) -> u32 {
    q.start + u32::from(w.q.len)
}

// ---------------------------------------------------------------- expectations

const KF_ACQUIRE: u32 = 1 << 0;
const KF_RELEASE: u32 = 1 << 1;
const KF_RET_NULL: u32 = 1 << 2;
const KF_TRUSTED_ARGS: u32 = 1 << 4;
const KF_SLEEPABLE: u32 = 1 << 5;
const KF_DESTRUCTIVE: u32 = 1 << 6;
const KF_RCU: u32 = 1 << 7;
const KF_ITER_NEW: u32 = 1 << 8;
const KF_ITER_NEXT: u32 = 1 << 9;
const KF_ITER_DESTROY: u32 = 1 << 10;
const KF_RCU_PROTECTED: u32 = 1 << 11;
const KF_ARENA_RET: u32 = 1 << 13;
const KF_ARENA_ARG1: u32 = 1 << 14;
const KF_ARENA_ARG2: u32 = 1 << 15;
const KF_IMPLICIT_ARGS: u32 = 1 << 16;
const KF_SPINLOCK_SAFE: u32 = 1 << 17;
const KF_PERFMON: u32 = 1 << 18;

// `enum bpf_prog_type` values.
const SCHED_CLS: u64 = 1 << 3;
const SCHED_ACT: u64 = 1 << 4;
const XDP: u64 = 1 << 6;
const TRACING: u64 = 1 << 26;
const SYSCALL: u64 = 1 << 31;
const NETFILTER: u64 = 1 << 32;

fn int(size: u8, signed: bool) -> DecodedType {
    DecodedType::Int { size, signed }
}
fn u8_() -> DecodedType {
    int(1, false)
}
fn u32_() -> DecodedType {
    int(4, false)
}
fn u64_() -> DecodedType {
    int(8, false)
}
fn i32_() -> DecodedType {
    int(4, true)
}
fn ptr(pointee: DecodedType, mutable: bool) -> DecodedType {
    DecodedType::Ptr {
        pointee: Box::new(pointee),
        mutable,
    }
}
fn st(name: &str) -> DecodedType {
    DecodedType::Struct {
        name: name.to_owned(),
    }
}
/// `c_char` is C `char` (its own stub type), with the target's signedness.
fn c_char_() -> DecodedType {
    DecodedType::Char {
        signed: c_char::MIN != 0,
    }
}
fn param(name: &str, suffix: &str, ty: DecodedType) -> DecodedParam {
    DecodedParam {
        name: name.to_owned(),
        suffix: suffix.to_owned(),
        implicit: false,
        ty,
    }
}
fn implicit(name: &str) -> DecodedParam {
    DecodedParam {
        name: name.to_owned(),
        suffix: String::new(),
        implicit: true,
        ty: ptr(st("bpf_prog_aux"), true),
    }
}
fn func(
    name: &str,
    flags: u32,
    prog_types: u64,
    ret: DecodedType,
    params: Vec<DecodedParam>,
) -> DecodedFunc {
    DecodedFunc {
        name: name.to_owned(),
        flags,
        prog_types,
        ret,
        params,
    }
}

fn expected_funcs() -> Vec<DecodedFunc> {
    use DecodedType::{Bool, Void};
    let thing = || st("Thing");
    let shared = || st("Shared");
    let iter = || ptr(st("bpf_iter_r"), true);
    let void_ptr = || ptr(Void, true);
    vec![
        func("bpf_r_plain", 0, 0, u32_(), vec![param("x", "", u32_())]),
        func(
            "bpf_r_acquire",
            KF_ACQUIRE | KF_RET_NULL,
            0,
            ptr(thing(), true),
            vec![param("id", "", u32_())],
        ),
        func(
            "bpf_r_release",
            KF_RELEASE,
            0,
            Void,
            vec![param("t", "", ptr(thing(), true))],
        ),
        func(
            "bpf_r_trusted",
            KF_TRUSTED_ARGS,
            0,
            u32_(),
            vec![param("t", "", ptr(shared(), false))],
        ),
        func(
            "bpf_r_sleepable_destructive",
            KF_SLEEPABLE | KF_DESTRUCTIVE,
            0,
            i32_(),
            vec![param("code", "", i32_())],
        ),
        func(
            "bpf_r_rcu",
            KF_RCU | KF_RCU_PROTECTED,
            0,
            Bool,
            vec![param("t", "", ptr(thing(), false))],
        ),
        func(
            "bpf_r_narrow",
            0,
            0,
            int(2, true),
            vec![
                param("x", "", u8_()),
                param("on", "", Bool),
                param("s", "", int(2, true)),
            ],
        ),
        func(
            "bpf_r_arena",
            KF_ARENA_RET | KF_ARENA_ARG1 | KF_ARENA_ARG2,
            0,
            void_ptr(),
            vec![param("a", "", void_ptr()), param("b", "", void_ptr())],
        ),
        func(
            "bpf_r_spinlock_perfmon",
            KF_SPINLOCK_SAFE | KF_PERFMON,
            0,
            u8_(),
            vec![param("x", "", u8_())],
        ),
        func(
            "bpf_r_implicit",
            KF_IMPLICIT_ARGS,
            SYSCALL | TRACING,
            u64_(),
            vec![param("delta", "", u64_()), implicit("aux")],
        ),
        func(
            "bpf_r_implicit_raw",
            KF_IMPLICIT_ARGS,
            0,
            i32_(),
            vec![implicit("aux")],
        ),
        func(
            "bpf_iter_r_new",
            KF_ITER_NEW,
            0,
            i32_(),
            vec![
                param("it", "", iter()),
                param("start", "", u32_()),
                param("end", "", u32_()),
            ],
        ),
        func(
            "bpf_iter_r_next",
            KF_ITER_NEXT | KF_RET_NULL,
            0,
            ptr(u32_(), true),
            vec![param("it", "", iter())],
        ),
        func(
            "bpf_iter_r_destroy",
            KF_ITER_DESTROY,
            0,
            Void,
            vec![param("it", "", iter())],
        ),
        func(
            "bpf_r_sized",
            0,
            0,
            i32_(),
            vec![
                param("buf", "", ptr(u8_(), true)),
                param("len", "__sz", u32_()),
                param("out", "", ptr(Void, false)),
                param("out_len", "__szk", u64_()),
            ],
        ),
        func(
            "bpf_r_annot1",
            0,
            0,
            i32_(),
            vec![
                param("mode", "__k", u32_()),
                param("unused", "__ign", u64_()),
                param("name", "__str", ptr(c_char_(), false)),
                param("slot", "__uninit", ptr(u64_(), true)),
                param("hint", "__opt", ptr(u8_(), true)),
            ],
        ),
        func(
            "bpf_r_annot2",
            0,
            0,
            i32_(),
            vec![
                param("map", "__map", ptr(st("bpf_map"), true)),
                param("kptr", "__refcounted_kptr", ptr(thing(), true)),
                param("obj", "__alloc", void_ptr()),
                param(
                    "flags",
                    "__irq_flag",
                    ptr(int(core::mem::size_of::<c_ulong>() as u8, false), true),
                ),
                param("maybe", "__nullable", ptr(thing(), true)),
            ],
        ),
        func(
            "bpf_r_annot3",
            KF_TRUSTED_ARGS,
            0,
            i32_(),
            vec![
                param("arena", "__arena__nullable", void_ptr()),
                param("map", "__const_map", ptr(st("bpf_map"), false)),
                param("node", "__nonown_allowed", ptr(thing(), true)),
                param("auto", "__nullable", ptr(shared(), false)),
            ],
        ),
        func(
            "bpf_r_types",
            0,
            XDP,
            Bool,
            vec![
                param("a", "", int(1, true)),
                param("b", "", int(2, true)),
                param("c", "", int(8, true)),
                param("d", "", int(core::mem::size_of::<usize>() as u8, false)),
                param("e", "", i32_()),
            ],
        ),
        func(
            "bpf_r_net",
            0,
            SCHED_CLS | SCHED_ACT | NETFILTER,
            int(8, true),
            vec![param("ctx", "", void_ptr())],
        ),
        func(
            "bpf_r_option",
            // Host builds answer "before 7.0": a reference adds trusted args.
            KF_RET_NULL | KF_TRUSTED_ARGS,
            0,
            ptr(shared(), false),
            vec![param("t", "__nullable", ptr(shared(), false))],
        ),
        func(
            "bpf_r_copied",
            // `Copied<T>`, like a reference, adds trusted args.
            KF_TRUSTED_ARGS,
            0,
            u32_(),
            vec![
                param("q", "", ptr(st("Query"), false)),
                param("w", "", ptr(st("QueryWide"), false)),
            ],
        ),
    ]
}

fn expected_structs() -> Vec<DecodedStruct> {
    use core::mem::{align_of, offset_of, size_of};
    let field = |name: &str, offset: usize, ty: DecodedType| DecodedField {
        name: name.to_owned(),
        offset: offset as u32,
        ty,
    };
    vec![
        DecodedStruct {
            name: "Thing".to_owned(),
            data: false,
            size: size_of::<Thing>() as u32,
            align: align_of::<Thing>() as u32,
            fields: vec![
                field("id", offset_of!(Thing, id), u32_()),
                field("refs", offset_of!(Thing, refs), u64_()),
                field(
                    "name",
                    offset_of!(Thing, name),
                    DecodedType::Array {
                        elem: Box::new(c_char_()),
                        len: 12,
                    },
                ),
                field("next", offset_of!(Thing, next), ptr(st("Thing"), true)),
                field(
                    "on_drop",
                    offset_of!(Thing, on_drop),
                    DecodedType::FnPtr {
                        ret: Box::new(DecodedType::Void),
                        params: vec![ptr(st("Thing"), true)],
                    },
                ),
            ],
        },
        DecodedStruct {
            name: "Shared".to_owned(),
            data: false,
            size: size_of::<Shared>() as u32,
            align: align_of::<Shared>() as u32,
            fields: vec![
                field("id", offset_of!(Shared, id), u32_()),
                // Interior mutability is described as the C type it holds.
                field("refs", offset_of!(Shared, refs), u64_()),
                field("cell", offset_of!(Shared, cell), u32_()),
                field("link", offset_of!(Shared, link), ptr(st("Shared"), true)),
            ],
        },
        DecodedStruct {
            name: "Laid".to_owned(),
            data: false,
            size: size_of::<Laid>() as u32,
            align: align_of::<Laid>() as u32,
            fields: vec![
                field("small", offset_of!(Laid, small), u8_()),
                field(
                    "wide",
                    offset_of!(Laid, wide),
                    DecodedType::Array {
                        elem: Box::new(u32_()),
                        len: 3,
                    },
                ),
                field(
                    "named",
                    offset_of!(Laid, named),
                    DecodedType::Array {
                        elem: Box::new(int(2, true)),
                        len: 5,
                    },
                ),
                field(
                    "cb",
                    offset_of!(Laid, cb),
                    DecodedType::FnPtr {
                        ret: Box::new(int(8, true)),
                        params: vec![u32_(), ptr(st("Laid"), true)],
                    },
                ),
                field("flag", offset_of!(Laid, flag), DecodedType::Bool),
                field("raw", offset_of!(Laid, raw), ptr(DecodedType::Void, false)),
            ],
        },
        DecodedStruct {
            name: "Query".to_owned(),
            data: true,
            size: size_of::<Query>() as u32,
            align: align_of::<Query>() as u32,
            fields: vec![
                field("start", offset_of!(Query, start), u32_()),
                field("len", offset_of!(Query, len), int(2, false)),
                field(
                    "key",
                    offset_of!(Query, key),
                    DecodedType::Array {
                        elem: Box::new(u8_()),
                        len: 6,
                    },
                ),
            ],
        },
        DecodedStruct {
            name: "QueryWide".to_owned(),
            data: true,
            size: size_of::<QueryWide>() as u32,
            align: align_of::<QueryWide>() as u32,
            fields: vec![
                field("q", offset_of!(QueryWide, q), st("Query")),
                field("scale", offset_of!(QueryWide, scale), i32_()),
            ],
        },
        DecodedStruct {
            name: "bpf_iter_r".to_owned(),
            data: false,
            size: 8,
            align: 4,
            fields: vec![field("next", 0, u32_()), field("end", 4, u32_())],
        },
    ]
}

// ---------------------------------------------------------------- the binary

fn exe() -> Vec<u8> {
    std::fs::read("/proc/self/exe").expect("read /proc/self/exe")
}

/// `__kfunc_<kind>__<name>` symbols of the binary: name -> (address, size, global).
fn symbols(file: &object::File<'_>, prefix: &str) -> BTreeMap<String, (u64, u64, bool)> {
    file.symbols()
        .filter_map(|s| {
            let name = s.name().ok()?;
            let kfunc = name.strip_prefix(prefix)?;
            Some((kfunc.to_owned(), (s.address(), s.size(), s.is_global())))
        })
        .collect()
}

fn expected_flags() -> BTreeMap<String, u32> {
    expected_funcs()
        .into_iter()
        .map(|f| (f.name, f.flags))
        .collect()
}

fn expected_limits() -> BTreeMap<String, u64> {
    expected_funcs()
        .into_iter()
        .filter(|f| f.prog_types != 0)
        .map(|f| (f.name, f.prog_types))
        .collect()
}

#[test]
fn flag_table_has_one_entry_per_kfunc_with_exact_flags() {
    let data = exe();
    let file = object::File::parse(&*data).unwrap();
    let syms = symbols(&file, "__kfunc_flags__");
    let expected = expected_flags();
    assert_eq!(
        syms.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );

    // Run time: linkme's slice is exactly the entries, each with id 0.
    let entries: &[FlagEntry] = kfunc::registry::entries();
    assert_eq!(entries.len(), expected.len());
    assert!(entries.iter().all(|e| e.id == 0));

    // Symbol -> entry, through the load bias of this (PIE) process.
    let section = file
        .section_by_name("linkme_KFUNC_FLAG_TABLE")
        .expect("flag-table section");
    let bias = entries.as_ptr() as u64 - section.address();
    let mut seen = Vec::new();
    for (name, (addr, size, global)) in &syms {
        assert_eq!(*size, 8, "{name}: entry symbol size");
        assert!(*global, "{name}: entry symbol must be global");
        let index = ((addr + bias - entries.as_ptr() as u64) / 8) as usize;
        assert_eq!(
            (addr - section.address()) % 8,
            0,
            "{name}: misaligned entry"
        );
        let entry = entries[index];
        assert_eq!(
            entry,
            FlagEntry {
                id: 0,
                flags: expected[name]
            },
            "{name}"
        );
        seen.push(index);
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(
        seen.len(),
        entries.len(),
        "every entry has exactly one symbol"
    );
}

#[test]
fn program_type_limits_exist_only_for_limited_kfuncs() {
    let data = exe();
    let file = object::File::parse(&*data).unwrap();
    let syms = symbols(&file, "__kfunc_limit__");
    let expected = expected_limits();
    assert_eq!(
        syms.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );

    let limits: &[ProgLimit] = kfunc::registry::limits();
    assert_eq!(limits.len(), expected.len());
    let section = file
        .section_by_name("linkme_KFUNC_PROG_LIMITS")
        .expect("limits section");
    let bias = limits.as_ptr() as u64 - section.address();
    for (name, (addr, size, global)) in &syms {
        assert_eq!(*size, 16, "{name}: limit symbol size");
        assert!(*global, "{name}: limit symbol must be global");
        let index = ((addr + bias - limits.as_ptr() as u64) / 16) as usize;
        assert_eq!(limits[index], ProgLimit::new(expected[name]), "{name}");
    }
}

#[test]
fn interface_stubs_decode_exactly() {
    let data = exe();
    let file = object::File::parse(&*data).unwrap();
    let section = file
        .section_by_name(kfunc::__private::INTERFACE_SECTION)
        .expect("the test binary has a .comment.kfunc.interface section");
    let records = decode::decode_section(section.data().unwrap()).expect("section decodes");

    let mut funcs: BTreeMap<String, DecodedFunc> = BTreeMap::new();
    let mut structs: BTreeMap<String, DecodedStruct> = BTreeMap::new();
    for located in records {
        match located.record {
            Record::Func(f) => assert!(
                funcs.insert(f.name.clone(), f).is_none(),
                "duplicate record"
            ),
            Record::Struct(s) => assert!(
                structs.insert(s.name.clone(), s).is_none(),
                "duplicate record"
            ),
            other => panic!("unexpected record {other:?}"),
        }
    }
    let expected = expected_funcs();
    assert_eq!(
        funcs.len(),
        expected.len(),
        "{:?}",
        funcs.keys().collect::<Vec<_>>()
    );
    for want in expected {
        let got = funcs
            .get(&want.name)
            .unwrap_or_else(|| panic!("no stub for {}", want.name));
        assert_eq!(got, &want, "{}", want.name);
    }
    let expected = expected_structs();
    assert_eq!(structs.len(), expected.len());
    for want in expected {
        assert_eq!(structs.get(&want.name), Some(&want), "{}", want.name);
    }
}

#[test]
fn interface_prototype_drops_implicit_arguments() {
    let data = exe();
    let file = object::File::parse(&*data).unwrap();
    let section = file.section_by_name(".comment.kfunc.interface").unwrap();
    let records = decode::decode_section(section.data().unwrap()).unwrap();
    let f = records
        .into_iter()
        .find_map(|l| match l.record {
            Record::Func(f) if f.name == "bpf_r_implicit" => Some(f),
            _ => None,
        })
        .unwrap();
    assert!(f.has_implicit());
    let interface: Vec<String> = f.interface_params().map(|p| p.btf_name()).collect();
    assert_eq!(interface, ["delta"]);
}

#[test]
fn implementations_are_callable_rust_functions() {
    assert_eq!(bpf_r_plain(41), 42);
    assert_eq!(bpf_r_narrow(2, true, 40), 42);
    // SAFETY: `ProgAux` is zero-sized; a dangling, aligned pointer is valid
    // for the duration of this call, which never reads through it.
    let aux = unsafe { ProgAux::from_ptr(core::ptr::NonNull::dangling().as_ptr()) };
    assert_eq!(bpf_r_implicit(21, aux), 42);
}

// The exported C entries, declared as a BPF program reaches them: every
// argument a full 64-bit register.
extern "C" {
    #[link_name = "bpf_r_narrow"]
    fn narrow_entry(x: u64, on: u64, s: u64) -> u64;
    #[link_name = "bpf_r_plain"]
    fn plain_entry(x: u64) -> u64;
}

#[test]
fn entries_convert_full_registers_like_c_casts() {
    // SAFETY: the entries take three and one integer registers.
    unsafe {
        // 0x1ff for a `u8` is 0xff; 2 for a `bool` is `true`; 0x1_0005 for
        // an `i16` is 5.
        assert_eq!(narrow_entry(0x1ff, 2, 0x1_0005), 260);
        // `bool` from any non-zero register, even with only high bits set.
        assert_eq!(narrow_entry(1, 1 << 32, 1), 2);
        assert_eq!(narrow_entry(1, 0, 1), 1);
        // An `i16` return is sign-extended to the whole register.
        assert_eq!(narrow_entry(0, 0, 0xffff), u64::MAX);
        // `u32`: the high half of the register is ignored, the return
        // zero-extended.
        assert_eq!(plain_entry(0xdead_0000_0000_0029), 42);
        assert_eq!(plain_entry(0x1_0000_0000), 1);
    }
}

// ---------------------------------------------------------------- macro bytes = encoder bytes

/// A `'static` [`Type`] for a decoded one (leaked: test only).
fn to_type(t: &DecodedType) -> Type {
    let leak = |t: &DecodedType| -> &'static Type { Box::leak(Box::new(to_type(t))) };
    match t {
        DecodedType::Void => Type::Void,
        DecodedType::Int { size, signed } => Type::Int {
            size: *size,
            signed: *signed,
        },
        DecodedType::Bool => Type::Bool,
        DecodedType::Char { signed } => Type::Char { signed: *signed },
        DecodedType::Ptr { pointee, mutable } => Type::Ptr {
            pointee: leak(pointee),
            mutable: *mutable,
        },
        DecodedType::Struct { name } => Type::Struct {
            name: name.clone().leak(),
        },
        DecodedType::FnPtr { ret, params } => Type::FnPtr {
            ret: leak(ret),
            params: params.iter().map(to_type).collect::<Vec<_>>().leak(),
        },
        DecodedType::Array { elem, len } => Type::Array {
            elem: leak(elem),
            len: *len,
        },
    }
}

/// The expected kfunc as the runtime encoder's input.
fn to_func(f: &DecodedFunc) -> Func {
    Func {
        name: f.name.clone().leak(),
        flags: f.flags,
        prog_types: f.prog_types,
        ret: to_type(&f.ret),
        params: f
            .params
            .iter()
            .map(|p| Param {
                name: p.name.clone().leak(),
                suffix: p.suffix.clone().leak(),
                implicit: p.implicit,
                ty: to_type(&p.ty),
            })
            .collect::<Vec<_>>()
            .leak(),
    }
}

/// The expected struct as the runtime encoder's input.
fn to_struct(s: &DecodedStruct) -> StructDef {
    StructDef {
        data: s.data,
        name: s.name.clone().leak(),
        size: s.size,
        align: s.align,
        fields: s
            .fields
            .iter()
            .map(|f| Field {
                name: f.name.clone().leak(),
                offset: f.offset,
                ty: to_type(&f.ty),
            })
            .collect::<Vec<_>>()
            .leak(),
    }
}

/// The macros write most records as literals (docs/interface-stubs.md,
/// "Who writes the bytes"); each must be byte for byte what the runtime's
/// reference encoder writes for the same kfunc or struct.
#[test]
fn macro_records_equal_the_runtime_encoder_bytes() {
    let data = exe();
    let file = object::File::parse(&*data).unwrap();
    let section = file
        .section_by_name(kfunc::__private::INTERFACE_SECTION)
        .unwrap();
    let bytes = section.data().unwrap();
    let mut in_file: BTreeMap<String, &[u8]> = BTreeMap::new();
    for located in decode::decode_section(bytes).unwrap() {
        let at = located.offset;
        let len = u32::from_le_bytes(bytes[at + 8..at + 12].try_into().unwrap()) as usize;
        let name = match located.record {
            Record::Func(f) => f.name,
            Record::Struct(s) => format!("struct {}", s.name),
            other => panic!("unexpected record {other:?}"),
        };
        in_file.insert(name, &bytes[at..at + len]);
    }
    let mut checked = 0;
    for want in expected_funcs() {
        let func = to_func(&want);
        let mut encoded = vec![0; kfunc::interface::func_len(&func)];
        kfunc::interface::write_func(&func, &mut encoded);
        assert_eq!(in_file[&want.name], &encoded[..], "{}", want.name);
        checked += 1;
    }
    for want in expected_structs() {
        let def = to_struct(&want);
        let mut encoded = vec![0; kfunc::interface::struct_len(&def)];
        kfunc::interface::write_struct(&def, &mut encoded);
        let name = format!("struct {}", want.name);
        assert_eq!(in_file[&name], &encoded[..], "{name}");
        checked += 1;
    }
    assert_eq!(checked, in_file.len(), "every record was compared");
}
