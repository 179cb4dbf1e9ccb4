use kfunc::prelude::*;
/// Adds `delta` to the calling program's counter.
#[inline(always)]
pub fn bpf_counter_add(delta: u64, aux: &ProgAux) -> u64 {
    let _ = aux;
    delta
}
const _: () = {
    ::kfunc::__kfunc_gate!(implicit_args);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_counter_add {
        () => {};
    }
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_counter_add")]
    extern "C" fn __kfunc_entry(
        arg0: ::core::primitive::u64,
        arg1: &ProgAux,
    ) -> ::core::primitive::u64 {
        (bpf_counter_add(arg0 as ::core::primitive::u64, arg1)) as ::core::primitive::u64
    }
    const FLAGS: ::core::primitive::u32 = 0x10000u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_counter_add")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_PROG_LIMITS")]
    #[unsafe(export_name = "__kfunc_limit__bpf_counter_add")]
    static LIMIT: ::kfunc::__private::ProgLimit = ::kfunc::__private::ProgLimit::new(
        0x84000000u64,
    );
    const _: ::kfunc::__private::Type = <&ProgAux as ::kfunc::__private::ImplicitArg>::TYPE;
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 83] = *b"KFNC\x03\x01\0\0S\0\0\0\0\0\x01\0\x0F\0bpf_counter_add\0\0\0\x84\0\0\0\0\x01\x08\0\x02\x05\0delta\0\0\0\x01\x08\0\x03\0aux\0\0\x01\x03\x01\x04\x0C\0bpf_prog_aux";
};
#[inline(always)]
unsafe fn bpf_counter_reset<'a>(
    name: &'a Counter,
    aux: *mut bindings::bpf_prog_aux,
) -> usize {
    0
}
const _: () = {
    ::kfunc::__kfunc_gate!(implicit_args);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_counter_reset {
        () => {};
    }
    const _: () = {
        const fn ref_arg<T: ?::core::marker::Sized + ::kfunc::__private::RefArg>() -> &'static ::core::primitive::str {
            <T as ::kfunc::__private::BtfStruct>::NAME
        }
        ::kfunc::__private::spelled_as(ref_arg::<Counter>(), "Counter");
    };
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_counter_reset")]
    unsafe extern "C" fn __kfunc_entry<'a>(
        arg0: &'a Counter,
        arg1: *mut bindings::bpf_prog_aux,
    ) -> ::core::primitive::u64 {
        ::kfunc::__private::Scalar::to_reg(unsafe { bpf_counter_reset(arg0, arg1) })
    }
    const FLAGS: ::core::primitive::u32 = 0x10000u32
        | ::kfunc::__private::TRUSTED_ARGS_FOR_REFS;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_counter_reset")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    const FUNC: ::kfunc::__private::Func = ::kfunc::__private::Func {
        name: "bpf_counter_reset",
        flags: FLAGS,
        prog_types: 0x0u64,
        ret: <usize as ::kfunc::__private::Scalar>::TYPE,
        params: &[
            ::kfunc::__private::Param {
                name: "name",
                suffix: "",
                implicit: false,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "Counter",
                    },
                    mutable: false,
                },
            },
            ::kfunc::__private::Param {
                name: "aux",
                suffix: "",
                implicit: true,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "bpf_prog_aux",
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
