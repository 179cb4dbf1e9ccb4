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
        check_kfunc(k, stubs)?;
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

/// How the verifier (6.12 and 7.3: `get_kfunc_ptr_arg_type` /
/// `get_kfunc_arg_type`) classifies one argument of a kfunc, for the forms
/// a stub can express; `kfunc-btf inspect` prints it per parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgClass {
    /// Any scalar (converted by the generated entry).
    Scalar,
    /// `__k`: a known constant.
    Constant,
    /// `__sz` / `__szk`: the size of the memory the previous argument
    /// points to (`__szk`: a constant).
    SizeOf {
        /// The measured parameter.
        of: String,
        /// `__szk`.
        constant: bool,
    },
    /// Supplied by the verifier (`struct bpf_prog_aux *`).
    Implicit,
    /// The iterator state on the program's stack (first argument of an
    /// iterator kfunc).
    Iterator,
    /// A suffix gives the argument its own meaning (`__str`, `__map`, ...).
    Special(String),
    /// Memory measured by the next (`__sz`/`__szk`) argument.
    MeasuredMemory {
        /// The size parameter.
        by: String,
    },
    /// A pointer with the BTF id of a module object (the object marker):
    /// only an object the module handed out.
    Object(String),
    /// A module object followed by a size argument: the verifier wants
    /// memory it can measure, which an object is not, and refuses every
    /// program (`check` refuses such a stub).
    MeasuredObject(String),
    /// A pointer to a module data struct: any readable memory of its size.
    DataMemory(String),
    /// A pointer with the BTF id of a kernel struct (or the program's
    /// context, for context types).
    KernelObject(String),
    /// A pointer to a scalar: readable memory of the scalar's size.
    ScalarMemory,
    /// A `void *` without a size argument after it: every program is
    /// refused.
    UnsizedVoid,
}

impl std::fmt::Display for ArgClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArgClass::Scalar => f.write_str("scalar"),
            ArgClass::Constant => f.write_str("known constant"),
            ArgClass::SizeOf { of, constant } => {
                write!(
                    f,
                    "{}size of `{of}`",
                    if *constant { "constant " } else { "" }
                )
            }
            ArgClass::Implicit => {
                f.write_str("implicit (the verifier passes the program's bpf_prog_aux)")
            }
            ArgClass::Iterator => f.write_str("iterator state on the program's stack"),
            ArgClass::Special(s) => write!(f, "special ({s})"),
            ArgClass::MeasuredMemory { by } => write!(f, "memory of the size `{by}` gives"),
            ArgClass::Object(n) => write!(
                f,
                "object: a trusted or referenced pointer to `struct {n}` only"
            ),
            ArgClass::DataMemory(n) => write!(
                f,
                "plain memory of sizeof(struct {n}) (stack, map value, packet, ...)"
            ),
            ArgClass::KernelObject(n) => write!(f, "a trusted pointer to kernel `struct {n}`"),
            ArgClass::ScalarMemory => f.write_str("plain memory of the pointee's size"),
            ArgClass::MeasuredObject(n) => write!(
                f,
                "every program is refused: `struct {n}` is an object, not memory a size argument measures"
            ),
            ArgClass::UnsizedVoid => {
                f.write_str("every program is refused: a `void *` needs a size argument after it")
            }
        }
    }
}

/// The classes of `k`'s parameters (all of them, implicit ones included),
/// `nullable` marking `__nullable`.
pub fn classify(k: &Kfunc, stubs: &Stubs) -> Vec<(String, ArgClass, bool)> {
    let iter = k.flags & (flags::KF_ITER_NEW | flags::KF_ITER_NEXT | flags::KF_ITER_DESTROY) != 0;
    let has = |suffix: &str, part: &str| suffix.split("__").any(|s| s == part);
    let mut out = Vec::with_capacity(k.params.len());
    for (i, p) in k.params.iter().enumerate() {
        let nullable = has(&p.suffix, "nullable");
        let next = k.params.get(i + 1);
        let next_size = next.filter(|n| has(&n.suffix, "sz") || has(&n.suffix, "szk"));
        let class = match &p.ty {
            _ if p.implicit => ArgClass::Implicit,
            TypeRef::Ptr { pointee, .. } => {
                let special = [
                    "str",
                    "map",
                    "const_map",
                    "arena",
                    "alloc",
                    "refcounted_kptr",
                    "irq_flag",
                    "uninit",
                    "ign",
                    "nonown_allowed",
                ]
                .into_iter()
                .find(|s| has(&p.suffix, s));
                match (&**pointee, special, next_size) {
                    _ if iter && i == 0 => ArgClass::Iterator,
                    (_, Some(s), _) => ArgClass::Special(format!("__{s}")),
                    (TypeRef::Struct { name }, None, Some(_))
                        if stubs.structs.iter().any(|s| &s.name == name && !s.data) =>
                    {
                        ArgClass::MeasuredObject(name.clone())
                    }
                    (_, None, Some(n)) => ArgClass::MeasuredMemory { by: n.btf_name() },
                    (TypeRef::Struct { name }, None, None) => {
                        match stubs.structs.iter().find(|s| &s.name == name) {
                            Some(s) if s.data => ArgClass::DataMemory(name.clone()),
                            Some(_) => ArgClass::Object(name.clone()),
                            None => ArgClass::KernelObject(name.clone()),
                        }
                    }
                    (TypeRef::Void, None, None) => ArgClass::UnsizedVoid,
                    (_, None, None) => ArgClass::ScalarMemory,
                }
            }
            _ if has(&p.suffix, "k") => ArgClass::Constant,
            _ if has(&p.suffix, "szk") || has(&p.suffix, "sz") => ArgClass::SizeOf {
                of: i
                    .checked_sub(1)
                    .map_or_else(String::new, |j| k.params[j].btf_name()),
                constant: has(&p.suffix, "szk"),
            },
            _ => ArgClass::Scalar,
        };
        out.push((p.btf_name(), class, nullable));
    }
    out
}

fn check_kfunc(k: &Kfunc, stubs: &Stubs) -> Result<(), Error> {
    for (name, class, _) in classify(k, stubs) {
        if let ArgClass::MeasuredObject(_) = class {
            return Err(Error::Model(format!(
                "kfunc `{}`: parameter `{name}`: {class}",
                k.name
            )));
        }
    }
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
