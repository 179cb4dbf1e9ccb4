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
        ::kfunc::__private::Scalar::to_reg(unsafe {
            bpf_iter_range_new(
                arg0,
                <u32 as ::kfunc::__private::Scalar>::from_reg(arg1),
                <u32 as ::kfunc::__private::Scalar>::from_reg(arg2),
            )
        })
    }
    const FLAGS: ::core::primitive::u32 = 0x100u32;
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_iter_range_new")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < bpf_iter_range > () != 0 && ::core::mem::size_of:: <
        bpf_iter_range > () % 8 == 0,
        "kfunc `bpf_iter_range_new`: the iterator state `bpf_iter_range` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]"
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_iter_range_new",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Int {
            size: 4u8,
            signed: true,
        },
        params: &[
            ::kfunc::__private::Param {
                name: "it",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "bpf_iter_range",
                    },
                    mutable: true,
                },
            },
            ::kfunc::__private::Param {
                name: "start",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Int {
                    size: 4u8,
                    signed: false,
                },
            },
            ::kfunc::__private::Param {
                name: "end",
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
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_iter_range_next")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < bpf_iter_range > () != 0 && ::core::mem::size_of:: <
        bpf_iter_range > () % 8 == 0,
        "kfunc `bpf_iter_range_next`: the iterator state `bpf_iter_range` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]"
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_iter_range_next",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Ptr {
            pointee: &::kfunc::__private::Type::Int {
                size: 4u8,
                signed: false,
            },
            mutable: true,
        },
        params: &[
            ::kfunc::__private::Param {
                name: "it",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "bpf_iter_range",
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
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_FLAG_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_flags__bpf_iter_range_destroy")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const _: () = ::core::assert!(
        ::core::mem::size_of:: < bpf_iter_range > () != 0 && ::core::mem::size_of:: <
        bpf_iter_range > () % 8 == 0,
        "kfunc `bpf_iter_range_destroy`: the iterator state `bpf_iter_range` must have a size that is a non-zero multiple of 8 bytes (the verifier keeps it in 8-byte stack slots); add fields or #[repr(C, align(8))]"
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_iter_range_destroy",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: ::kfunc::__private::Type::Void,
        params: &[
            ::kfunc::__private::Param {
                name: "it",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "bpf_iter_range",
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
