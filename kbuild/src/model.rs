//! The verifier model (`kfunc::verifier`) applied to the stubs a module
//! carries. The macro refuses all of this at compile time; `kfunc-btf`
//! refuses it again because a stub may be hand-made, stale, or written by
//! another tool, and the BTF it would become is what the verifier trusts.

use kfunc::verifier;

use crate::error::Error;
use crate::flags;
use crate::stub::{Kfunc, StructDef, Stubs, TypeRef};

/// Refuses the first stub the verifier would read other than the macro
/// meant: `KF_FASTCALL`, a function pointer anywhere in a prototype, a
/// parameter name or suffix the verifier interprets, a struct name it
/// interprets, a field named like the object marker.
pub fn check(stubs: &Stubs) -> Result<(), Error> {
    for k in &stubs.kfuncs {
        check_kfunc(k)?;
    }
    for s in &stubs.structs {
        if s.data {
            check_data(s, stubs, 0)?;
        }
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

/// A data struct must be what the verifier calls a struct of scalars
/// (`__btf_type_is_scalar_struct`): integers, arrays of integers, and data
/// structs, nested at most [`verifier::MAX_DATA_NESTING`] deep; otherwise
/// the verifier would demand an object for it and refuse every program.
fn check_data(s: &StructDef, stubs: &Stubs, depth: usize) -> Result<(), Error> {
    if depth > verifier::MAX_DATA_NESTING {
        return Err(Error::Model(format!(
            "data struct `{}` is nested more than {} levels deep, which the verifier does not \
             take for a struct of scalars",
            s.name,
            verifier::MAX_DATA_NESTING
        )));
    }
    for f in &s.fields {
        let mut t = &f.ty;
        while let TypeRef::Array { elem, .. } = t {
            t = elem;
        }
        let ok = match t {
            TypeRef::Int { .. } | TypeRef::Char { .. } => true,
            TypeRef::Struct { name } => match stubs.structs.iter().find(|d| &d.name == name) {
                Some(inner) if inner.data => {
                    check_data(inner, stubs, depth + 1)?;
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !ok {
            return Err(Error::Model(format!(
                "data struct `{}`: field `{}` is `{}`; a data struct holds integers, arrays of \
                 integers and data structs only (what the verifier takes plain memory for)",
                s.name, f.name, f.ty
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
