//! Semantic checks of a kfunc: its signature, its parameter and return types,
//! and its flags against both. Every problem is reported to the context; the
//! result is only used for expansion when the context stays clean.

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Attribute, Ident};

use crate::ctxt::Ctxt;
use crate::names::{self, Wants};
use crate::parse::{self, Options, Param};
use crate::types::{self, Place, Ty};

/// BPF passes at most five arguments in registers (`MAX_BPF_FUNC_REG_ARGS`).
const MAX_ARGS: usize = 5;

/// A checked kfunc, ready for expansion.
pub(crate) struct Kfunc {
    /// The user's function attributes kept on the implementation.
    pub(crate) attrs: Vec<Attribute>,
    /// The `cfg` attributes, also put on the generated `const _` block.
    pub(crate) cfgs: Vec<Attribute>,
    /// The function as written.
    pub(crate) item: syn::ItemFn,
    /// The symbol and BTF name.
    pub(crate) name: String,
    /// Parameters in order.
    pub(crate) params: Vec<CheckedParam>,
    /// The stub's return type.
    pub(crate) ret: Ty,
    /// `KF_*` bits given as options.
    pub(crate) flags: u32,
    /// Whether the kfunc takes a reference (`&T`, `Option<&T>`), a
    /// `Copied<T>` or a `RacyBytes` and no option already makes the
    /// verifier require valid pointers (`rcu`,
    /// `trusted_args`): then the flags add `KF_TRUSTED_ARGS` on kernels that
    /// have it (before 7.0; from 7.0 on every kfunc argument is trusted).
    pub(crate) trust_refs: bool,
    /// Program-type mask, 0 = no limit.
    pub(crate) prog_mask: u64,
    /// Gate names with the span of the option that needs them.
    pub(crate) gates: Vec<(String, Span)>,
    /// For iterator kfuncs: the `bpf_iter_<type>` struct, as written, whose
    /// size the expansion asserts (non-zero, a multiple of 8).
    pub(crate) iter_state: Option<syn::Type>,
    /// An acquire kfunc returning an owner: the owner as written
    /// (`Arc<T>`) and whether it is wrapped in `Option`.
    pub(crate) ret_owner: Option<(syn::Type, bool)>,
    /// Structs that must have no owner (`OwnedBy<Unowned>`): the `T` of an
    /// acquire kfunc's returned `&'static T` and of a release kfunc's `&T`.
    pub(crate) unowned: Vec<syn::Type>,
}

/// A checked parameter.
pub(crate) struct CheckedParam {
    /// Parsed parameter.
    pub(crate) param: Param,
    /// BTF name (without suffix).
    pub(crate) name: String,
    /// BTF name suffix, e.g. `__sz`.
    pub(crate) suffix: String,
    /// Supplied by the verifier, not part of the interface.
    pub(crate) implicit: bool,
    /// The stub type.
    pub(crate) ty: Ty,
    /// For `&T` and `Option<&T>`: `T`, which must implement `RefArg`.
    pub(crate) ref_target: Option<syn::Type>,
    /// For `Copied<T>`: `T`, which must implement `PlainData`; the entry
    /// takes `*const T` and copies.
    pub(crate) copied: Option<syn::Type>,
    /// `RacyBytes`: the entry takes `*const u8` and builds the view with
    /// the next parameter (`#[arg(sz)]`/`#[arg(szk)]`) as its length.
    pub(crate) racy: bool,
    /// An owner (`Arc<T>`, `KBox<T>`) a release kfunc takes back, as
    /// written: the entry takes `*mut T` and rebuilds it with `OwnerOf`.
    pub(crate) owner: Option<syn::Type>,
    /// `&T` (or `Option<&T>`) of a kernel crate wrapper (`&Task`): `T` as
    /// written and its path in the kernel crate; BTF names the C struct.
    pub(crate) kernel_object: Option<(syn::Type, &'static str)>,
}

impl CheckedParam {
    /// Whether the entry receives it as a full register and converts it
    /// (integers and `bool`, see `Scalar::from_reg`).
    pub(crate) fn is_scalar(&self) -> bool {
        !self.implicit && matches!(self.ty, Ty::Int { .. } | Ty::Bool | Ty::Scalar(_))
    }
}

/// `T` of a `&T` or `Option<&T>` parameter.
fn ref_target(ty: &syn::Type) -> Option<syn::Type> {
    let ty = types::type_arg_of(ty, "Option").unwrap_or(ty);
    match types::strip(ty) {
        syn::Type::Reference(r) => Some((*r.elem).clone()),
        _ => None,
    }
}

/// How a parameter relates to implicit arguments.
enum Implicit {
    /// An ordinary parameter.
    No,
    /// `&ProgAux` or `*mut/*const bpf_prog_aux`.
    Yes,
    /// Mentions `ProgAux`/`bpf_prog_aux` in a form that is not allowed.
    Wrong,
}

fn implicit_kind(ty: &syn::Type) -> Implicit {
    let named = |elem: &syn::Type, name: &str| types::last_ident(elem).is_some_and(|i| i == name);
    match types::strip(ty) {
        syn::Type::Reference(r) if r.mutability.is_none() && named(&r.elem, "ProgAux") => {
            return Implicit::Yes;
        }
        syn::Type::Ptr(p) if named(&p.elem, "bpf_prog_aux") => return Implicit::Yes,
        _ => {}
    }
    let mentions = ty.to_token_stream().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == "ProgAux" || i == "bpf_prog_aux",
        _ => false,
    });
    if mentions {
        Implicit::Wrong
    } else {
        Implicit::No
    }
}

