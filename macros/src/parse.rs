//! Parsing into this crate's own AST: the attribute's options, the function
//! and its parameters with their `#[arg(..)]` annotations. Syntax-level
//! mistakes (malformed or unknown options, duplicates) are reported here;
//! semantic checks are in `validate`.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Meta, Token};

use crate::ctxt::Ctxt;
use crate::names::{self, Annotation, Flag};

/// The options of `#[kfunc(...)]`.
#[derive(Default)]
pub(crate) struct Options {
    /// Flags in the order written, each with the ident that named it.
    pub(crate) flags: Vec<(Flag, Ident)>,
    /// `prog_types(...)`, if given.
    pub(crate) prog_types: Option<ProgTypes>,
    /// `dtor`: this release kfunc is the destructor of its object type
    /// (checked and expanded in `dtor`).
    pub(crate) dtor: Option<Ident>,
}

/// `prog_types(a, b, ...)`.
pub(crate) struct ProgTypes {
    /// The `prog_types` keyword.
    pub(crate) keyword: Ident,
    /// `enum bpf_prog_type` values with the idents that named them.
    pub(crate) list: Vec<(u32, Ident)>,
}

impl Options {
    /// The ident of `flag` if it was given.
    pub(crate) fn get(&self, bit: u32) -> Option<&Ident> {
        self.flags
            .iter()
            .find(|(f, _)| f.bit == bit)
            .map(|(_, i)| i)
    }

    /// Parses the attribute's arguments, reporting every problem to `cx`.
    pub(crate) fn parse(cx: &Ctxt, args: TokenStream) -> Options {
        let mut options = Options::default();
        let metas = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args) {
            Ok(m) => m,
            Err(e) => {
                cx.syn_error(syn::Error::new(
                    e.span(),
                    format!("malformed #[kfunc] options: {e}; expected a comma-separated list such as #[kfunc(acquire, ret_null, prog_types(syscall))]"),
                ));
                return options;
            }
        };
        for meta in metas {
            let Some(ident) = meta.path().get_ident().cloned() else {
                cx.error_spanned_by(
                    meta.path(),
                    "a #[kfunc] option is a single word such as `acquire` or `prog_types(...)`, not a path",
                );
                continue;
            };
            let name = ident.to_string();
            if name == "prog_types" {
                parse_prog_types(cx, &meta, ident, &mut options);
                continue;
            }
            if name == crate::dtor::KEYWORD {
                crate::dtor::parse(cx, &meta, ident, &mut options.dtor);
                continue;
            }
            let Some(flag) = names::flag(&name) else {
                unknown_option(cx, &ident, &name);
                continue;
            };
            if let Meta::List(_) | Meta::NameValue(_) = meta {
                cx.error_spanned_by(
                    &meta,
                    format!("the `{name}` flag takes no arguments; write just `{name}`"),
                );
                continue;
            }
            if let Some((_, first)) = options.flags.iter().find(|(f, _)| *f == flag) {
                let mut err =
                    syn::Error::new(ident.span(), format!("duplicate flag `{name}`; remove one"));
                err.combine(syn::Error::new(
                    first.span(),
                    format!("`{name}` first given here"),
                ));
                cx.syn_error(err);
                continue;
            }
            options.flags.push((flag, ident));
        }
        options
    }
}

fn unknown_option(cx: &Ctxt, ident: &Ident, name: &str) {
    if names::annotation(name).is_some() {
        cx.error_spanned_by(
            ident,
            format!("`{name}` is a parameter annotation, not a flag; write #[arg({name})] on the parameter"),
        );
        return;
    }
    let candidates = names::FLAGS
        .iter()
        .map(|f| f.name)
        .chain(std::iter::once("prog_types"));
    let hint = names::did_you_mean(name, candidates);
    let hint = if hint.is_empty() {
        let all: Vec<_> = names::FLAGS.iter().map(|f| f.name).collect();
        format!("; the flags are {} and `prog_types(...)`", all.join(", "))
    } else {
        hint
    };
    cx.error_spanned_by(ident, format!("unknown #[kfunc] option `{name}`{hint}"));
}

