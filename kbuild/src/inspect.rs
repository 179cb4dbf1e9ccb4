//! `kfunc-btf inspect`: lists the kfuncs of a module and checks its flag
//! table the way `register_btf_kfunc_id_set()` (kernel/bpf/btf.c) will:
//! `BTF_SET8_KFUNCS` set, `cnt` right, every id a FUNC -> FUNC_PROTO with the
//! entry's name, ids sorted, no name clash with vmlinux, iterator rules
//! (`btf_check_iter_kfuncs`), and for `implicit_args` the `<name>_impl` FUNC
//! the verifier looks up.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use crate::apply::{collect, load_base, load_module_btf, own_funcs, Collected};
use crate::btf::{kind, Btf};
use crate::cdecl::btf_decl;
use crate::elf::BTF_SET8_KFUNCS;
use crate::emit::{IMPL_SUFFIX, TAG_KFUNC};
use crate::error::Error;
use crate::flags::{self, describe};

/// Most kfuncs one BTF may register for one hook (`BTF_KFUNC_SET_MAX_CNT`).
pub const MAX_KFUNCS_PER_HOOK: usize = 256;

/// The result of `inspect`.
#[derive(Debug, Clone)]
pub struct Report {
    /// The listing.
    pub text: String,
    /// Why registration would fail (empty: it would succeed).
    pub problems: Vec<String>,
}

fn skip_mods(btf: &Btf, mut id: u32) -> u32 {
    for _ in 0..32 {
        match btf.kind_of(id) {
            Some(
                kind::CONST | kind::VOLATILE | kind::RESTRICT | kind::TYPEDEF | kind::TYPE_TAG,
            ) => {
                id = btf.type_info(id).map_or(0, |t| t.size_or_type);
            }
            _ => break,
        }
    }
    id
}

/// `btf_check_iter_kfuncs`, with reasons.
pub fn check_iter(btf: &Btf, name: &str, proto: u32, fl: u32) -> Result<(), String> {
    let it = fl & (flags::KF_ITER_NEW | flags::KF_ITER_NEXT | flags::KF_ITER_DESTROY);
    if it.count_ones() != 1 {
        return Err("exactly one of KF_ITER_NEW, KF_ITER_NEXT, KF_ITER_DESTROY must be set".into());
    }
    let p = btf.type_info(proto).ok_or("no prototype")?;
    let first = p
        .members
        .first()
        .ok_or("an iterator kfunc needs a first parameter `struct bpf_iter_<type> *`")?;
    let ptr = skip_mods(btf, first.type_id);
    let st = btf
        .type_info(ptr)
        .filter(|t| t.kind == kind::PTR)
        .map(|t| skip_mods(btf, t.size_or_type))
        .and_then(|id| btf.type_info(id))
        .filter(|t| t.kind == kind::STRUCT || t.kind == kind::UNION)
        .ok_or("the first parameter must be a pointer to `struct bpf_iter_<type>`")?;
    let Some(ty) = st.name.strip_prefix("bpf_iter_") else {
        return Err(format!(
            "the first parameter points to `struct {}`, whose name does not start with bpf_iter_",
            st.name
        ));
    };
    if st.size_or_type == 0 || st.size_or_type % 8 != 0 {
        return Err(format!(
            "`struct {}` has size {}: it must be a non-zero multiple of 8",
            st.name, st.size_or_type
        ));
    }
    let sfx = if it == flags::KF_ITER_NEW {
        "new"
    } else if it == flags::KF_ITER_NEXT {
        "next"
    } else {
        "destroy"
    };
    let want = format!("bpf_iter_{ty}_{sfx}");
    if name != want {
        return Err(format!(
            "an iterator kfunc with this flag must be named `{want}`"
        ));
    }
    if it != flags::KF_ITER_NEW && p.members.len() != 1 {
        return Err("only the _new iterator kfunc may have more than one parameter".into());
    }
    if it == flags::KF_ITER_NEXT && btf.kind_of(skip_mods(btf, p.size_or_type)) != Some(kind::PTR) {
        return Err("bpf_iter_<type>_next must return a pointer".into());
    }
    if it == flags::KF_ITER_DESTROY && p.size_or_type != 0 {
        return Err("bpf_iter_<type>_destroy must return void".into());
    }
    Ok(())
}

