#[derive(BtfType, Clone, Copy)]
#[btf(data)]
#[repr(C)]
pub struct Args {
    pub a: u64,
    pub b: [u32; 2],
}
impl ::kfunc::__private::BtfStruct for Args {
    const NAME: &'static ::core::primitive::str = "Args";
}
const _: () = {
    const fn data_field<T: ?::core::marker::Sized + ::kfunc::__private::DataField>() {}
    data_field::<u64>();
    data_field::<[u32; 2]>();
};
unsafe impl ::kfunc::__private::AnyBits for Args {}
unsafe impl ::kfunc::__private::DataField for Args {}
unsafe impl ::kfunc::PlainData for Args {}
const _: () = {
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 53] = ::kfunc::__private::splice(
        *b"KFNC\x03\x03\0\x005\0\0\0\x04\0Args\0\0\0\0\0\0\0\0\x02\0\x01\0a\0\0\0\0\x01\x08\0\x01\0b\0\0\0\0\x06\x02\0\0\0\x01\x04\0",
        [18, 22, 31, 41],
        [
            ((::core::mem::size_of::<Args>()) as ::core::primitive::u32).to_le_bytes(),
            ((::core::mem::align_of::<Args>()) as ::core::primitive::u32).to_le_bytes(),
            ((::core::mem::offset_of!(Args, a)) as ::core::primitive::u32).to_le_bytes(),
            ((::core::mem::offset_of!(Args, b)) as ::core::primitive::u32).to_le_bytes(),
        ],
    );
};
#[inline(always)]
fn bpf_args_sum(args: Copied<Args>, extra: u8) -> u64 {
    args.a + u64::from(args.b[0]) + u64::from(extra)
}
const _: () = {
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_args_sum {
        () => {};
    }
    const _: () = {
        const fn plain_data<T: ?::core::marker::Sized + ::kfunc::PlainData>() -> &'static ::core::primitive::str {
            <T as ::kfunc::__private::BtfStruct>::NAME
        }
        ::kfunc::__private::spelled_as(plain_data::<Args>(), "Args");
    };
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_args_sum")]
    extern "C" fn __kfunc_entry(
        arg0: *const Args,
        arg1: ::core::primitive::u64,
    ) -> ::core::primitive::u64 {
        let arg0 = unsafe { ::kfunc::Copied::<Args>::read_from(arg0) };
        (bpf_args_sum(arg0, arg1 as ::core::primitive::u8)) as ::core::primitive::u64
    }
    const FLAGS: ::core::primitive::u32 = 0x0u32
        | ::kfunc::__private::TRUSTED_ARGS_FOR_REFS;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_args_sum")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 73] = ::kfunc::__private::splice(
        *b"KFNC\x03\x01\0\0I\0\0\0\0\0\0\0\x0C\0bpf_args_sum\0\0\0\0\0\0\0\0\x01\x08\0\x02\x04\0args\0\0\0\x03\0\x04\x04\0Args\x05\0extra\0\0\0\x01\x01\0",
        [12],
        [((FLAGS) as ::core::primitive::u32).to_le_bytes()],
    );
};