fn parse_prog_types(cx: &Ctxt, meta: &Meta, keyword: Ident, options: &mut Options) {
    if let Some(first) = &options.prog_types {
        let mut err = syn::Error::new(
            keyword.span(),
            "`prog_types` given twice; list all program types in one `prog_types(...)`",
        );
        err.combine(syn::Error::new(
            first.keyword.span(),
            "first `prog_types` here",
        ));
        cx.syn_error(err);
        return;
    }
    let list = match meta {
        Meta::List(list) => list,
        _ => {
            cx.error_spanned_by(
                meta,
                "`prog_types` needs a list of program types, e.g. `prog_types(syscall, tracing)`",
            );
            return;
        }
    };
    let idents = match Punctuated::<Ident, Token![,]>::parse_terminated.parse2(list.tokens.clone())
    {
        Ok(i) => i,
        Err(e) => {
            cx.syn_error(syn::Error::new(
                e.span(),
                format!("malformed `prog_types(...)`: {e}; expected program type names such as `prog_types(syscall, tracing)`"),
            ));
            return;
        }
    };
    if idents.is_empty() {
        cx.error_spanned_by(
            meta,
            "`prog_types()` is empty: name at least one program type, or remove `prog_types` to allow every program type the kfuncs are registered for",
        );
        return;
    }
    let mut out: Vec<(u32, Ident)> = Vec::new();
    for ident in idents {
        let name = ident.to_string();
        match names::prog_type(&name) {
            Some(0) => cx.error_spanned_by(
                &ident,
                "`unspec` is not a program type a kfunc can be limited to; remove `prog_types` to allow every program type",
            ),
            Some(value) => {
                if let Some((_, first)) = out.iter().find(|(v, _)| *v == value) {
                    let mut err = syn::Error::new(ident.span(), format!("program type `{name}` listed twice"));
                    err.combine(syn::Error::new(first.span(), format!("`{name}` first listed here")));
                    cx.syn_error(err);
                } else {
                    out.push((value, ident));
                }
            }
            None => {
                let hint = names::did_you_mean(&name, names::PROG_TYPES.iter().copied().skip(1));
                cx.error_spanned_by(
                    &ident,
                    format!("unknown program type `{name}`{hint} (program types are `enum bpf_prog_type` in snake case without BPF_PROG_TYPE_, e.g. `syscall`, `tracing`, `xdp`)"),
                );
            }
        }
    }
    options.prog_types = Some(ProgTypes { keyword, list: out });
}

/// A parameter of the kfunc.
pub(crate) struct Param {
    /// Attributes other than `#[arg]`, kept on the implementation.
    pub(crate) attrs: Vec<Attribute>,
    /// The pattern as written (kept on the implementation).
    pub(crate) pat: syn::Pat,
    /// The parameter's name, when the pattern is a plain identifier.
    pub(crate) name: Option<Ident>,
    /// The type as written.
    pub(crate) ty: syn::Type,
    /// `#[arg(..)]` annotations in order, with the idents that named them.
    pub(crate) annotations: Vec<(Annotation, Ident)>,
}

impl Param {
    /// The name for messages: the identifier, or the pattern's tokens.
    pub(crate) fn display(&self) -> String {
        match &self.name {
            Some(n) => unraw(n),
            None => crate::types::pretty(&self.pat),
        }
    }
}

/// An identifier without its `r#` prefix.
pub(crate) fn unraw(ident: &Ident) -> String {
    let s = ident.to_string();
    match s.strip_prefix("r#") {
        Some(rest) => rest.to_owned(),
        None => s,
    }
}

