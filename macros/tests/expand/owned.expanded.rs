#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct Obj {
    pub key: u32,
}
impl ::kfunc::__private::BtfStruct for Obj {
    const NAME: &'static ::core::primitive::str = "Obj";
}
impl ::kfunc::__private::OwnedBy<::kfunc::__private::owner_types::Arc<Obj>> for Obj {}
unsafe impl ::kfunc::__private::AnyBits for Obj {}
unsafe impl ::kfunc::RefArg for Obj {}
const _: () = {
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 39] = ::kfunc::__private::splice(
        *b"KFNC\x03\x02\0\0'\0\0\0\x03\0Obj\0\0\0\0\0\0\0\0\x01\0\x03\0key\0\0\0\0\x01\x04\0",
        [17, 21, 32],
        [
            ((::core::mem::size_of::<Obj>()) as ::core::primitive::u32).to_le_bytes(),
            ((::core::mem::align_of::<Obj>()) as ::core::primitive::u32).to_le_bytes(),
            ((::core::mem::offset_of!(Obj, key)) as ::core::primitive::u32).to_le_bytes(),
        ],
    );
};
#[inline(always)]
fn bpf_obj_new(key: u32) -> Option<Arc<Obj>> {
    Arc::new(Obj { key }, GFP_ATOMIC).ok()
}
const _: () = {
    ::kfunc::__kfunc_gate!(acquire);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_obj_new {
        () => {};
    }
    const _: () = {
        const fn owned_by<
            T: ?::core::marker::Sized + ::kfunc::__private::OwnedBy<Arc<Obj>>,
        >() -> &'static ::core::primitive::str {
            <T as ::kfunc::__private::BtfStruct>::NAME
        }
        ::kfunc::__private::spelled_as(owned_by::<Obj>(), "Obj");
    };
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_obj_new")]
    extern "C" fn __kfunc_entry(arg0: ::core::primitive::u64) -> *mut Obj {
        ::kfunc::__private::into_raw_or_null::<
            Obj,
            Arc<Obj>,
        >(bpf_obj_new(arg0 as ::core::primitive::u32))
    }
    const FLAGS: ::core::primitive::u32 = 0x5u32;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_obj_new")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 57] = *b"KFNC\x03\x01\0\09\0\0\0\x05\0\0\0\x0B\0bpf_obj_new\0\0\0\0\0\0\0\0\x03\x01\x04\x03\0Obj\x01\x03\0key\0\0\0\x01\x04\0";
};
#[inline(always)]
fn bpf_obj_drop(obj: Arc<Obj>) {
    drop(obj);
}
const _: () = {
    ::kfunc::__kfunc_gate!(release);
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_obj_drop {
        () => {};
    }
    const _: () = {
        const fn owned_by<
            T: ?::core::marker::Sized + ::kfunc::__private::OwnedBy<Arc<Obj>>,
        >() -> &'static ::core::primitive::str {
            <T as ::kfunc::__private::BtfStruct>::NAME
        }
        ::kfunc::__private::spelled_as(owned_by::<Obj>(), "Obj");
    };
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_obj_drop")]
    extern "C" fn __kfunc_entry(arg0: *mut Obj) {
        let arg0 = unsafe {
            <Arc<Obj> as ::kfunc::__private::OwnerOf<Obj>>::from_raw(arg0)
        };
        bpf_obj_drop(arg0)
    }
    const FLAGS: ::core::primitive::u32 = 0x2u32
        | ::kfunc::__private::TRUSTED_ARGS_FOR_REFS;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_obj_drop")]
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
    #[unsafe(export_name = "bpf_obj_drop_dtor")]
    unsafe extern "C" fn __kfunc_dtor(obj: *mut ::core::ffi::c_void) {
        unsafe { __kfunc_entry(obj.cast()) }
    }
    #[::kfunc::__private::linkme::distributed_slice(
        ::kfunc::__private::KFUNC_DTOR_TABLE
    )]
    #[linkme(crate = ::kfunc::__private::linkme)]
    #[unsafe(export_name = "__kfunc_dtor__bpf_obj_drop")]
    static DTOR: ::kfunc::__private::DtorEntry = ::kfunc::__private::DtorEntry::UNFILLED;
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 56] = ::kfunc::__private::splice(
        *b"KFNC\x03\x01\0\08\0\0\0\0\0\0\0\x0C\0bpf_obj_drop\0\0\0\0\0\0\0\0\0\x01\x03\0obj\0\0\0\x03\x01\x04\x03\0Obj",
        [12],
        [((FLAGS) as ::core::primitive::u32).to_le_bytes()],
    );
};
#[inline(always)]
fn bpf_task_tgid(task: &Task) -> i32 {
    task.tgid_nr_ns(None)
}
const _: () = {
    #[doc(hidden)]
    #[allow(non_local_definitions)]
    #[macro_export]
    macro_rules! __kfunc_name_bpf_task_tgid {
        () => {};
    }
    const _: fn(&'static Task) -> &'static ::kernel::task::Task = |object| object;
    #[allow(clippy::undocumented_unsafe_blocks)]
    #[unsafe(export_name = "bpf_task_tgid")]
    extern "C" fn __kfunc_entry(arg0: &Task) -> ::core::primitive::u64 {
        (bpf_task_tgid(arg0)) as ::core::primitive::i64 as ::core::primitive::u64
    }
    const FLAGS: ::core::primitive::u32 = 0x0u32
        | ::kfunc::__private::TRUSTED_ARGS_FOR_REFS;
    #[used]
    #[unsafe(link_section = "linkme_KFUNC_FLAG_TABLE")]
    #[unsafe(export_name = "__kfunc_flags__bpf_task_tgid")]
    static ENTRY: ::kfunc::__private::FlagEntry = ::kfunc::__private::FlagEntry::new(
        FLAGS,
    );
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; 68] = ::kfunc::__private::splice(
        *b"KFNC\x03\x01\0\0D\0\0\0\0\0\0\0\r\0bpf_task_tgid\0\0\0\0\0\0\0\0\x01\x04\x01\x01\x04\0task\0\0\0\x03\x01\x04\x0B\0task_struct",
        [12],
        [((FLAGS) as ::core::primitive::u32).to_le_bytes()],
    );
};
