//! `kfunc-btf header`: a C header for BPF programs (`clang -target bpf`).
//!
//! Decisions:
//! - every kfunc is declared with its **interface** prototype (implicit
//!   arguments removed): `extern <ret> <name>(<params>) __ksym __weak;`;
//! - `#[derive(BtfType)]` structs of the module get full definitions (with
//!   explicit padding and `_Static_assert`s on size and offsets);
//! - kernel structs are expected to come from `vmlinux.h`, included before
//!   this header: libbpf rejects a kfunc prototype whose struct is only a
//!   forward declaration in the program's BTF. Without `vmlinux.h`
//!   (`__VMLINUX_H__` undefined) the header stops with `#error` unless the
//!   program defines `KFUNC_NO_VMLINUX_TYPES` (it then supplies the kernel
//!   struct definitions itself, or accepts forward declarations for
//!   prototypes it never calls). Forward declarations `struct X;` are always
//!   emitted so the prototypes parse in either case.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use crate::btf::{kind, Btf};
use crate::cdecl::stub_decl;
use crate::error::Error;
use crate::flags;
use crate::stub::{Kfunc, StructDef, Stubs, TypeRef};

fn walk_structs(t: &TypeRef, out: &mut Vec<String>) {
    match t {
        TypeRef::Struct { name: n } => out.push(n.clone()),
        TypeRef::Ptr { pointee, .. } => walk_structs(pointee, out),
        TypeRef::FnPtr { ret, params } => {
            walk_structs(ret, out);
            params.iter().for_each(|p| walk_structs(p, out));
        }
        TypeRef::Array { elem, .. } => walk_structs(elem, out),
        _ => {}
    }
}

/// Kernel typedefs (`u64`, `bool`, ...) `t` is spelled with, with their C
/// definitions.
fn walk_typedefs(t: &TypeRef, out: &mut BTreeSet<(&'static str, &'static str)>) {
    match t {
        TypeRef::Int { size, signed } => {
            let base = crate::cdecl::c_int(*size, *signed);
            out.insert((crate::emit::kernel_int_typedef(*size, *signed), base));
        }
        TypeRef::Bool => {
            out.insert((crate::emit::BOOL_TYPEDEF, "_Bool"));
        }
        TypeRef::Ptr { pointee, .. } => walk_typedefs(pointee, out),
        TypeRef::FnPtr { ret, params } => {
            walk_typedefs(ret, out);
            params.iter().for_each(|p| walk_typedefs(p, out));
        }
        TypeRef::Array { elem, .. } => walk_typedefs(elem, out),
        _ => {}
    }
}

/// Struct names used by value (not behind a pointer).
fn by_value(t: &TypeRef, out: &mut Vec<String>) {
    match t {
        TypeRef::Struct { name: n } => out.push(n.clone()),
        TypeRef::Array { elem, .. } => by_value(elem, out),
        _ => {}
    }
}

fn size_align(t: &TypeRef, structs: &HashMap<&str, &StructDef>) -> Option<(u64, u64)> {
    Some(match t {
        TypeRef::Void => (0, 1),
        TypeRef::Int { size, .. } => (u64::from(*size), u64::from(*size)),
        TypeRef::Bool | TypeRef::Char { .. } => (1, 1),
        TypeRef::Ptr { .. } | TypeRef::FnPtr { .. } => (8, 8),
        TypeRef::Struct { name: n } => {
            let s = structs.get(n.as_str())?;
            (u64::from(s.size), u64::from(s.align.max(1)))
        }
        TypeRef::Array { len, elem } => {
            let (s, a) = size_align(elem, structs)?;
            // None (an unknown size) for arrays past u64: corrupt stubs
            (s.checked_mul(u64::from(*len))?, a)
        }
    })
}

fn round_up(v: u64, a: u64) -> u64 {
    v.div_ceil(a.max(1)).saturating_mul(a.max(1))
}

