//! kCFI and destructors: the kernel calls a destructor through a
//! `void (*)(void *)` pointer, and with `CONFIG_CFI_CLANG` the callee's
//! type id must be that type's. The macro fixture (`#[kfunc(release, dtor)]
//! kf_point_put`) is built as a kCFI kernel builds Rust (its
//! `RUSTC_FLAGS_CFI`: `-Zsanitizer=kcfi -Zsanitizer-cfi-normalize-integers
//! -Zmerge-functions=disabled`), a C function
//! `void f(void *)` as it builds C (`-fsanitize=kcfi` with normalized
//! integers), and the type ids in their kCFI preambles are compared: the
//! wrapper `kf_point_put_dtor` must carry C's, the kfunc itself (a
//! `*mut kf_point` parameter) another one, which is why the wrapper exists.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use common::*;
use object::read::{Object, ObjectSection, ObjectSymbol};

/// The kCFI type id of every function in the object `obj` that has a
/// preamble: x86-64 puts `__cfi_<f>` before `f`, padding then
/// `mov $typeid, %eax` (`b8` + imm32).
fn type_ids(obj: &Path) -> HashMap<String, u32> {
    let data = std::fs::read(obj).unwrap();
    let f = object::File::parse(&*data).unwrap();
    let mut out = HashMap::new();
    for s in f.symbols() {
        let Some(name) = s.name().ok().and_then(|n| n.strip_prefix("__cfi_")) else {
            continue;
        };
        let sec = f.section_by_index(s.section_index().unwrap()).unwrap();
        let bytes = sec.data().unwrap();
        let at = s.address() as usize;
        let pre = &bytes[at..at + 16];
        let mov = pre
            .iter()
            .position(|&b| b == 0xb8)
            .unwrap_or_else(|| panic!("__cfi_{name}: no mov in {pre:02x?}"));
        let id = u32::from_le_bytes(pre[mov + 1..mov + 5].try_into().unwrap());
        out.insert(name.to_owned(), id);
    }
    out
}

#[test]
fn destructor_wrapper_has_the_kcfi_type_of_void_fn_of_void_ptr() {
    // the macro fixture, as a kCFI kernel compiles Rust (the prebuilt `core`
    // has no kCFI: allowed here, the object is only read)
    let target_dir = work().join("kcfi-target");
    let mut flags: Vec<&str> = RUST_KERNEL_FLAGS.to_vec();
    // the kernel's RUSTC_FLAGS_CFI (Makefile): without function merging,
    // which would give functions of different types one preamble
    flags.extend([
        "-Zsanitizer=kcfi",
        "-Zsanitizer-cfi-normalize-integers",
        "-Zmerge-functions=disabled",
        "-Cunsafe-allow-abi-mismatch=sanitizer,sanitizer-cfi-normalize-integers",
    ]);
    run(Command::new(cargo())
        .current_dir(manifest_dir().join("tests/fixtures/macros"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTFLAGS", flags.join(" "))
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("CARGO_BUILD_TARGET")
        .args(["rustc", "--release", "--quiet", "--target", TARGET])
        .args(["--", "--emit=obj"]));
    let deps = target_dir.join(TARGET).join("release/deps");
    let obj = find_artifact(&deps, "kfunc_fixture_macros-", ".o");
    let rust = type_ids(&obj);

    // C's `void (*)(void *)`, as the kernel builds C with kCFI
    let dir = work().join("kcfi-c");
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("dtor.c");
    std::fs::write(
        &src,
        "struct kf_point;\n\
         void c_dtor(void *obj) { (void)obj; }\n\
         void c_put(struct kf_point *p) { (void)p; }\n",
    )
    .unwrap();
    let cobj = dir.join("dtor.o");
    run(Command::new("clang-19")
        .args([
            "-O2",
            "-c",
            "-fsanitize=kcfi",
            "-fsanitize-cfi-icall-experimental-normalize-integers",
            "-o",
        ])
        .arg(&cobj)
        .arg(&src));
    let c = type_ids(&cobj);

    let void_fn_of_void_ptr = c["c_dtor"];
    assert_ne!(
        c["c_put"], void_fn_of_void_ptr,
        "C's type ids do not tell the two types apart"
    );
    assert_eq!(
        rust.get("kf_point_put_dtor"),
        Some(&void_fn_of_void_ptr),
        "the wrapper the kernel calls must have C's type id of void (*)(void *) \
         (Rust's ids: {rust:x?})"
    );
    // the kfunc itself does not: called as the destructor, kCFI would trap
    let kfunc = rust["kf_point_put"];
    assert_ne!(kfunc, void_fn_of_void_ptr);
}
