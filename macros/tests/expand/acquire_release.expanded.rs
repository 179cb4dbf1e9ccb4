#[inline(always)]
unsafe fn bpf_thing_get(id: u32) -> *mut Thing {
    lookup(id)
}
const _: () = {
    ::kfunc::__kfunc_gate!(acquire);
    ::kfunc::__kfunc_gate!(ret_null);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_thing_get {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_thing_get")]
    unsafe extern "C" fn __kfunc_entry(arg0: ::core::primitive::u64) -> *mut Thing {
        unsafe { bpf_thing_get(arg0 as ::core::primitive::u32) }
    }
    const FLAGS: ::core::primitive::u32 = 0x5u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_thing_get")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 60] = *b"KFNC\x03\x01\0\0<\0\0\0\x05\0\0\0\r\0bpf_thing_get\0\0\0\0\0\0\0\0\x03\x01\x04\x05\0Thing\x01\x02\0id\0\0\0\x01\x04\0";
};
#[inline(always)]
unsafe fn bpf_thing_put(t: *mut Thing) {
    drop_thing(t)
}
const _: () = {
    ::kfunc::__kfunc_gate!(release);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_thing_put {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_thing_put")]
    unsafe extern "C" fn __kfunc_entry(arg0: *mut Thing) {
        unsafe { bpf_thing_put(arg0) }
    }
    const FLAGS: ::core::primitive::u32 = 0x2u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_thing_put")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 57] = *b"KFNC\x03\x01\0\09\0\0\0\x02\0\0\0\r\0bpf_thing_put\0\0\0\0\0\0\0\0\0\x01\x01\0t\0\0\0\x03\x01\x04\x05\0Thing";
};
