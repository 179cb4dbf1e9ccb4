#[cfg(feature = "buffers")]
#[unsafe(no_mangle)]
unsafe extern "C" fn bpf_buf_fill(
    buf: *mut u8,
    len: usize,
    name: *const core::ffi::c_char,
    mode: core::ffi::c_int,
    task: Option<&bindings::task_struct>,
) -> i32 {
    0
}
#[cfg(feature = "buffers")]
const _: () = {
    ::kfunc::__kfunc_gate!(sleepable);
    ::kfunc::__kfunc_gate!(arg_sz);
    ::kfunc::__kfunc_gate!(arg_k);
    ::kfunc::__kfunc_gate!(arg_nullable);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_buf_fill {
        () => {};
    }
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_buf_fill")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        0x20u32,
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_buf_fill",
        flags: 0x20u32,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Int {
            size: 4u8,
            signed: true,
        },
        params: &[
            ::kfunc::__private::Param {
                name: "buf",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Int {
                        size: 1u8,
                        signed: false,
                    },
                    mutable: true,
                },
            },
            ::kfunc::__private::Param {
                name: "len",
                suffix: "__sz",
                implicit: false,
                ty: <usize as ::kfunc::__private::Scalar>::TYPE,
            },
            ::kfunc::__private::Param {
                name: "name",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::char_of(
                        <core::ffi::c_char as ::kfunc::__private::Scalar>::TYPE,
                    ),
                    mutable: false,
                },
            },
            ::kfunc::__private::Param {
                name: "mode",
                suffix: "__k",
                implicit: false,
                ty: <core::ffi::c_int as ::kfunc::__private::Scalar>::TYPE,
            },
            ::kfunc::__private::Param {
                name: "task",
                suffix: "__nullable",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "task_struct",
                    },
                    mutable: false,
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
#[unsafe(no_mangle)]
extern "C" fn bpf_for_each(
    cb: Option<unsafe extern "C" fn(u32, *mut core::ffi::c_void) -> i64>,
    ctx: *mut core::ffi::c_void,
) -> bool {
    true
}
const _: () = {
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_for_each {
        () => {};
    }
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_for_each")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        0x0u32,
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_for_each",
        flags: 0x0u32,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Bool,
        params: &[
            ::kfunc::__private::Param {
                name: "cb",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::FnPtr {
                    ret: &::kfunc::__private::Type::Int {
                        size: 8u8,
                        signed: true,
                    },
                    params: &[
                        ::kfunc::__private::Type::Int {
                            size: 4u8,
                            signed: false,
                        },
                        ::kfunc::__private::Type::Ptr {
                            pointee: &::kfunc::__private::Type::Void,
                            mutable: true,
                        },
                    ],
                },
            },
            ::kfunc::__private::Param {
                name: "ctx",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Void,
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