fn struct_def(s: &StructDef, structs: &HashMap<&str, &StructDef>, out: &mut String) {
    let _ = writeln!(out, "struct {} {{", s.name);
    let mut fields: Vec<_> = s.fields.iter().collect();
    fields.sort_by_key(|f| f.offset);
    let mut pos: u64 = 0;
    for (i, f) in fields.iter().enumerate() {
        let off = u64::from(f.offset);
        let sa = size_align(&f.ty, structs);
        let align = sa.map_or(1, |x| x.1);
        if off > round_up(pos, align) {
            let _ = writeln!(out, "\tunsigned char __pad{i}[{}];", off - pos);
        }
        let _ = writeln!(out, "\t{};", stub_decl(&f.ty, &f.name));
        pos = off.saturating_add(sa.map_or(0, |x| x.0));
        if sa.is_none() {
            pos = fields
                .get(i + 1)
                .map_or(u64::from(s.size), |n| u64::from(n.offset));
        }
    }
    // The object marker kfunc-btf appends (`kfunc::verifier`) sits at the
    // struct's size: pad up to it, so that this definition has the BTF's
    // members at the BTF's offsets.
    if u64::from(s.size) > pos {
        let _ = writeln!(
            out,
            "\tunsigned char __pad_end[{}];",
            u64::from(s.size) - pos
        );
    }
    if !s.data {
        let _ = writeln!(
            out,
            "\tunsigned char {}[0]; /* kfunc: the verifier takes only real objects for this struct */",
            kfunc::verifier::OBJECT_MARKER
        );
    }
    let _ = writeln!(out, "}} __attribute__((aligned({})));", s.align.max(1));
    let _ = writeln!(
        out,
        "_Static_assert(sizeof(struct {0}) == {1}, \"struct {0}: size differs from the Rust definition\");",
        s.name, s.size
    );
    for f in &fields {
        let _ = writeln!(
            out,
            "_Static_assert(__builtin_offsetof(struct {0}, {1}) == {2}, \"struct {0}: field {1} moved\");",
            s.name, f.name, f.offset
        );
    }
    if !s.data {
        let _ = writeln!(
            out,
            "_Static_assert(__builtin_offsetof(struct {0}, {1}) == {2}, \"struct {0}: field {1} moved\");",
            s.name,
            kfunc::verifier::OBJECT_MARKER,
            s.size
        );
    }
    out.push('\n');
}

fn guard_name(module: &str) -> String {
    let m: String = module
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("__KFUNC_{m}_H")
}

fn prototype(k: &Kfunc) -> String {
    let params: Vec<String> = k
        .interface_params()
        .map(|p| stub_decl(&p.ty, &p.name))
        .collect();
    let params = if params.is_empty() {
        "void".to_owned()
    } else {
        params.join(", ")
    };
    stub_decl(&k.ret, &format!("{}({params})", k.name))
}

