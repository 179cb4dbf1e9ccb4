//! Support for the `kfunc-btf` fuzz target (`fuzz_targets/kfunc_btf.rs`):
//! the invariants checked on every input and a structure-aware mutator.
//! See kbuild/README.md, "Fuzzing".
#![deny(missing_docs)]

pub mod invariants;
pub mod mutate;
