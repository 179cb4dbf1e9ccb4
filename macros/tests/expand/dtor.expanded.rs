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
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_obj_put")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    impl ::kfunc::__private::KptrDtor for Obj {}
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_dtor_of_Obj {
        () => {};
    }
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_DTOR_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_dtor__bpf_obj_put")]
    static DTOR: ::kfunc::__private::DtorEntry = ::kfunc::__private::DtorEntry::UNFILLED;
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_obj_put",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Void,
        params: &[
            ::kfunc::__private::Param {
                name: "obj",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "Obj",
                    },
                    mutable: true,
                },
            },
        ],
    };
    const LEN: ::core::primitive::usize = ::kfunc::__private::func_len(&FUNC);
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; LEN] = ::kfunc::__private::encode_func::<
        LEN,
    >(&FUNC);
};
