//! `&ProgAux` is valid during the call only, on this CPU: it is not `Send`
//! or `Sync`, so it cannot be handed to another thread.
use kfunc::prelude::*;

fn needs_sync<T: Sync>(_: &T) {}

#[kfunc(implicit_args)]
fn bpf_aux(aux: &ProgAux) -> u32 {
    needs_sync(aux);
    0
}

fn main() {}