/// Checks `item` with its `options`. Returns `None` when nothing can be
/// expanded; errors are in `cx` either way.
pub(crate) fn check(cx: &Ctxt, options: &Options, item: &syn::ItemFn) -> Option<Kfunc> {
    let sig = &item.sig;
    let name = parse::unraw(&sig.ident);
    let k = format!("kfunc `{name}`");

    check_signature(cx, &k, sig);
    let (attrs, cfgs) = check_attrs(cx, &k, &item.attrs);

    let implicit_flag = options.get(names::IMPLICIT_ARGS);
    let max_len = if implicit_flag.is_some() {
        names::KSYM_NAME_LEN - 1 - "_impl".len()
    } else {
        names::KSYM_NAME_LEN - 1
    };
    if name.len() > max_len {
        let why = if implicit_flag.is_some() {
            format!("{max_len} bytes with `implicit_args`, because its implementation is also named `{name}_impl` in BTF")
        } else {
            format!("{max_len} bytes (KSYM_NAME_LEN - 1)")
        };
        cx.error_spanned_by(
            &sig.ident,
            format!("{k}: the name is {} bytes long; kernel symbol names are limited to {why}; choose a shorter name", name.len()),
        );
    }

    // Parameters.
    let mut params: Vec<CheckedParam> = Vec::new();
    let mut first_implicit: Option<(String, Span)> = None;
    let mut gates: Vec<(String, Span)> = Vec::new();
    let mut ok = true;
    let mut wrong_implicit = false;
    let mut order_reported = false;
    for input in &sig.inputs {
        let arg = match input {
            syn::FnArg::Receiver(r) => {
                cx.error_spanned_by(
                    r,
                    format!("{k}: #[kfunc] must be on a free function, not a method: BPF programs call a kfunc by its symbol and have no `self` to pass; move it out of the `impl` block and take the object as a pointer parameter"),
                );
                ok = false;
                continue;
            }
            syn::FnArg::Typed(arg) => arg,
        };
        let param = parse::parse_param(cx, &name, arg);
        let shown = param.display();
        let p = format!("{k}: parameter `{shown}`");
        if let Some(n) = &param.name {
            if let Some(why) = names::param_name_problem(&parse::unraw(n)) {
                cx.error_spanned_by(n, format!("{p}: BTF keeps parameter names, and {why}; rename the parameter (ask for the verifier's checks with #[arg(...)])"));
            }
        }
        let implicit = implicit_kind(&param.ty);
        let (ty, nullable, is_implicit) = match implicit {
            Implicit::Yes => {
                if let Some((first, span)) = &first_implicit {
                    let mut err = syn::Error::new_spanned(&param.pat, format!("{p}: a kfunc takes at most one implicit argument (`{first}` is one already)"));
                    err.combine(syn::Error::new(*span, "first implicit argument here"));
                    cx.syn_error(err);
                } else {
                    first_implicit = Some((shown.clone(), arg.span()));
                }
                if implicit_flag.is_none() {
                    cx.error_spanned_by(
                        &param.ty,
                        format!("{p} is an implicit argument (the verifier supplies the program's `bpf_prog_aux`), so the kfunc needs the `implicit_args` flag: write #[kfunc(implicit_args)]"),
                    );
                }
                if let Some((_, ident)) = param.annotations.first() {
                    cx.error_spanned_by(ident, format!("{p}: an implicit argument takes no #[arg(..)] annotations; it is not part of the interface"));
                }
                if let syn::Type::Reference(r) = types::strip(&param.ty) {
                    if let Err(e) = types::static_ref_param(r) {
                        cx.syn_error(syn::Error::new_spanned(e.at, format!("{p}: {}", e.problem)));
                    }
                }
                // Always `struct bpf_prog_aux *`, never const, exactly like
                // the kernel's own C declarations.
                let ty = Ty::Ptr {
                    pointee: Box::new(Ty::Struct("bpf_prog_aux".to_owned())),
                    mutable: true,
                };
                (ty, None, true)
            }
            Implicit::Wrong => {
                cx.error_spanned_by(
                    &param.ty,
                    format!("{p}: an implicit argument must be `&ProgAux` (from the kfunc crate) or a raw `*mut bpf_prog_aux`; `{}` is not allowed", types::pretty(&param.ty)),
                );
                ok = false;
                wrong_implicit = true;
                (Ty::Void, None, true)
            }
            Implicit::No => {
                if let (Some((iname, span)), false) = (&first_implicit, order_reported) {
                    let mut err = syn::Error::new(*span, format!("{k}: implicit argument `{iname}` must be the last parameter: the verifier supplies it after the BPF program's arguments; move it after `{shown}`"));
                    err.combine(syn::Error::new_spanned(
                        &param.pat,
                        format!("`{shown}` follows the implicit argument"),
                    ));
                    cx.syn_error(err);
                    order_reported = true;
                }
                match types::classify(&param.ty, Place::Param) {
                    Ok(c) => (c.ty, c.nullable, false),
                    Err(e) => {
                        cx.syn_error(syn::Error::new_spanned(
                            &e.at,
                            format!("{p}: {}", e.message(Place::Param)),
                        ));
                        ok = false;
                        (Ty::Void, None, false)
                    }
                }
            }
        };
        let prev = params.last();
        let mut suffix = String::new();
        if !is_implicit {
            for (annotation, ident) in &param.annotations {
                suffix.push_str("__");
                suffix.push_str(annotation.name);
                gates.push((format!("arg_{}", annotation.name), ident.span()));
                check_annotation(cx, &p, annotation, ident, &ty, nullable, prev, ok);
            }
            if param.annotations.iter().any(|(a, _)| a.name == "sz")
                && param.annotations.iter().any(|(a, _)| a.name == "szk")
            {
                cx.error_spanned_by(&param.pat, format!("{p}: `sz` and `szk` contradict; a size is either a run-time value (sz) or a constant (szk)"));
            }
            if let Some(span) = nullable {
                suffix.push_str("__nullable");
                gates.push(("arg_nullable".to_owned(), span));
            }
        }
        let mut ref_target = if is_implicit {
            None
        } else {
            ref_target(&param.ty)
        };
        // A borrowed kernel object: a pointer to the C struct the wrapper
        // holds, trusted like every reference (not a module struct: no
        // `RefArg`, the expansion checks the type is the kernel crate's).
        let mut ty = ty;
        let kernel_object =
            ref_target
                .as_ref()
                .and_then(types::kernel_object)
                .map(|(_, path, c)| {
                    // not `const`: the kernel's own kfuncs take kernel objects as
                    // `struct task_struct *`, and the prototype stays theirs
                    ty = Ty::Ptr {
                        pointee: Box::new(Ty::Struct((*c).to_owned())),
                        mutable: true,
                    };
                    (ref_target.clone().expect("a reference"), *path)
                });
        // `&T` of a module struct or a kernel object: the same rule for
        // annotations (below)
        let borrowed = ref_target.is_some();
        if kernel_object.is_some() {
            ref_target = None;
        }
        // Annotations relax or redirect the verifier's pointer checks
        // (`__nullable`, `__opt`, `__ign`, `__uninit`, `__arena`, ...): on a
        // reference they would let a program pass what `&T` rules out.
        // (`nullable` on `Option<&T>` is reported as redundant above.)
        let copied = if is_implicit {
            None
        } else {
            types::copied_target(&param.ty).cloned()
        };
        let owner = (!is_implicit && types::owner_target(&param.ty).is_some())
            .then(|| types::strip(&param.ty).clone());
        if owner.is_some() {
            if let Some((a, ident)) = param.annotations.first() {
                cx.error_spanned_by(ident, format!("{p}: #[arg({})] on an owner: annotations relax the verifier's checks of a pointer, so the program could pass what the owner's `from_raw` must not receive", a.name));
            }
        }
        let racy = !is_implicit && types::is_racy_bytes(&param.ty);
        if racy {
            if let Some((a, ident)) = param.annotations.first() {
                cx.error_spanned_by(ident, format!("{p}: #[arg({a})] on `RacyBytes`: the view reads the bytes its size parameter gives, which annotations would let a program leave NULL or unchecked", a = a.name));
            }
        }
        if copied.is_some() {
            if let Some((a, ident)) = param.annotations.first() {
                cx.error_spanned_by(ident, format!("{p}: #[arg({})] on `Copied<T>`: the entry reads `size_of::<T>()` bytes where the argument points, which annotations would let a program leave NULL or unchecked", a.name));
            }
        }
        if borrowed {
            if let Some((a, ident)) = param
                .annotations
                .iter()
                .find(|(a, _)| !(a.name == "nullable" && nullable.is_some()))
            {
                cx.error_spanned_by(ident, format!("{p}: #[arg({})] on a reference: annotations relax the verifier's checks of a pointer, so the program could pass what a `&T` rules out; take a raw pointer in an `unsafe fn` instead", a.name));
            }
        }
        params.push(CheckedParam {
            name: param.name.as_ref().map(parse::unraw).unwrap_or_default(),
            param,
            suffix,
            implicit: is_implicit,
            ty,
            ref_target,
            copied,
            racy,
            owner,
            kernel_object,
        });
    }
    // A `RacyBytes` is measured by the very next parameter, an integer the
    // verifier checks as its size (`__sz`, or `__szk` for a constant).
    for (i, p) in params.iter().enumerate().filter(|(_, p)| p.racy) {
        let sized = params.get(i + 1).is_some_and(|n| {
            types::is_integer(&n.ty)
                && n.param
                    .annotations
                    .iter()
                    .any(|(a, _)| a.name == "sz" || a.name == "szk")
        });
        if !sized {
            cx.error_spanned_by(&p.param.pat, format!("{k}: parameter `{}`: a `RacyBytes` needs its size right after it: add a parameter `#[arg(sz)] len: u32` (or `#[arg(szk)]` for a constant), which the verifier checks against the buffer", p.param.display()));
        }
    }
    if params.len() > MAX_ARGS {
        let extra = &params[MAX_ARGS].param;
        cx.error_spanned_by(
            &extra.pat,
            format!("{k} has {} parameters; BPF passes at most {MAX_ARGS} arguments in registers (implicit arguments included)", params.len()),
        );
    }
    if let Some(flag) = implicit_flag {
        if first_implicit.is_none() && !wrong_implicit {
            cx.error_spanned_by(
                flag,
                format!("{k}: `implicit_args` needs an implicit argument: add a last parameter `aux: &ProgAux` (or `*mut bpf_prog_aux`), or remove `implicit_args`"),
            );
        }
    }

    // Return type.
    let (ret, ret_tokens): (Option<Ty>, Option<&syn::Type>) = match &sig.output {
        syn::ReturnType::Default => (Some(Ty::Void), None),
        syn::ReturnType::Type(_, t) => match types::classify(t, Place::Return) {
            Ok(c) => {
                let owner =
                    types::owner_target(types::type_arg_of(t, "Option").unwrap_or(t)).is_some();
                if let (Some(span), false) = (c.nullable, owner) {
                    if options.get(names::RET_NULL).is_none() {
                        cx.error_at(span, format!("{k} returns `Option<&T>`, which may be NULL: add the `ret_null` flag so the verifier makes BPF programs check for NULL"));
                    }
                }
                check_returned_pointer(cx, &k, sig, t);
                (Some(c.ty), Some(t))
            }
            Err(e) => {
                cx.syn_error(syn::Error::new_spanned(
                    &e.at,
                    format!("{k}: return type: {}", e.message(Place::Return)),
                ));
                (None, Some(t))
            }
        },
    };

    let iter_state = check_flags(
        cx,
        &k,
        &name,
        options,
        &params,
        ret.as_ref(),
        ret_tokens,
        sig,
    );

    for (flag, ident) in &options.flags {
        gates.push((flag.name.to_owned(), ident.span()));
    }
    gates.sort_by_key(|(n, _)| {
        names::FLAGS
            .iter()
            .position(|f| f.name == n)
            .unwrap_or(usize::MAX)
    });

    let mut flags = options.flags.iter().fold(0u32, |acc, (f, _)| acc | f.bit);
    let (ret_owner, unowned) = check_owners(cx, &k, options, &params, ret_tokens);
    // `Option<Arc<T>>`: NULL is a value of the type, so the verifier must
    // make programs check for it.
    if ret_owner.as_ref().is_some_and(|(_, option)| *option) {
        flags |= names::RET_NULL;
    }
    let prog_mask = options
        .prog_types
        .as_ref()
        .map(|p| p.list.iter().fold(0u64, |acc, (v, _)| acc | (1u64 << v)))
        .unwrap_or(0);

    // `Copied<T>` and `RacyBytes` too: on 6.12 the verifier lets NULL
    // through for a plain-memory argument unless the kfunc has
    // KF_TRUSTED_ARGS (then "Possibly NULL pointer passed to trusted arg"),
    // and the entry reads it.
    let trust_refs = params.iter().any(|p| {
        p.ref_target.is_some()
            || p.copied.is_some()
            || p.racy
            || p.owner.is_some()
            || p.kernel_object.is_some()
    }) && options.get(names::TRUSTED_ARGS).is_none()
        && options.get(names::RCU).is_none();

    if !ok || cx.has_errors() {
        return None;
    }
    Some(Kfunc {
        trust_refs,
        attrs,
        cfgs,
        item: item.clone(),
        name,
        params,
        ret: ret?,
        flags,
        prog_mask,
        gates,
        iter_state,
        ret_owner,
        unowned,
    })
}

