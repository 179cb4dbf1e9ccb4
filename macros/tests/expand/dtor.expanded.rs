#[unsafe(no_mangle)]
unsafe extern "C" fn bpf_obj_put(obj: *mut Obj) {
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
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_obj_put")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        0x2u32,
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
        flags: 0x2u32,
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