/// Generates the header. `base`, when given, is used to check that every
/// kernel struct exists in vmlinux BTF.
pub fn generate(module: &str, stubs: &Stubs, base: Option<&Btf>) -> Result<String, Error> {
    let structs: HashMap<&str, &StructDef> =
        stubs.structs.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut kfuncs: Vec<&Kfunc> = stubs.kfuncs.iter().collect();
    kfuncs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut used = Vec::new();
    for k in &kfuncs {
        walk_structs(&k.ret, &mut used);
        k.interface_params()
            .for_each(|p| walk_structs(&p.ty, &mut used));
    }
    for s in &stubs.structs {
        s.fields.iter().for_each(|f| walk_structs(&f.ty, &mut used));
    }
    let kernel: BTreeSet<String> = used
        .into_iter()
        .filter(|n| !structs.contains_key(n.as_str()))
        .collect();
    if let Some(b) = base {
        for n in &kernel {
            if b.find(n, kind::STRUCT).is_none() {
                let user = kfuncs
                    .iter()
                    .find(|k| {
                        let mut v = Vec::new();
                        walk_structs(&k.ret, &mut v);
                        k.params.iter().for_each(|p| walk_structs(&p.ty, &mut v));
                        v.contains(n)
                    })
                    .map_or_else(|| "module".to_owned(), |k| format!("kfunc `{}`", k.name));
                return Err(Error::UnknownStruct {
                    user,
                    place: "header".into(),
                    name: n.clone(),
                    suggestions: Vec::new(),
                });
            }
        }
    }
    let g = guard_name(module);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/* SPDX-License-Identifier: GPL-2.0-only OR MIT */\n\
         /* Generated by `kfunc-btf header`: the kfuncs of module {module}.\n \
         * Interface prototypes (implicit arguments are supplied by the verifier).\n \
         * Include vmlinux.h before this header; see KFUNC_NO_VMLINUX_TYPES below.\n \
         */\n#ifndef {g}\n#define {g}\n"
    );
    if !kernel.is_empty() {
        let list: Vec<&str> = kernel.iter().map(String::as_str).collect();
        let _ = writeln!(
            out,
            "#if !defined(__VMLINUX_H__) && !defined(KFUNC_NO_VMLINUX_TYPES)\n\
             #error \"include vmlinux.h before this header: the kfuncs use kernel struct(s) {}; \
             or define KFUNC_NO_VMLINUX_TYPES and define them yourself first\"\n#endif\n",
            list.join(", ")
        );
        for n in &kernel {
            let _ = writeln!(out, "struct {n};");
        }
        out.push('\n');
    }
    out.push_str(
        "#ifndef __ksym\n#define __ksym __attribute__((section(\".ksyms\")))\n#endif\n\
         #ifndef __weak\n#define __weak __attribute__((weak))\n#endif\n\n",
    );
    // the prototypes use the kernel's typedefs, as C kfuncs do; vmlinux.h
    // defines them, a program without it gets them here
    let mut typedefs = BTreeSet::new();
    for k in &kfuncs {
        walk_typedefs(&k.ret, &mut typedefs);
        k.interface_params()
            .for_each(|p| walk_typedefs(&p.ty, &mut typedefs));
    }
    for s in &stubs.structs {
        s.fields
            .iter()
            .for_each(|f| walk_typedefs(&f.ty, &mut typedefs));
    }
    if !typedefs.is_empty() {
        out.push_str(
            "#ifndef __VMLINUX_H__
",
        );
        for (name, base) in &typedefs {
            if *name == crate::emit::BOOL_TYPEDEF {
                // <stdbool.h> makes `bool` a macro
                let _ = writeln!(
                    out,
                    "#ifndef bool
typedef {base} {name};
#endif"
                );
            } else {
                let _ = writeln!(out, "typedef {base} {name};");
            }
        }
        out.push_str(
            "#endif

",
        );
    }
    if !stubs.structs.is_empty() {
        let mut names: Vec<&str> = stubs.structs.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        for n in names {
            let _ = writeln!(out, "struct {n};");
        }
        out.push('\n');
        // definitions, by-value dependencies first
        let mut done = HashSet::new();
        fn visit<'a>(
            s: &'a StructDef,
            structs: &HashMap<&str, &'a StructDef>,
            done: &mut HashSet<&'a str>,
            out: &mut String,
        ) {
            if !done.insert(s.name.as_str()) {
                return;
            }
            let mut deps = Vec::new();
            s.fields.iter().for_each(|f| by_value(&f.ty, &mut deps));
            for d in deps {
                if let Some(ds) = structs.get(d.as_str()) {
                    visit(ds, structs, done, out);
                }
            }
            struct_def(s, structs, out);
        }
        let mut sorted: Vec<&StructDef> = stubs.structs.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        for s in sorted {
            visit(s, &structs, &mut done, &mut out);
        }
    }
    for k in &kfuncs {
        let implicit: Vec<&str> = k
            .params
            .iter()
            .filter(|p| p.implicit)
            .map(|p| p.name.as_str())
            .collect();
        let _ = write!(out, "/* {}", flags::describe(k.flags));
        if !implicit.is_empty() {
            let _ = write!(out, "; implicit: {}", implicit.join(", "));
        }
        let _ = writeln!(out, " */\nextern {} __ksym __weak;", prototype(k));
    }
    let _ = writeln!(out, "\n#endif /* {g} */");
    Ok(out)
}