/// Owners (`Arc<T>`, `KBox<T>`) move a reference across the boundary, so
/// they belong to the kfuncs whose flags tell the verifier so: an owner is
/// returned only by an `acquire` kfunc (the program must give it back) and
/// taken only by a `release` kfunc (the program gives it up), one per
/// kfunc. A struct without an owner is returned as `&'static T` by acquire
/// kfuncs and released by reference: those `T`s are collected for the
/// expansion's `OwnedBy<Unowned>` check, so a struct with an owner cannot
/// also be handed out or taken back by reference.
fn check_owners(
    cx: &Ctxt,
    k: &str,
    options: &Options,
    params: &[CheckedParam],
    ret_tokens: Option<&syn::Type>,
) -> (Option<(syn::Type, bool)>, Vec<syn::Type>) {
    let release = options.get(names::RELEASE).is_some();
    let acquire = options.get(names::ACQUIRE).is_some();
    let mut unowned = Vec::new();
    let mut first: Option<&CheckedParam> = None;
    for p in params.iter().filter(|p| p.owner.is_some()) {
        let shown = p.param.display();
        if !release {
            cx.error_spanned_by(&p.param.ty, format!("{k}: parameter `{shown}` takes the program's reference and drops it: only a `release` kfunc may (the verifier then forgets the program's pointer); add `release`, or borrow with `&T`"));
        }
        if let Some(f) = first {
            let mut err = syn::Error::new_spanned(
                &p.param.ty,
                format!(
                    "{k}: a release kfunc takes back one object, but `{shown}` is a second owner"
                ),
            );
            err.combine(syn::Error::new_spanned(&f.param.ty, "the first owner"));
            cx.syn_error(err);
        }
        first = first.or(Some(p));
    }
    if release && first.is_none() {
        unowned.extend(params.iter().filter_map(|p| p.ref_target.clone()));
    }
    // Kernel types: a program may release a reference with any release
    // kfunc of that type, the kernel's own included (a task from
    // `bpf_task_from_pid` holds `rcu_users`, which only `bpf_task_release`
    // drops correctly), so a module's release would have to be exactly the
    // kernel's. Kernel objects are borrowed, never acquired or released
    // here.
    if release {
        for p in params.iter().filter(|p| p.kernel_object.is_some()) {
            cx.error_spanned_by(&p.param.ty, format!("{k}: a release kfunc cannot take a kernel object (`{}`): a program may release a kernel object with any release kfunc of its type, the kernel's own included, so a module's release would have to do exactly what the kernel's does (for a task, `bpf_task_release` drops `rcu_users`); borrow it as `&T` in a kfunc without `release`, and let programs release it with the kernel's kfunc", types::pretty(&p.param.ty)));
        }
    }
    // The `T` of a returned `&T` / `Option<&T>`.
    let ret_ref =
        ret_tokens.and_then(
            |t| match types::strip(types::type_arg_of(t, "Option").unwrap_or(t)) {
                syn::Type::Reference(r) => Some(&*r.elem),
                _ => None,
            },
        );
    if let Some(elem) = ret_ref {
        if let Some((name, ..)) = types::kernel_object(elem) {
            cx.error_spanned_by(elem, format!("{k}: a kfunc cannot return a kernel object (`{name}`): the program would hold it as a trusted pointer tied to nothing, and as an acquired one it would release it with the kernel's release kfunc, which must match how it was acquired; programs get kernel objects from the kernel's own kfuncs (`bpf_task_from_pid`, ...)"));
        }
    }
    let ret_owner = ret_tokens.and_then(|t| {
        let option = types::type_arg_of(t, "Option");
        let owner = option.unwrap_or(t);
        types::owner_target(owner).map(|_| (types::strip(owner).clone(), option.is_some()))
    });
    if let (Some((owner, _)), false) = (&ret_owner, acquire) {
        cx.error_spanned_by(owner, format!("{k}: returning `{}` hands the program a reference it must give back: add `acquire` (and write a `release` kfunc that takes it)", types::pretty(owner)));
    }
    if acquire {
        unowned.extend(ret_ref.cloned());
    }
    (ret_owner, unowned)
}

