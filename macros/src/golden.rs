//! Expansion goldens: every `tests/expand/<name>.rs` is expanded (its
//! `#[kfunc]` functions and `#[derive(BtfType)]` structs), pretty-printed
//! and compared with `tests/expand/<name>.expanded.rs`.
//! `KFUNC_BLESS=1 cargo test -p kfunc-macros` rewrites the goldens.

use std::path::{Path, PathBuf};

use quote::ToTokens;

fn expand_file(src: &str) -> String {
    let file: syn::File = syn::parse_str(src).expect("golden input parses");
    let mut out = proc_macro2::TokenStream::new();
    for item in file.items {
        match item {
            syn::Item::Fn(mut f) => {
                let pos = f.attrs.iter().position(|a| a.path().is_ident("kfunc"));
                match pos {
                    Some(i) => {
                        let attr = f.attrs.remove(i);
                        let args = match attr.meta {
                            syn::Meta::List(l) => l.tokens,
                            _ => proc_macro2::TokenStream::new(),
                        };
                        out.extend(crate::expand_kfunc(args, f.into_token_stream()));
                    }
                    None => f.to_tokens(&mut out),
                }
            }
            syn::Item::Struct(s) => {
                let derives = s.attrs.iter().any(|a| {
                    a.path().is_ident("derive")
                        && a.to_token_stream().to_string().contains("BtfType")
                });
                s.to_tokens(&mut out);
                if derives {
                    out.extend(crate::derive::btf_type(s.into_token_stream()));
                }
            }
            other => other.to_tokens(&mut out),
        }
    }
    let file: syn::File = syn::parse2(out).expect("expansion parses as a file");
    prettyplease::unparse(&file)
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand")
}

#[test]
fn expansions_match_goldens() {
    let bless = std::env::var_os("KFUNC_BLESS").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/expand exists")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.ends_with(".rs") && !n.ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no golden inputs");
    let mut failed = Vec::new();
    for input in &inputs {
        let src = std::fs::read_to_string(input).unwrap();
        let actual = expand_file(&src);
        let golden = input.with_extension("expanded.rs");
        if bless {
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected != actual {
            eprintln!("--- {} differs; expansion:\n{actual}", golden.display());
            failed.push(golden.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "goldens differ (rerun with KFUNC_BLESS=1 after review): {failed:?}"
    );
}
