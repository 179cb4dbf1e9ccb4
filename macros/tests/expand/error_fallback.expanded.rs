::core::compile_error! {
    "unknown #[kfunc] option `aquire`; did you mean `acquire`?"
}
::core::compile_error! {
    "kfunc `bpf_broken`: parameter `len`: #[arg(sz)] marks the size of the memory the previous pointer parameter points to, but this is the first parameter; put it right after the pointer parameter it measures"
}
::core::compile_error! {
    "kfunc `bpf_broken`: parameter `pair`: a tuple has no C layout; pass the parts as separate parameters or use a #[repr(C)] struct behind a pointer; allowed: integers (u8..u64, i8..i64, usize, isize, core::ffi::c_*), bool, raw pointers, &T and Option<&T> (T a #[derive(BtfType)] struct), Arc<T> / KBox<T> (release kfuncs), Copied<T>, RacyBytes"
}
::core::compile_error! {
    "kfunc `bpf_broken`: `ret_null` says the returned pointer may be NULL, but the kfunc returns `u32`; return a pointer or remove `ret_null`"
}
#[allow(dead_code)]
fn bpf_broken(len: u32, pair: (u32, u32)) -> u32 {
    len
}
