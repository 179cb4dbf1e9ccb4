#[derive(BtfType)]
#[repr(C)]
pub struct Thing {
    pub id: u32,
    pub refs: core::ffi::c_long,
    pub next: *mut Thing,
    pub name: [u8; 16],
    pub task: Option<&'static bindings::task_struct>,
}
impl ::kfunc::__private::BtfStruct for Thing {
    const NAME: &'static ::core::primitive::str = "Thing";
}
impl ::kfunc::__private::OwnedBy<::kfunc::__private::Unowned> for Thing {}
const _: () = {
    const DEF: ::kfunc::__private::StructDef = ::kfunc::__private::StructDef {
        name: "Thing",
        size: ::core::mem::size_of::<Thing>() as ::core::primitive::u32,
        align: ::core::mem::align_of::<Thing>() as ::core::primitive::u32,
        fields: &[
            ::kfunc::__private::Field {
                name: "id",
                offset: ::core::mem::offset_of!(Thing, id) as ::core::primitive::u32,
                ty: ::kfunc::__private::Type::Int {
                    size: 4u8,
                    signed: false,
                },
            },
            ::kfunc::__private::Field {
                name: "refs",
                offset: ::core::mem::offset_of!(Thing, refs) as ::core::primitive::u32,
                ty: <core::ffi::c_long as ::kfunc::__private::Scalar>::TYPE,
            },
            ::kfunc::__private::Field {
                name: "next",
                offset: ::core::mem::offset_of!(Thing, next) as ::core::primitive::u32,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "Thing",
                    },
                    mutable: true,
                },
            },
            ::kfunc::__private::Field {
                name: "name",
                offset: ::core::mem::offset_of!(Thing, name) as ::core::primitive::u32,
                ty: ::kfunc::__private::Type::Array {
                    elem: &::kfunc::__private::Type::Int {
                        size: 1u8,
                        signed: false,
                    },
                    len: (16) as ::core::primitive::u32,
                },
            },
            ::kfunc::__private::Field {
                name: "task",
                offset: ::core::mem::offset_of!(Thing, task) as ::core::primitive::u32,
                ty: ::kfunc::__private::Type::Ptr {
                    pointee: &::kfunc::__private::Type::Struct {
                        name: "task_struct",
                    },
                    mutable: false,
                },
            },
        ],
        data: false,
    };
    const LEN: ::core::primitive::usize = ::kfunc::__private::struct_len(&DEF);
    #[used]
    #[unsafe(link_section = ".comment.kfunc.interface")]
    static STUB: [::core::primitive::u8; LEN] = ::kfunc::__private::encode_struct::<
        LEN,
    >(&DEF);
};
