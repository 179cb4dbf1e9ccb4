#[inline(always)]
unsafe fn bpf_obj_put(obj: *mut Obj) {
    let _ = obj;
}
const _: () = {
    ::kfunc::__kfunc_gate!(release);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_obj_put {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_obj_put")]
    unsafe extern "C" fn __kfunc_entry(arg0: *mut Obj) {
        unsafe { bpf_obj_put(arg0) }
    }
    const FLAGS: ::core::primitive::u32 = 0x2u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_obj_put")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    impl ::kfunc::__private::KptrDtor for Obj {}
    const _: () = ::kfunc::__private::spelled_as(
        <Obj as ::kfunc::__private::BtfStruct>::NAME,
        "Obj",
    );
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_dtor_of_Obj {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks, unused_unsafe)]
    #[unsafe(export_name = "bpf_obj_put_dtor")]
    unsafe extern "C" fn __kfunc_dtor(obj: *mut ::core::ffi::c_void) {
        unsafe { __kfunc_entry(obj.cast()) }
    }
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_DTOR_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_dtor__bpf_obj_put")]
    static DTOR: ::kfunc::__private::DtorEntry = ::kfunc::__private::DtorEntry::UNFILLED;
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 55] = *b"KFNC\x03\x01\0\x007\0\0\0\x02\0\0\0\x0B\0bpf_obj_put\0\0\0\0\0\0\0\0\0\x01\x03\0obj\0\0\0\x03\x01\x04\x03\0Obj";
};