/// Parses a function parameter, reporting pattern and annotation problems.
pub(crate) fn parse_param(cx: &Ctxt, kfunc: &str, arg: &syn::PatType) -> Param {
    let mut attrs = Vec::new();
    let mut annotations: Vec<(Annotation, Ident)> = Vec::new();
    let name = match &*arg.pat {
        syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(p.ident.clone()),
        _ => None,
    };
    let shown = name
        .as_ref()
        .map(unraw)
        .unwrap_or_else(|| crate::types::pretty(&arg.pat));
    if let syn::Pat::Wild(_) = &*arg.pat {
        cx.error_spanned_by(
            &arg.pat,
            format!("kfunc `{kfunc}`: parameter `_` needs a name: BTF records a name for every parameter; write e.g. `_unused: {}`", crate::types::pretty(&arg.ty)),
        );
    } else if name.is_none() {
        cx.error_spanned_by(
            &arg.pat,
            format!("kfunc `{kfunc}`: parameter `{shown}` must be a plain name: BTF records a name for every parameter; bind it to a name and destructure it in the body"),
        );
    }
    for attr in &arg.attrs {
        if !attr.path().is_ident("arg") {
            if attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr") {
                cx.error_spanned_by(
                    attr,
                    format!("kfunc `{kfunc}`: parameter `{shown}`: `cfg` on a kfunc parameter would make the implementation and the interface stub disagree; put the `cfg` on the whole kfunc"),
                );
            }
            attrs.push(attr.clone());
            continue;
        }
        let list = match &attr.meta {
            Meta::List(list) => list,
            _ => {
                cx.error_spanned_by(
                    attr,
                    format!("kfunc `{kfunc}`: parameter `{shown}`: write the annotation in parentheses, e.g. #[arg(sz)]"),
                );
                continue;
            }
        };
        let idents = match Punctuated::<Ident, Token![,]>::parse_terminated
            .parse2(list.tokens.clone())
        {
            Ok(i) => i,
            Err(e) => {
                cx.syn_error(syn::Error::new(
                    e.span(),
                    format!("kfunc `{kfunc}`: parameter `{shown}`: malformed #[arg(..)]: {e}; expected annotation names such as #[arg(sz)]"),
                ));
                continue;
            }
        };
        if idents.is_empty() {
            cx.error_spanned_by(
                attr,
                format!("kfunc `{kfunc}`: parameter `{shown}`: #[arg()] is empty; name an annotation or remove it"),
            );
        }
        for ident in idents {
            let aname = ident.to_string();
            let Some(annotation) = names::annotation(&aname) else {
                let hint = names::did_you_mean(&aname, names::ANNOTATIONS.iter().map(|a| a.name));
                let hint = if hint.is_empty() {
                    let all: Vec<_> = names::ANNOTATIONS.iter().map(|a| a.name).collect();
                    format!("; the annotations are {}", all.join(", "))
                } else {
                    hint
                };
                cx.error_spanned_by(
                    &ident,
                    format!(
                        "kfunc `{kfunc}`: parameter `{shown}`: unknown annotation `{aname}`{hint}"
                    ),
                );
                continue;
            };
            if let Some((_, first)) = annotations.iter().find(|(a, _)| *a == annotation) {
                let mut err = syn::Error::new(
                    ident.span(),
                    format!("kfunc `{kfunc}`: parameter `{shown}`: duplicate annotation `{aname}`"),
                );
                err.combine(syn::Error::new(first.span(), "first given here"));
                cx.syn_error(err);
                continue;
            }
            annotations.push((annotation, ident));
        }
    }
    Param {
        attrs,
        pat: (*arg.pat).clone(),
        name,
        ty: (*arg.ty).clone(),
        annotations,
    }
}

/// Whether an attribute is one of the given names, also inside `unsafe(..)`.
pub(crate) fn attr_is(attr: &Attribute, names: &[&str]) -> bool {
    let path = attr.path();
    if names.iter().any(|n| path.is_ident(n)) {
        return true;
    }
    if path.is_ident("unsafe") {
        if let Meta::List(list) = &attr.meta {
            if let Ok(inner) = syn::parse2::<Meta>(list.tokens.clone()) {
                return names.iter().any(|n| inner.path().is_ident(n));
            }
        }
    }
    false
}
