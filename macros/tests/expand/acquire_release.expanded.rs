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
        unsafe { bpf_thing_get(<u32 as ::kfunc::__private::Scalar>::from_reg(arg0)) }
    }
    const FLAGS: ::core::primitive::u32 = 0x5u32;
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_thing_get")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_thing_get",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Ptr {
            pointee: &::kfunc::__private::Type::Struct {
                name: "Thing",
            },
            mutable: true,
        },
        params: &[
            ::kfunc::__private::Param {
                name: "id",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Int {
                    size: 4u8,
                    signed: false,
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
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_thing_put")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_thing_put",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Void,
        params: &[
            ::kfunc::__private::Param {
                name: "t",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "Thing",
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
