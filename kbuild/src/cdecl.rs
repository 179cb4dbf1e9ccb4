//! C declarations, printed from BTF (for `inspect`) and from interface stubs
//! (for `header`).

use crate::btf::{kind, Btf};
use crate::emit::{int_names, kernel_int_typedef, BOOL_TYPEDEF, CHAR};
use crate::stub::TypeRef;

fn join(base: &str, inner: &str) -> String {
    if inner.is_empty() {
        base.to_owned()
    } else if base.ends_with('*') {
        format!("{base}{inner}")
    } else {
        format!("{base} {inner}")
    }
}

/// C declaration of `id` in `btf` declaring `inner` (a name, or "" for an
/// abstract declarator).
pub fn btf_decl(btf: &Btf, id: u32, inner: &str) -> String {
    let mut budget = DECL_BUDGET;
    btf_decl_depth(btf, id, inner, 0, &mut budget)
}

/// Most types one declaration prints: malformed BTF can make prototypes
/// whose parameters are prototypes with many parameters, nested 16 deep, a
/// declaration exponentially long.
const DECL_BUDGET: u32 = 4096;

fn btf_decl_depth(btf: &Btf, id: u32, inner: &str, depth: u32, budget: &mut u32) -> String {
    if id == 0 {
        return join("void", inner);
    }
    if *budget == 0 || inner.len() > 1 << 16 {
        return join(
            &format!("/* type {id}: declaration too long */ void"),
            inner,
        );
    }
    *budget -= 1;
    let Some(t) = btf.type_info(id).filter(|_| depth < 32) else {
        return join(&format!("/* bad type {id} */ void"), inner);
    };
    let target = t.size_or_type;
    let needs_paren =
        |tid: u32| matches!(btf.kind_of(tid), Some(kind::FUNC_PROTO) | Some(kind::ARRAY));
    match t.kind {
        kind::INT | kind::FLOAT | kind::TYPEDEF => join(&t.name, inner),
        kind::STRUCT => join(&format!("struct {}", t.name), inner),
        kind::UNION => join(&format!("union {}", t.name), inner),
        kind::ENUM | kind::ENUM64 => join(&format!("enum {}", t.name), inner),
        kind::FWD => {
            let kw = if t.kflag { "union" } else { "struct" };
            join(&format!("{kw} {}", t.name), inner)
        }
        kind::PTR => {
            let inner = format!("*{inner}");
            if needs_paren(target) {
                btf_decl_depth(btf, target, &format!("({inner})"), depth + 1, budget)
            } else {
                btf_decl_depth(btf, target, &inner, depth + 1, budget)
            }
        }
        kind::CONST | kind::VOLATILE | kind::RESTRICT => {
            let q = match t.kind {
                kind::CONST => "const",
                kind::VOLATILE => "volatile",
                _ => "restrict",
            };
            if btf.kind_of(target) == Some(kind::PTR) {
                btf_decl_depth(btf, target, &format!("{q} {inner}"), depth + 1, budget)
            } else {
                format!(
                    "{q} {}",
                    btf_decl_depth(btf, target, inner, depth + 1, budget)
                )
            }
        }
        kind::TYPE_TAG => {
            let a = if t.kflag {
                format!("__attribute__(({})) ", t.name)
            } else {
                format!("__attribute__((btf_type_tag(\"{}\"))) ", t.name)
            };
            format!(
                "{a}{}",
                btf_decl_depth(btf, target, inner, depth + 1, budget)
            )
        }
        kind::ARRAY => {
            let (elem, n) = t.array.unwrap_or((0, 0));
            btf_decl_depth(btf, elem, &format!("{inner}[{n}]"), depth + 1, budget)
        }
        kind::FUNC_PROTO => {
            let params = if t.members.is_empty() {
                "void".to_owned()
            } else {
                t.members
                    .iter()
                    .map(|p| {
                        if p.type_id == 0 {
                            "...".to_owned()
                        } else {
                            btf_decl_depth(btf, p.type_id, &p.name, depth + 1, budget)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            btf_decl_depth(
                btf,
                target,
                &format!("{inner}({params})"),
                depth + 1,
                budget,
            )
        }
        kind::FUNC => btf_decl_depth(btf, target, inner, depth + 1, budget),
        _ => join(&format!("/* kind {} */ void", t.kind), inner),
    }
}

/// C spelling of an integer type.
pub fn c_int(size: u8, signed: bool) -> &'static str {
    match (size, signed) {
        (1, true) => "signed char",
        (2, true) => "short",
        (2, false) => "unsigned short",
        (8, true) => "long long",
        (8, false) => "unsigned long long",
        _ => int_names(size, signed)[0],
    }
}

/// C declaration of a stub type declaring `inner`.
pub fn stub_decl(t: &TypeRef, inner: &str) -> String {
    stub_decl_q(t, inner, false)
}

fn stub_decl_q(t: &TypeRef, inner: &str, konst: bool) -> String {
    let q = |base: String| if konst { format!("const {base}") } else { base };
    match t {
        TypeRef::Void => join(&q("void".into()), inner),
        TypeRef::Int { size, signed } => join(&q(kernel_int_typedef(*size, *signed).into()), inner),
        TypeRef::Bool => join(&q(BOOL_TYPEDEF.into()), inner),
        TypeRef::Char { .. } => join(&q(CHAR.into()), inner),
        TypeRef::Struct { name: n } => join(&q(format!("struct {n}")), inner),
        TypeRef::Ptr { mutable, pointee } => {
            let inner = if konst {
                format!("*const {inner}")
            } else {
                format!("*{inner}")
            };
            let inner = inner.trim_end().to_owned();
            match &**pointee {
                TypeRef::FnPtr { .. } | TypeRef::Array { .. } => {
                    stub_decl_q(pointee, &format!("({inner})"), !mutable)
                }
                _ => stub_decl_q(pointee, &inner, !mutable),
            }
        }
        TypeRef::FnPtr { ret, params } => {
            let ps = if params.is_empty() {
                "void".to_owned()
            } else {
                params
                    .iter()
                    .map(|p| stub_decl(p, ""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let c = if konst { "const " } else { "" };
            stub_decl(ret, &format!("(*{c}{inner})({ps})"))
        }
        TypeRef::Array { len, elem } => stub_decl_q(elem, &format!("{inner}[{len}]"), konst),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(t: TypeRef) -> Box<TypeRef> {
        Box::new(t)
    }

    #[test]
    fn stub_declarators_are_c_syntax() {
        let u8t = TypeRef::Int {
            size: 1,
            signed: false,
        };
        let cptr = TypeRef::Ptr {
            pointee: b(u8t.clone()),
            mutable: false,
        };
        assert_eq!(stub_decl(&cptr, "buf"), "const u8 *buf");
        let pp = TypeRef::Ptr {
            pointee: b(cptr.clone()),
            mutable: true,
        };
        assert_eq!(stub_decl(&pp, "p"), "const u8 **p");
        let cp_to_mut = TypeRef::Ptr {
            pointee: b(TypeRef::Ptr {
                pointee: b(u8t.clone()),
                mutable: true,
            }),
            mutable: false,
        };
        assert_eq!(stub_decl(&cp_to_mut, "q"), "u8 *const *q");
        let f = TypeRef::FnPtr {
            ret: b(TypeRef::Void),
            params: vec![TypeRef::Bool, cptr],
        };
        assert_eq!(stub_decl(&f, "cb"), "void (*cb)(bool, const u8 *)");
        let a = TypeRef::Array {
            elem: b(u8t),
            len: 6,
        };
        assert_eq!(stub_decl(&a, "tag"), "u8 tag[6]");
        let s = TypeRef::Ptr {
            pointee: b(TypeRef::Char { signed: true }),
            mutable: false,
        };
        assert_eq!(stub_decl(&s, "name__str"), "const char *name__str");
        assert_eq!(
            stub_decl(
                &TypeRef::Struct {
                    name: "task_struct".into()
                },
                ""
            ),
            "struct task_struct"
        );
    }
}
