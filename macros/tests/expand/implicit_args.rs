use kfunc::prelude::*;

/// Adds `delta` to the calling program's counter.
#[kfunc(implicit_args, prog_types(syscall, tracing))]
pub fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}

#[kfunc(implicit_args)]
unsafe fn bpf_counter_reset<'a>(name: &'a Counter, aux: *mut bindings::bpf_prog_aux) -> usize {
    0
}
