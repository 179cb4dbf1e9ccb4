//! The verifier model (`kfunc::verifier`) applied to the stubs a module
//! carries. The macro refuses all of this at compile time; `kfunc-btf`
//! refuses it again because a stub may be hand-made, stale, or written by
//! another tool, and the BTF it would become is what the verifier trusts.

use kfunc::verifier;

use crate::error::Error;
use crate::flags;
use crate::stub::{Kfunc, Stubs, TypeRef};

/// Refuses the first stub the verifier would read other than the macro
/// meant: `KF_FASTCALL`, a function pointer anywhere in a prototype, a
/// parameter name or suffix the verifier interprets, a struct name it
/// interprets, a field named like the object marker.
pub fn check(stubs: &Stubs) -> Result<(), Error> {
    for k in &stubs.kfuncs {
        check_kfunc(k)?;
    }
    for s in &stubs.structs {
        if let Some(why) = verifier::struct_name_problem(&s.name) {
            return Err(Error::Model(format!("struct `{}`: {why}", s.name)));
        }
        if let Some(f) = s.fields.iter().find(|f| f.name == verifier::OBJECT_MARKER) {
            return Err(Error::Model(format!(
                "struct `{}`: field `{}` is the name of the member kfunc-btf appends",
                s.name, f.name
            )));
        }
        for f in &s.fields {
            if has_fn_ptr(&f.ty) {
                return Err(Error::Model(format!(
                    "struct `{}`: field `{}` is a function pointer: {FN_PTR_WHY}",
                    s.name, f.name
                )));
            }
        }
    }
    Ok(())
}

const FN_PTR_WHY: &str = "the verifier checks callbacks only for a fixed list of the \
     kernel's own kfuncs, so a program could pass any address";

fn check_kfunc(k: &Kfunc) -> Result<(), Error> {
    let name = &k.name;
    if k.flags & flags::KF_FASTCALL != 0 {
        return Err(Error::Model(format!(
            "kfunc `{name}` has KF_FASTCALL: the verifier would drop the program's spills and \
             fills of r1-r5 around the call, and compiled code does not preserve them"
        )));
    }
    if has_fn_ptr(&k.ret) {
        return Err(Error::Model(format!(
            "kfunc `{name}`: the return value is a function pointer: {FN_PTR_WHY}"
        )));
    }
    for p in &k.params {
        let shown = p.btf_name();
        if let Some(why) = verifier::param_name_problem(&p.name) {
            return Err(Error::Model(format!(
                "kfunc `{name}`: parameter `{shown}`: {why}"
            )));
        }
        if !verifier::suffix_is_known(&p.suffix) {
            return Err(Error::Model(format!(
                "kfunc `{name}`: parameter `{shown}`: the suffix `{}` is not a sequence of \
                 known annotations (`__sz`, `__k`, `__nullable`, ...)",
                p.suffix
            )));
        }
        if has_fn_ptr(&p.ty) {
            return Err(Error::Model(format!(
                "kfunc `{name}`: parameter `{shown}` is a function pointer: {FN_PTR_WHY}"
            )));
        }
    }
    Ok(())
}

fn has_fn_ptr(t: &TypeRef) -> bool {
    match t {
        TypeRef::FnPtr { .. } => true,
        TypeRef::Ptr { pointee, .. } => has_fn_ptr(pointee),
        TypeRef::Array { elem, .. } => has_fn_ptr(elem),
        _ => false,
    }
}
