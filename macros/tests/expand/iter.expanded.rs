#[inline(always)]
unsafe fn bpf_iter_range_new(it: *mut bpf_iter_range, start: u32, end: u32) -> i32 {
    0
}
const _: () = {
    ::kfunc::__kfunc_gate!(iter_new);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_iter_range_new {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_iter_range_new")]
    unsafe extern "C" fn __kfunc_entry(
        arg0: *mut bpf_iter_range,
        arg1: ::core::primitive::u64,
        arg2: ::core::primitive::u64,
    ) -> ::core::primitive::u64 {
        (unsafe {
            bpf_iter_range_new(
                arg0,
                arg1 as ::core::primitive::u32,
                arg2 as ::core::primitive::u32,
            )
        }) as ::core::primitive::i64 as ::core::primitive::u64
    }
    const FLAGS: ::core::primitive::u32 = 0x100u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_iter_range_new")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < bpf_iter_range > () != 0 && ::core::mem::size_of:: <
        bpf_iter_range > () % 8 == 0,
        "kfunc `bpf_iter_range_new`: the iterator state `bpf_iter_range` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]"
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 98] = *b"KFNC\x03\x01\0\0b\0\0\0\0\x01\0\0\x12\0bpf_iter_range_new\0\0\0\0\0\0\0\0\x01\x04\x01\x03\x02\0it\0\0\0\x03\x01\x04\x0E\0bpf_iter_range\x05\0start\0\0\0\x01\x04\0\x03\0end\0\0\0\x01\x04\0";
};
#[inline(always)]
unsafe fn bpf_iter_range_next(it: *mut bpf_iter_range) -> *mut u32 {
    core::ptr::null_mut()
}
const _: () = {
    ::kfunc::__kfunc_gate!(ret_null);
    ::kfunc::__kfunc_gate!(iter_next);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_iter_range_next {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_iter_range_next")]
    unsafe extern "C" fn __kfunc_entry(arg0: *mut bpf_iter_range) -> *mut u32 {
        unsafe { bpf_iter_range_next(arg0) }
    }
    const FLAGS: ::core::primitive::u32 = 0x204u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_iter_range_next")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < bpf_iter_range > () != 0 && ::core::mem::size_of:: <
        bpf_iter_range > () % 8 == 0,
        "kfunc `bpf_iter_range_next`: the iterator state `bpf_iter_range` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]"
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 77] = *b"KFNC\x03\x01\0\0M\0\0\0\x04\x02\0\0\x13\0bpf_iter_range_next\0\0\0\0\0\0\0\0\x03\x01\x01\x04\0\x01\x02\0it\0\0\0\x03\x01\x04\x0E\0bpf_iter_range";
};
#[inline(always)]
unsafe fn bpf_iter_range_destroy(it: *mut bpf_iter_range) {}
const _: () = {
    ::kfunc::__kfunc_gate!(iter_destroy);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_iter_range_destroy {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_iter_range_destroy")]
    unsafe extern "C" fn __kfunc_entry(arg0: *mut bpf_iter_range) {
        unsafe { bpf_iter_range_destroy(arg0) }
    }
    const FLAGS: ::core::primitive::u32 = 0x400u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_iter_range_destroy")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < bpf_iter_range > () != 0 && ::core::mem::size_of:: <
        bpf_iter_range > () % 8 == 0,
        "kfunc `bpf_iter_range_destroy`: the iterator state `bpf_iter_range` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]"
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 76] = *b"KFNC\x03\x01\0\0L\0\0\0\0\x04\0\0\x16\0bpf_iter_range_destroy\0\0\0\0\0\0\0\0\0\x01\x02\0it\0\0\0\x03\x01\x04\x0E\0bpf_iter_range";
};
