#[cfg(feature = "buffers")]
#[inline(always)]
unsafe fn bpf_buf_fill(
    buf: *mut u8,
    len: usize,
    name: *const core::ffi::c_char,
    mode: core::ffi::c_int,
    obj: Option<&Counter>,
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
    const _: () = {
        const fn ref_arg<T: ?::core::marker::Sized + ::kfunc::__private::RefArg>() -> &'static ::core::primitive::str {
            <T as ::kfunc::__private::BtfStruct>::NAME
        }
        ::kfunc::__private::spelled_as(ref_arg::<Counter>(), "Counter");
    };
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_buf_fill")]
    unsafe extern "C" fn __kfunc_entry(
        arg0: *mut u8,
        arg1: ::core::primitive::u64,
        arg2: *const core::ffi::c_char,
        arg3: ::core::primitive::u64,
        arg4: Option<&Counter>,
    ) -> ::core::primitive::u64 {
        (unsafe {
            bpf_buf_fill(
                arg0,
                <usize as ::kfunc::__private::Scalar>::from_reg(arg1),
                arg2,
                <core::ffi::c_int as ::kfunc::__private::Scalar>::from_reg(arg3),
                arg4,
            )
        }) as ::core::primitive::i64 as ::core::primitive::u64
    }
    const FLAGS: ::core::primitive::u32 = 0x20u32
        | ::kfunc::__private::TRUSTED_ARGS_FOR_REFS;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_buf_fill")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_buf_fill",
        flags: FLAGS,
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
                name: "obj",
                suffix: "__nullable",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "Counter",
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
/// Narrow integers and `bool` arrive as full registers: the entry converts.
#[inline(always)]
fn bpf_level(on: bool, level: i16, mask: u8) -> bool {
    on && level > 0 && mask != 0
}
const _: () = {
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_level {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_level")]
    extern "C" fn __kfunc_entry(
        arg0: ::core::primitive::u64,
        arg1: ::core::primitive::u64,
        arg2: ::core::primitive::u64,
    ) -> ::core::primitive::u64 {
        (bpf_level(
            arg0 != 0,
            arg1 as ::core::primitive::i16,
            arg2 as ::core::primitive::u8,
        )) as ::core::primitive::u64
    }
    const FLAGS: ::core::primitive::u32 = 0x0u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_level")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 70] = *b"KFNC\x03\x01\0\0F\0\0\0\0\0\0\0\t\0bpf_level\0\0\0\0\0\0\0\0\x02\x03\x02\0on\0\0\0\x02\x05\0level\0\0\0\x01\x02\x01\x04\0mask\0\0\0\x01\x01\0";
};