/// Runs `inspect` on `ko` with `base` as vmlinux.
pub fn inspect(ko: &Path, base: &Path) -> Result<Report, Error> {
    let Collected {
        module,
        stubs,
        table,
    } = collect(ko)?;
    let vmlinux = load_base(base)?;
    let mbtf = load_module_btf(&module, &vmlinux)?;
    let btf = &mbtf.split;
    let mut problems = Vec::new();
    let mut text = String::new();
    if mbtf.distilled {
        // what the kernel does at load time
        let copy = load_module_btf(&module, &vmlinux)?;
        let mut split = copy.split;
        if let Err(e) = split.relocate(vmlinux.clone()) {
            problems.push(format!(
                "the module BTF does not relocate onto this vmlinux: {e}"
            ));
        }
    }
    let funcs = own_funcs(btf);
    let mut tags: HashMap<u32, Vec<String>> = HashMap::new();
    for id in btf.start_id()..btf.type_cnt() {
        if btf.kind_of(id) == Some(kind::DECL_TAG) {
            if let Some(t) = btf.type_info(id) {
                if t.component_idx == -1 {
                    tags.entry(t.size_or_type).or_default().push(t.name);
                }
            }
        }
    }
    let vmlinux_funcs: HashSet<&str> = (1..vmlinux.type_cnt())
        .filter(|&id| vmlinux.kind_of(id) == Some(kind::FUNC))
        .map(|id| vmlinux.name_of(id))
        .collect();
    let _ = writeln!(
        text,
        "{}: {} kfunc(s), set flags {:#x}, cnt {}, module BTF {}",
        ko.display(),
        table.entries.len(),
        table.set_flags,
        table.cnt,
        if mbtf.distilled {
            "split on a distilled .BTF.base"
        } else {
            "split on vmlinux"
        }
    );
    if table.set_flags & BTF_SET8_KFUNCS == 0 {
        problems.push("the set header's flags lack BTF_SET8_KFUNCS".into());
    }
    if table.cnt as usize != table.entries.len() {
        problems.push(format!(
            "cnt is {} but the table has {} entries (run `kfunc-btf apply`)",
            table.cnt,
            table.entries.len()
        ));
    }
    if table.entries.len() > MAX_KFUNCS_PER_HOOK {
        problems.push(format!(
            "{} kfuncs: at most {MAX_KFUNCS_PER_HOOK} may be registered per program-type hook",
            table.entries.len()
        ));
    }
    let mut prev = 0u32;
    for e in &table.entries {
        let _ = writeln!(text, "\n{} (id {}): {}", e.name, e.id, describe(e.flags));
        let mut bad = |m: String| problems.push(format!("kfunc `{}`: {m}", e.name));
        if e.id == 0 {
            bad("id is 0 (run `kfunc-btf apply`)".into());
            continue;
        }
        if e.id <= prev {
            bad(format!(
                "id {} is not above the previous one ({prev}): the table is not sorted",
                e.id
            ));
        }
        prev = e.id;
        let Some(f) = btf.type_info(e.id).filter(|t| t.kind == kind::FUNC) else {
            bad(format!("id {} is not a FUNC", e.id));
            continue;
        };
        if f.name != e.name {
            bad(format!(
                "id {} is FUNC `{}`, not `{}`",
                e.id, f.name, e.name
            ));
        }
        if btf.kind_of(f.size_or_type) != Some(kind::FUNC_PROTO) {
            bad("its FUNC does not point to a FUNC_PROTO".into());
            continue;
        }
        if vmlinux_funcs.contains(e.name.as_str()) {
            bad("vmlinux already has a function of this name".into());
        }
        let ftags = tags.get(&e.id).cloned().unwrap_or_default();
        if !ftags.iter().any(|t| t == TAG_KFUNC) {
            bad(format!("its FUNC lacks the DECL_TAG {TAG_KFUNC}"));
        }
        let _ = writeln!(text, "  tags:           {}", ftags.join(", "));
        let _ = writeln!(
            text,
            "  interface:      {}",
            btf_decl(btf, f.size_or_type, &e.name)
        );
        if e.flags & flags::KF_IMPLICIT_ARGS != 0 {
            let iname = format!("{}{IMPL_SUFFIX}", e.name);
            match funcs.get(&iname).and_then(|&id| btf.type_info(id)) {
                Some(fi) if btf.kind_of(fi.size_or_type) == Some(kind::FUNC_PROTO) => {
                    let _ = writeln!(
                        text,
                        "  implementation: {}",
                        btf_decl(btf, fi.size_or_type, &e.name)
                    );
                }
                _ => bad(format!(
                    "KF_IMPLICIT_ARGS but no FUNC `{iname}` -> FUNC_PROTO (the verifier reports \"cannot find function {iname} in BTF\")"
                )),
            }
        } else {
            let _ = writeln!(
                text,
                "  implementation: {}",
                btf_decl(btf, f.size_or_type, &e.name)
            );
        }
        if e.flags & (flags::KF_ITER_NEW | flags::KF_ITER_NEXT | flags::KF_ITER_DESTROY) != 0 {
            if let Err(m) = check_iter(btf, &e.name, f.size_or_type, e.flags) {
                bad(format!("iterator rule: {m}"));
            }
        }
        if let Some(k) = stubs.kfuncs.iter().find(|k| k.name == e.name) {
            for (i, (pname, class, nullable)) in
                crate::model::classify(k, &stubs).into_iter().enumerate()
            {
                let _ = writeln!(
                    text,
                    "  {:<16}{pname}: {class}{}",
                    if i == 0 { "arguments:" } else { "" },
                    if nullable { ", or NULL" } else { "" }
                );
            }
        }
        if let Some(l) = table.limits.iter().find(|l| l.name == e.name) {
            let _ = writeln!(text, "  program types:  mask {:#x}", l.mask);
            if l.id != e.id {
                bad(format!(
                    "its program-type limit has id {}, not {}",
                    l.id, e.id
                ));
            }
        }
    }
    if problems.is_empty() {
        let _ = writeln!(
            text,
            "\nOK: register_btf_kfunc_id_set() would accept this flag table"
        );
    }
    Ok(Report { text, problems })
}
