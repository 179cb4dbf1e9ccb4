//! What is emitted next to the errors when a kfunc does not check: the
//! function as the user wrote it, minus what cannot compile on its own, so
//! that callers in the crate still resolve and one mistake does not cascade
//! into unrelated errors.

use proc_macro2::TokenStream;
use quote::quote;

/// The user's function as a plain Rust function: `#[arg]` attributes and a
/// C-variadic `...` removed (neither compiles outside `#[kfunc]`).
pub(crate) fn stand_in(item: &syn::ItemFn) -> TokenStream {
    let mut item = item.clone();
    item.sig.variadic = None;
    for input in &mut item.sig.inputs {
        if let syn::FnArg::Typed(arg) = input {
            arg.attrs.retain(|a| !a.path().is_ident("arg"));
        }
    }
    quote! {
        #[allow(dead_code)]
        #item
    }
}