/// A pointer a kfunc returns reaches the program as a *trusted* pointer
/// (7.3 `check_kfunc_call`: "Any PTR_TO_BTF_ID that is returned from a BPF
/// kfunc should by default be treated as implicitly trusted"), tied to
/// nothing: the program may keep it after it released whatever the kfunc
/// borrowed it from and pass it to any kfunc taking `&T`. So a returned
/// reference must be `'static`, and a safe kfunc cannot return a raw
/// pointer (an `unsafe fn` argues why the pointer stays valid).
fn check_returned_pointer(cx: &Ctxt, k: &str, sig: &syn::Signature, ret: &syn::Type) {
    match types::strip(types::type_arg_of(ret, "Option").unwrap_or(ret)) {
        syn::Type::Reference(r) if r.lifetime.as_ref().is_none_or(|l| l.ident != "static") => {
            let at: &dyn ToTokens = match &r.lifetime {
                Some(l) => l,
                None => &r.and_token,
            };
            cx.error_spanned_by(at, format!("{k}: a returned reference must be `&'static`: the program gets it as a trusted pointer the verifier ties to nothing, which it may keep after releasing what it was borrowed from and pass to any kfunc taking `&T`; return an object that lives as long as the module (`&'static T`), or a counted one with `acquire` (and a `release` kfunc)"));
        }
        syn::Type::Ptr(p) if sig.unsafety.is_none() => {
            cx.error_spanned_by(p.star_token, format!("{k}: a safe kfunc cannot return a raw pointer: the program gets it as a trusted pointer and may pass it to kfuncs that take `&T`, so it must point to a valid object for as long as the program holds it; return `&'static T` / `Option<&'static T>`, or make the kfunc an `unsafe fn` and argue it"));
        }
        _ => {}
    }
}

