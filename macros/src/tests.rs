//! Unit tests of the error context and of robustness on odd input.

use proc_macro2::TokenStream;

use crate::ctxt::Ctxt;

fn tokens(s: &str) -> TokenStream {
    s.parse().expect("test input tokenizes")
}

#[test]
#[should_panic(expected = "Ctxt dropped without check()")]
fn unchecked_context_panics() {
    let cx = Ctxt::new();
    cx.error_at(proc_macro2::Span::call_site(), "forgotten");
}

#[test]
fn context_combines_every_error() {
    let cx = Ctxt::new();
    cx.error_at(proc_macro2::Span::call_site(), "first");
    cx.error_at(proc_macro2::Span::call_site(), "second");
    let err = cx.check().unwrap_err();
    let messages: Vec<String> = err.into_iter().map(|e| e.to_string()).collect();
    assert_eq!(messages, ["first", "second"]);
}

#[test]
fn clean_context_checks_ok() {
    assert!(Ctxt::new().check().is_ok());
}

/// Whatever the input, the macro returns tokens (errors are
/// `compile_error!`s), never panics.
#[test]
fn odd_input_never_panics() {
    let attrs = [
        "",
        "acquire",
        "acquire,,",
        "prog_types",
        "prog_types = 1",
        "prog_types(1, 2)",
        "prog_types(syscall,)",
        "a::b",
        "\"str\"",
        "acquire(x)",
        "iter_new, iter_next, iter_destroy",
    ];
    let items = [
        "",
        "struct S;",
        "fn f() {}",
        "fn f(x: u32, ...) {}",
        "fn f(&self) {}",
        "fn f((a, b): (u32, u32)) {}",
        "fn f<'a>(x: &'a u32) -> &'a u32 { x }",
        "fn f(#[arg] x: u32) {}",
        "fn f(#[arg = 1] x: u32) {}",
        "fn f(#[arg()] x: u32) {}",
        "fn f(#[arg(sz, sz)] x: u32) {}",
        "fn f(x: [u8; N]) {}",
        "fn f(x: <T as Tr>::A) {}",
        "fn f(x: Option<>) {}",
        "fn f(x: Option<u8, u8>) {}",
        "fn f(x: *mut dyn Tr) {}",
        "fn f(x: extern \"C\" fn(...)) {}",
        "fn bpf_iter_() {}",
        "fn bpf_iter_x_next(it: *mut bpf_iter_) -> *mut u8 { it }",
        "fn f(aux: Option<&ProgAux>) {}",
        "fn f(aux: ProgAux) {}",
    ];
    for attr in attrs {
        for item in items {
            let out = crate::expand_kfunc(tokens(attr), tokens(item));
            assert!(!out.is_empty() || item.is_empty(), "{attr} / {item}");
        }
    }
    for item in items
        .iter()
        .chain(["enum E { A }", "union U { a: u32 }", "struct T(u32);"].iter())
    {
        let _ = crate::derive::btf_type(tokens(item));
    }
}