fn check_signature(cx: &Ctxt, k: &str, sig: &syn::Signature) {
    if let Some(c) = &sig.constness {
        cx.error_spanned_by(c, format!("{k}: a kfunc cannot be `const fn`: it is called at run time by BPF programs through its symbol; remove `const`"));
    }
    if let Some(a) = &sig.asyncness {
        cx.error_spanned_by(a, format!("{k}: a kfunc cannot be `async`: BPF programs call it synchronously through the C ABI; remove `async`"));
    }
    if let Some(abi) = &sig.abi {
        let what = abi
            .name
            .as_ref()
            .map(|n| n.value())
            .unwrap_or_else(|| "C".to_owned());
        cx.error_spanned_by(abi, format!("{k}: remove `extern \"{what}\"`: #[kfunc] makes the function `extern \"C\"` and `#[no_mangle]` itself"));
    }
    for param in &sig.generics.params {
        match param {
            syn::GenericParam::Lifetime(_) => {}
            syn::GenericParam::Type(syn::TypeParam { ident, .. })
            | syn::GenericParam::Const(syn::ConstParam { ident, .. }) => {
                cx.error_spanned_by(param, format!("{k}: a kfunc cannot be generic: it needs one symbol and one BTF prototype; replace `{ident}` with a concrete type"));
            }
        }
    }
    if let Some(w) = &sig.generics.where_clause {
        if !w.predicates.is_empty() {
            cx.error_spanned_by(
                w,
                format!("{k}: a kfunc cannot have a `where` clause; use concrete types"),
            );
        }
    }
    if let Some(v) = &sig.variadic {
        cx.error_spanned_by(v, format!("{k}: a kfunc cannot be variadic: BTF and the verifier need a fixed parameter list; remove `...`"));
    }
}

/// Splits the user's attributes into those kept on the implementation and
/// the `cfg`s; reports the ones #[kfunc] owns.
fn check_attrs(cx: &Ctxt, k: &str, attrs: &[Attribute]) -> (Vec<Attribute>, Vec<Attribute>) {
    let mut kept = Vec::new();
    let mut cfgs = Vec::new();
    for attr in attrs {
        if parse::attr_is(attr, &["no_mangle"]) {
            cx.error_spanned_by(attr, format!("{k}: remove #[no_mangle]: #[kfunc] already exports the function unmangled under its own name"));
            continue;
        }
        if parse::attr_is(attr, &["export_name"]) {
            cx.error_spanned_by(attr, format!("{k}: remove #[export_name]: a kfunc's symbol must be its function name (BTF, kallsyms and the flag table all use it); rename the function instead"));
            continue;
        }
        if attr.path().is_ident("inline") {
            cx.error_spanned_by(attr, format!("{k}: remove #[inline]: #[kfunc] always inlines the body into the kfunc's exported C entry, and the Rust function itself is `#[inline(always)]`"));
            continue;
        }
        if parse::attr_is(attr, &["link_section"]) {
            cx.error_spanned_by(attr, format!("{k}: remove #[link_section]: a kfunc's code must stay in the module's text section"));
            continue;
        }
        if attr
            .path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "kfunc")
        {
            cx.error_spanned_by(
                attr,
                format!("{k}: #[kfunc] is given twice; merge the options into one #[kfunc(...)]"),
            );
            continue;
        }
        if attr.path().is_ident("cfg") {
            cfgs.push(attr.clone());
        }
        kept.push(attr.clone());
    }
    (kept, cfgs)
}

#[allow(clippy::too_many_arguments)]
fn check_annotation(
    cx: &Ctxt,
    p: &str,
    annotation: &names::Annotation,
    ident: &Ident,
    ty: &Ty,
    nullable: Option<Span>,
    prev: Option<&CheckedParam>,
    type_ok: bool,
) {
    let a = annotation.name;
    if !type_ok {
        return;
    }
    match annotation.wants {
        Wants::Integer if !types::is_integer(ty) => {
            cx.error_spanned_by(
                ident,
                format!(
                    "{p}: #[arg({a})] marks {}, so the parameter must be an integer",
                    annotation.meaning
                ),
            );
        }
        Wants::Pointer if !matches!(ty, Ty::Ptr { .. }) => {
            cx.error_spanned_by(ident, format!("{p}: #[arg({a})] marks a pointer that is {}, so the parameter must be a pointer or reference", annotation.meaning));
        }
        _ => {}
    }
    if a == "nullable" && nullable.is_some() {
        cx.error_spanned_by(ident, format!("{p}: #[arg(nullable)] is redundant: an `Option<&T>` parameter is nullable already; remove it"));
    }
    if a == "sz" || a == "szk" {
        match prev {
            None => cx.error_spanned_by(ident, format!("{p}: #[arg({a})] marks {}, but this is the first parameter; put it right after the pointer parameter it measures", annotation.meaning)),
            Some(prev) if prev.implicit || !matches!(prev.ty, Ty::Ptr { .. }) => cx.error_spanned_by(
                ident,
                format!("{p}: #[arg({a})] marks {}, but the previous parameter `{}` is not a pointer; put it right after the pointer parameter it measures", annotation.meaning, prev.param.display()),
            ),
            // The verifier takes the size of the memory from this
            // argument, not from the pointee type: a program could pass one
            // byte and a size of 1 while the kfunc reads a whole `T`.
            Some(prev) if prev.copied.is_some() || prev.ref_target.is_some() => cx.error_spanned_by(
                ident,
                format!("{p}: #[arg({a})] after `{}`: the verifier would check the memory it points to against this size instead of the size of its type, so a program could pass less than the kfunc reads; a `Copied<T>` or `&T` is measured by its type alone", prev.param.display()),
            ),
            Some(_) => {}
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_flags(
    cx: &Ctxt,
    k: &str,
    name: &str,
    options: &Options,
    params: &[CheckedParam],
    ret: Option<&Ty>,
    ret_tokens: Option<&syn::Type>,
    sig: &syn::Signature,
) -> Option<syn::Type> {
    let ret_is_ptr = matches!(ret, Some(Ty::Ptr { .. }));
    let ret_known = ret.is_some();
    let ret_shown = ret_tokens
        .map(|t| format!("`{}`", types::pretty(t)))
        .unwrap_or_else(|| "`()`".to_owned());
    let interface: Vec<&CheckedParam> = params.iter().filter(|p| !p.implicit).collect();

    if let Some(f) = options.get(names::FASTCALL) {
        cx.error_spanned_by(f, format!("{k}: `fastcall` (KF_FASTCALL) tells the verifier that the kfunc preserves BPF registers r1-r5, so it removes the program's spills and fills around the call; compiled Rust code clobbers the caller-saved machine registers they live in, and the program would go on with stale values (memory corruption from a verified program); remove `fastcall`"));
    }
    if let Some(f) = options.get(names::RET_NULL) {
        if ret_known && !ret_is_ptr {
            cx.error_spanned_by(f, format!("{k}: `ret_null` says the returned pointer may be NULL, but the kfunc returns {ret_shown}; return a pointer or remove `ret_null`"));
        }
    }
    if let Some(f) = options.get(names::ACQUIRE) {
        if ret_known && !ret_is_ptr {
            cx.error_spanned_by(f, format!("{k}: `acquire` says the kfunc returns a reference the program must release, but it returns {ret_shown}; return a pointer or remove `acquire`"));
        }
    }
    if let Some(f) = options.get(names::RELEASE) {
        if !interface.iter().any(|p| matches!(p.ty, Ty::Ptr { .. })) {
            cx.error_spanned_by(f, format!("{k}: `release` says the kfunc releases a reference passed to it, but it has no pointer parameter; take the object as a pointer or remove `release`"));
        }
        if let Some(a) = options.get(names::ACQUIRE) {
            let mut err = syn::Error::new(f.span(), format!("{k}: `acquire` and `release` contradict each other; a kfunc either hands out a reference or takes one back, so split it into two kfuncs"));
            err.combine(syn::Error::new(a.span(), "`acquire` given here"));
            cx.syn_error(err);
        }
    }
    if let (Some(t), Some(i)) = (
        options.get(names::TRUSTED_ARGS),
        options.get(names::IMPLICIT_ARGS),
    ) {
        let mut err = syn::Error::new(t.span(), format!("{k}: `trusted_args` exists only before Linux 7.0 and `implicit_args` only from 7.0 on, so no kernel supports both; remove `trusted_args` (7.0 trusts arguments by default)"));
        err.combine(syn::Error::new(i.span(), "`implicit_args` given here"));
        cx.syn_error(err);
    }
    for (bit, index, flag) in [
        (1u32 << 14, 0usize, "arena_arg1"),
        (1 << 15, 1, "arena_arg2"),
    ] {
        if let Some(f) = options.get(bit) {
            if !interface
                .get(index)
                .is_some_and(|p| matches!(p.ty, Ty::Ptr { .. }))
            {
                cx.error_spanned_by(f, format!("{k}: `{flag}` says parameter {} is an arena pointer, but the kfunc has no pointer parameter there", index + 1));
            }
        }
    }
    if let Some(f) = options.get(1 << 13) {
        if ret_known && !ret_is_ptr {
            cx.error_spanned_by(f, format!("{k}: `arena_ret` says the kfunc returns an arena pointer, but it returns {ret_shown}"));
        }
    }

    // Iterators: kernel/bpf/btf.c btf_check_iter_kfuncs().
    let iters: Vec<(&str, &Ident)> = [
        (names::ITER_NEW, "new"),
        (names::ITER_NEXT, "next"),
        (names::ITER_DESTROY, "destroy"),
    ]
    .into_iter()
    .filter_map(|(bit, sfx)| options.get(bit).map(|i| (sfx, i)))
    .collect();
    if iters.len() > 1 {
        let mut err = syn::Error::new(iters[1].1.span(), format!("{k}: an iterator kfunc has exactly one of `iter_new`, `iter_next`, `iter_destroy`; `{}` and `{}` are both given", iters[0].1, iters[1].1));
        err.combine(syn::Error::new(
            iters[0].1.span(),
            format!("`{}` given here", iters[0].1),
        ));
        cx.syn_error(err);
        return None;
    }
    let (sfx, flag) = iters.first().copied()?;
    // The first parameter: a pointer to `struct bpf_iter_<type>`.
    let iter_struct = match interface.first() {
        None => {
            cx.error_spanned_by(flag, format!("{k}: `{flag}` needs a first parameter that points to the iterator state, `*mut bpf_iter_<type>`"));
            None
        }
        Some(first) => match &first.ty {
            Ty::Ptr { pointee, .. } => match &**pointee {
                Ty::Struct(s) if s.starts_with("bpf_iter_") && s.len() > "bpf_iter_".len() => {
                    let state = match types::strip(&first.param.ty) {
                        syn::Type::Ptr(p) => Some((*p.elem).clone()),
                        syn::Type::Reference(r) => Some((*r.elem).clone()),
                        _ => None,
                    };
                    Some((s.clone(), state))
                }
                _ => {
                    cx.error_spanned_by(&first.param.ty, format!("{k}: `{flag}` needs the first parameter to point to the iterator state, a struct named `bpf_iter_<type>`; `{}` does not", types::pretty(&first.param.ty)));
                    None
                }
            },
            _ => {
                cx.error_spanned_by(&first.param.ty, format!("{k}: `{flag}` needs the first parameter to be a pointer to the iterator state, `*mut bpf_iter_<type>`, not `{}`", types::pretty(&first.param.ty)));
                None
            }
        },
    };
    let (iter_struct, iter_state) = match iter_struct {
        Some((name, state)) => (Some(name), state),
        None => (None, None),
    };
    let expected = match &iter_struct {
        Some(s) => Some(format!("{s}_{sfx}")),
        None => {
            let ok = name
                .strip_prefix("bpf_iter_")
                .and_then(|r| r.strip_suffix(&format!("_{sfx}")))
                .is_some_and(|t| !t.is_empty());
            if !ok {
                cx.error_spanned_by(&sig.ident, format!("{k}: an `{flag}` kfunc must be named `bpf_iter_<type>_{sfx}` (the kernel checks the name at registration)"));
            }
            None
        }
    };
    if let Some(expected) = expected {
        if expected != name {
            cx.error_spanned_by(&sig.ident, format!("{k}: an `{flag}` kfunc for the iterator `{}` must be named `{expected}` (the kernel checks the name at registration)", iter_struct.unwrap_or_default()));
        }
    }
    if sfx != "new" {
        for extra in interface.iter().skip(1) {
            cx.error_spanned_by(&extra.param.pat, format!("{k}: only the `iter_new` constructor takes arguments besides the iterator; remove `{}` from this `{flag}` kfunc", extra.param.display()));
        }
    }
    if sfx == "next" && ret_known && !ret_is_ptr {
        match ret_tokens {
            Some(t) => cx.error_spanned_by(t, format!("{k}: an `iter_next` kfunc must return a pointer to the next element (NULL ends the iteration), not {ret_shown}")),
            None => cx.error_spanned_by(&sig.ident, format!("{k}: an `iter_next` kfunc must return a pointer to the next element (NULL ends the iteration); add a return type such as `-> *mut u64`")),
        }
    }
    if sfx == "destroy" {
        if let Some(t) = ret_tokens {
            if ret_known && !matches!(ret, Some(Ty::Void)) {
                cx.error_spanned_by(t, format!("{k}: an `iter_destroy` kfunc must return nothing, not {ret_shown}; remove the return type"));
            }
        }
    }
    iter_state
}
