use super::*;
use crate::flags::{KF_ACQUIRE, KF_RET_NULL};

// ---- golden bytes, written out by hand from docs/interface-stubs.md ----

const AB: Type = Type::Struct { name: "ab" };
const GOLDEN_FUNC: Func = Func {
    name: "f",
    flags: KF_ACQUIRE | KF_RET_NULL,
    prog_types: 1 << 31,
    ret: Type::Ptr {
        pointee: &AB,
        mutable: true,
    },
    params: &[
        Param {
            name: "x",
            suffix: "__k",
            implicit: false,
            ty: Type::Int {
                size: 4,
                signed: false,
            },
        },
        Param {
            name: "a",
            suffix: "",
            implicit: true,
            ty: Type::Bool,
        },
    ],
};
const GOLDEN_FUNC_LEN: usize = func_len(&GOLDEN_FUNC);
static GOLDEN_FUNC_BYTES: [u8; GOLDEN_FUNC_LEN] = encode_func::<GOLDEN_FUNC_LEN>(&GOLDEN_FUNC);

#[rustfmt::skip]
const GOLDEN_FUNC_EXPECTED: [u8; 54] = [
    b'K', b'F', b'N', b'C', 3, 1, 0, 0, 54, 0, 0, 0, // header: version 3, kind 1, len 54
    0x05, 0, 0, 0,                                   // flags KF_ACQUIRE | KF_RET_NULL
    1, 0, b'f',                                      // name "f"
    0, 0, 0, 0x80, 0, 0, 0, 0,                       // prog_types 1 << 31
    3, 1, 4, 2, 0, b'a', b'b',                       // ret: *mut struct ab
    2,                                               // nparams
    1, 0, b'x', 3, 0, b'_', b'_', b'k', 0, 1, 4, 0,  // x__k: u32, not implicit
    1, 0, b'a', 0, 0, 1, 2,                          // a: bool, implicit
];

#[test]
fn golden_func() {
    assert_eq!(GOLDEN_FUNC_LEN, 54);
    assert_eq!(GOLDEN_FUNC_BYTES, GOLDEN_FUNC_EXPECTED);
}

const GOLDEN_STRUCT: StructDef = StructDef {
    data: false,
    name: "s",
    size: 8,
    align: 4,
    fields: &[
        Field {
            name: "a",
            offset: 0,
            ty: Type::Int {
                size: 4,
                signed: true,
            },
        },
        Field {
            name: "b",
            offset: 4,
            ty: Type::Array {
                elem: &Type::Int {
                    size: 1,
                    signed: false,
                },
                len: 4,
            },
        },
    ],
};
const GOLDEN_STRUCT_LEN: usize = struct_len(&GOLDEN_STRUCT);
static GOLDEN_STRUCT_BYTES: [u8; GOLDEN_STRUCT_LEN] =
    encode_struct::<GOLDEN_STRUCT_LEN>(&GOLDEN_STRUCT);

#[rustfmt::skip]
const GOLDEN_STRUCT_EXPECTED: [u8; 50] = [
    b'K', b'F', b'N', b'C', 3, 2, 0, 0, 50, 0, 0, 0, // header: version 3, kind 2, len 50
    1, 0, b's',                                      // name "s"
    8, 0, 0, 0,                                      // size
    4, 0, 0, 0,                                      // align
    2, 0,                                            // nfields
    1, 0, b'a', 0, 0, 0, 0, 1, 4, 1,                 // a @0: i32
    1, 0, b'b', 4, 0, 0, 0, 6, 4, 0, 0, 0, 1, 1, 0,  // b @4: [u8; 4]
];

#[test]
fn golden_struct() {
    assert_eq!(GOLDEN_STRUCT_LEN, 50);
    assert_eq!(GOLDEN_STRUCT_BYTES, GOLDEN_STRUCT_EXPECTED);
}

// ---- encoder misuse panics (a compile error in const context) ----

#[test]
#[should_panic(expected = "N must equal func_len")]
fn wrong_length_panics() {
    let _ = encode_func::<53>(&GOLDEN_FUNC);
}

#[test]
#[should_panic(expected = "integer size must be 1, 2, 4 or 8")]
fn bad_int_size_panics() {
    let _ = func_len(&Func {
        ret: Type::Int {
            size: 3,
            signed: false,
        },
        ..GOLDEN_FUNC
    });
}

#[test]
#[should_panic(expected = "arrays are only allowed in struct fields")]
fn array_in_func_panics() {
    const A: Type = Type::Array {
        elem: &Type::Bool,
        len: 2,
    };
    let _ = func_len(&Func {
        ret: Type::Ptr {
            pointee: &A,
            mutable: false,
        },
        ..GOLDEN_FUNC
    });
}

#[cfg(feature = "decode")]
mod decoding {
    use super::*;
    use crate::interface::decode::*;
    use std::vec::Vec;

    // ---- roundtrip of every type tag, encoded in const ----

    const TASK: Type = Type::Struct {
        name: "task_struct",
    };
    const I8: Type = Type::Int {
        size: 1,
        signed: true,
    };
    const U64: Type = Type::Int {
        size: 8,
        signed: false,
    };
    const CB_PARAMS: [Type; 3] = [
        Type::Ptr {
            pointee: &Type::Void,
            mutable: true,
        },
        U64,
        Type::Bool,
    ];
    const CB: Type = Type::FnPtr {
        ret: &Type::Int {
            size: 8,
            signed: true,
        },
        params: &CB_PARAMS,
    };
    const NO_ARGS_CB: Type = Type::FnPtr {
        ret: &Type::Void,
        params: &[],
    };
    const CONST_PTR_TO_PTR: Type = Type::Ptr {
        pointee: &Type::Ptr {
            pointee: &I8,
            mutable: false,
        },
        mutable: true,
    };

    const EVERY_TYPE: Func = Func {
        name: "bpf_every_type",
        flags: u32::MAX,
        prog_types: u64::MAX,
        ret: Type::Void,
        params: &[
            Param {
                name: "a",
                suffix: "",
                implicit: false,
                ty: Type::Int {
                    size: 1,
                    signed: false,
                },
            },
            Param {
                name: "b",
                suffix: "",
                implicit: false,
                ty: Type::Int {
                    size: 2,
                    signed: true,
                },
            },
            Param {
                name: "c",
                suffix: "",
                implicit: false,
                ty: Type::Int {
                    size: 4,
                    signed: true,
                },
            },
            Param {
                name: "d",
                suffix: "__sz",
                implicit: false,
                ty: U64,
            },
            Param {
                name: "e",
                suffix: "",
                implicit: false,
                ty: Type::Bool,
            },
            Param {
                name: "task",
                suffix: "__nullable",
                implicit: false,
                ty: Type::Ptr {
                    pointee: &TASK,
                    mutable: false,
                },
            },
            Param {
                name: "mem",
                suffix: "",
                implicit: false,
                ty: Type::Ptr {
                    pointee: &Type::Void,
                    mutable: true,
                },
            },
            Param {
                name: "pp",
                suffix: "",
                implicit: false,
                ty: CONST_PTR_TO_PTR,
            },
            Param {
                name: "cb",
                suffix: "",
                implicit: false,
                ty: CB,
            },
            Param {
                name: "cb0",
                suffix: "",
                implicit: false,
                ty: NO_ARGS_CB,
            },
            Param {
                name: "é",
                suffix: "__str",
                implicit: false,
                ty: Type::Ptr {
                    pointee: &I8,
                    mutable: false,
                },
            },
            Param {
                name: "aux",
                suffix: "",
                implicit: true,
                ty: Type::Ptr {
                    pointee: &Type::Struct {
                        name: "bpf_prog_aux",
                    },
                    mutable: true,
                },
            },
        ],
    };
    const EVERY_TYPE_LEN: usize = func_len(&EVERY_TYPE);
    const EVERY_TYPE_BYTES: [u8; EVERY_TYPE_LEN] = encode_func::<EVERY_TYPE_LEN>(&EVERY_TYPE);

    const NESTED: Type = Type::Array {
        elem: &Type::Array { elem: &U64, len: 2 },
        len: 3,
    };
    const EVERY_FIELD: StructDef = StructDef {
        data: false,
        name: "bpf_iter_thing",
        size: 64,
        align: 8,
        fields: &[
            Field {
                name: "flags",
                offset: 0,
                ty: Type::Int {
                    size: 4,
                    signed: false,
                },
            },
            Field {
                name: "ok",
                offset: 4,
                ty: Type::Bool,
            },
            Field {
                name: "grid",
                offset: 8,
                ty: NESTED,
            },
            Field {
                name: "next",
                offset: 56,
                ty: Type::Ptr {
                    pointee: &Type::Struct {
                        name: "bpf_iter_thing",
                    },
                    mutable: true,
                },
            },
            Field {
                name: "cb",
                offset: 56,
                ty: NO_ARGS_CB,
            },
        ],
    };
    const EVERY_FIELD_LEN: usize = struct_len(&EVERY_FIELD);
    const EVERY_FIELD_BYTES: [u8; EVERY_FIELD_LEN] = encode_struct::<EVERY_FIELD_LEN>(&EVERY_FIELD);

    #[test]
    fn func_roundtrip_every_type_tag() {
        let decoded = decode_func(&EVERY_TYPE_BYTES).unwrap();
        assert_eq!(decoded, DecodedFunc::from(&EVERY_TYPE));
        // Spot checks that do not go through the From conversions.
        assert_eq!(decoded.name, "bpf_every_type");
        assert_eq!(decoded.params.len(), 12);
        assert_eq!(decoded.params[3].btf_name(), "d__sz");
        assert_eq!(decoded.params[10].btf_name(), "é__str");
        assert_eq!(decoded.interface_params().count(), 11);
        assert!(decoded.has_implicit());
        assert_eq!(
            std::format!("{}", decoded.params[8].ty),
            "s64 (*)(void *, u64, bool)"
        );
        assert_eq!(std::format!("{}", decoded.params[7].ty), "const s8 * *");
        assert_eq!(
            std::format!("{}", decoded.params[5].ty),
            "const struct task_struct *"
        );
        assert_eq!(
            decoded.params[9].ty,
            DecodedType::FnPtr {
                ret: std::boxed::Box::new(DecodedType::Void),
                params: Vec::new()
            }
        );
    }

    #[test]
    fn struct_roundtrip_with_arrays() {
        let decoded = decode_struct(&EVERY_FIELD_BYTES).unwrap();
        assert_eq!(decoded, DecodedStruct::from(&EVERY_FIELD));
        assert_eq!(std::format!("{}", decoded.fields[2].ty), "u64[2][3]");
    }

    #[test]
    fn golden_decodes() {
        let f = decode_func(&GOLDEN_FUNC_EXPECTED).unwrap();
        assert_eq!(f, DecodedFunc::from(&GOLDEN_FUNC));
        let s = decode_struct(&GOLDEN_STRUCT_EXPECTED).unwrap();
        assert_eq!(s, DecodedStruct::from(&GOLDEN_STRUCT));
    }

    /// A section as a linker may produce it: records with zero padding, and
    /// a record of a kind this decoder does not know.
    fn section() -> (Vec<u8>, [usize; 4]) {
        let mut s = Vec::new();
        let mut at = [0; 4];
        s.extend_from_slice(&[0, 0, 0]);
        at[0] = s.len();
        s.extend_from_slice(&EVERY_TYPE_BYTES);
        s.extend_from_slice(&[0; 5]);
        at[1] = s.len();
        s.extend_from_slice(&GOLDEN_STRUCT_BYTES);
        at[2] = s.len();
        s.extend_from_slice(&[b'K', b'F', b'N', b'C', 3, 9, 0, 0, 14, 0, 0, 0, 0xaa, 0xbb]);
        at[3] = s.len();
        s.extend_from_slice(&GOLDEN_FUNC_BYTES);
        s.extend_from_slice(&[0; 8]);
        (s, at)
    }

    #[test]
    fn section_with_padding_and_unknown_kind() {
        let (bytes, at) = section();
        let records = decode_section(&bytes).unwrap();
        assert_eq!(records.len(), 4);
        assert_eq!(records.iter().map(|r| r.offset).collect::<Vec<_>>(), at);
        assert_eq!(
            records[0].record,
            Record::Func(DecodedFunc::from(&EVERY_TYPE))
        );
        assert_eq!(
            records[1].record,
            Record::Struct(DecodedStruct::from(&GOLDEN_STRUCT))
        );
        assert_eq!(records[2].record, Record::Unknown { kind: 9, len: 14 });
        assert_eq!(
            records[3].record,
            Record::Func(DecodedFunc::from(&GOLDEN_FUNC))
        );
        assert_eq!(decode_section(&[]).unwrap(), []);
        assert_eq!(decode_section(&[0; 16]).unwrap(), []);
    }

    fn err(bytes: &[u8]) -> DecodeError {
        decode_section(bytes).unwrap_err()
    }

    fn golden_with(offset: usize, value: u8) -> Vec<u8> {
        let mut b = GOLDEN_FUNC_EXPECTED.to_vec();
        b[offset] = value;
        b
    }

    #[test]
    fn bad_magic_reports_its_offset() {
        let (mut bytes, at) = section();
        bytes[at[1] + 1] = b'X';
        let e = err(&bytes);
        assert_eq!(
            e,
            DecodeError {
                offset: at[1],
                kind: DecodeErrorKind::BadMagic { found: *b"KXNC" }
            }
        );
        assert_eq!(
            std::format!("{e}"),
            std::format!(
                "interface stub at offset {:#x}: bad magic [4b, 58, 4e, 43] (expected \"KFNC\")",
                at[1]
            )
        );
    }

    #[test]
    fn records_of_older_macros_are_refused() {
        // versions 1 and 2: the same bytes, written before the verifier
        // model (their structs would be written without the object marker)
        for v in [1, 2] {
            let e = err(&golden_with(4, v));
            assert_eq!(e.kind, DecodeErrorKind::UnsupportedVersion { version: v });
            let msg = std::format!("{e}");
            assert!(msg.contains("must be rebuilt"), "{msg}");
        }
    }

    #[test]
    fn char_round_trips() {
        const F: Func = Func {
            name: "c",
            flags: 0,
            prog_types: 0,
            ret: Type::Char { signed: true },
            params: &[Param {
                name: "s",
                suffix: "__str",
                implicit: false,
                ty: Type::Ptr {
                    pointee: &Type::char_of(Type::Int {
                        size: 1,
                        signed: false,
                    }),
                    mutable: false,
                },
            }],
        };
        const N: usize = func_len(&F);
        static B: [u8; N] = encode_func::<N>(&F);
        let d = decode_section(&B).unwrap();
        assert_eq!(d[0].record, Record::Func(DecodedFunc::from(&F)));
        let Record::Func(f) = &d[0].record else {
            unreachable!()
        };
        assert_eq!(std::format!("{}", f.params[0].ty), "const char *");
        assert_eq!(f.ret, DecodedType::Char { signed: true });
    }

    #[test]
    fn unknown_version() {
        let e = err(&golden_with(4, 4));
        assert_eq!(
            e,
            DecodeError {
                offset: 4,
                kind: DecodeErrorKind::UnsupportedVersion { version: 4 }
            }
        );
        assert!(matches!(
            err(&golden_with(4, 0)).kind,
            DecodeErrorKind::UnsupportedVersion { version: 0 }
        ));
        let msg = std::format!("{e}");
        assert!(
            msg.contains("interface stub version 4 is not supported by this kfunc-btf"),
            "{msg}"
        );
        assert!(msg.contains("rebuild with a matching kfunc crate"), "{msg}");
    }

    #[test]
    fn reserved_must_be_zero() {
        assert_eq!(
            err(&golden_with(7, 1)).kind,
            DecodeErrorKind::ReservedNotZero { value: 0x100 }
        );
        assert_eq!(err(&golden_with(7, 1)).offset, 6);
    }

    #[test]
    fn truncated_header_and_record() {
        let e = err(&GOLDEN_FUNC_EXPECTED[..7]);
        assert_eq!(
            e.kind,
            DecodeErrorKind::Truncated {
                what: "record header",
                needed: 2,
                available: 1
            }
        );
        assert_eq!(e.offset, 6);
        let mut b = std::vec![0, 0];
        b.extend_from_slice(&GOLDEN_FUNC_EXPECTED[..40]);
        let e = err(&b);
        assert_eq!(
            e,
            DecodeError {
                offset: 2,
                kind: DecodeErrorKind::Truncated {
                    what: "record",
                    needed: 54,
                    available: 40
                }
            }
        );
    }

    #[test]
    fn length_shorter_than_header() {
        let e = err(&golden_with(8, 11));
        assert_eq!(
            e,
            DecodeError {
                offset: 8,
                kind: DecodeErrorKind::BadLength { len: 11 }
            }
        );
    }

    #[test]
    fn length_cutting_a_field_short() {
        // len 49 instead of 54: the second parameter's name no longer fits.
        let e = decode_record(&golden_with(8, 49)).unwrap_err();
        assert_eq!(e.offset, 49);
        assert_eq!(
            e.kind,
            DecodeErrorKind::Truncated {
                what: "parameter name",
                needed: 1,
                available: 0
            }
        );
    }

    #[test]
    fn trailing_bytes_inside_the_record() {
        let mut b = golden_with(8, 56);
        b.extend_from_slice(&[7, 7]);
        let e = err(&b);
        assert_eq!(
            e,
            DecodeError {
                offset: 54,
                kind: DecodeErrorKind::TrailingBytes { unused: 2 }
            }
        );
        // decode_func wants exactly one record.
        let mut b = GOLDEN_FUNC_EXPECTED.to_vec();
        b.push(0);
        assert_eq!(
            decode_func(&b).unwrap_err().kind,
            DecodeErrorKind::TrailingBytes { unused: 1 }
        );
    }

    #[test]
    fn bad_type_bytes() {
        // ret tag at offset 27.
        assert_eq!(
            err(&golden_with(27, 8)),
            DecodeError {
                offset: 27,
                kind: DecodeErrorKind::UnknownTypeTag { tag: 8 }
            }
        );
        // ret pointer mutability at 28.
        assert_eq!(
            err(&golden_with(28, 2)),
            DecodeError {
                offset: 28,
                kind: DecodeErrorKind::BadBool {
                    what: "pointer mutability",
                    value: 2
                }
            }
        );
        // first parameter's integer size at 45, signedness at 46.
        assert_eq!(
            err(&golden_with(45, 3)),
            DecodeError {
                offset: 45,
                kind: DecodeErrorKind::BadIntSize { size: 3 }
            }
        );
        assert_eq!(
            err(&golden_with(46, 9)).kind,
            DecodeErrorKind::BadBool {
                what: "integer signedness",
                value: 9
            }
        );
        // second parameter's implicit flag at 52.
        assert_eq!(
            err(&golden_with(52, 5)),
            DecodeError {
                offset: 52,
                kind: DecodeErrorKind::BadBool {
                    what: "parameter implicit flag",
                    value: 5
                }
            }
        );
        // the struct name "ab" at 32..34.
        let e = err(&golden_with(32, 0xff));
        assert_eq!(
            e,
            DecodeError {
                offset: 32,
                kind: DecodeErrorKind::BadUtf8 {
                    what: "struct name"
                }
            }
        );
    }

    #[test]
    fn array_only_in_structs() {
        // Turn the type tag of parameter x (at 44) into an array tag.
        let e = err(&golden_with(44, 6));
        assert_eq!(
            e,
            DecodeError {
                offset: 44,
                kind: DecodeErrorKind::ArrayOutsideStruct
            }
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let depth = MAX_TYPE_DEPTH + 1;
        let mut body = std::vec![0, 0, 0, 0, 1, 0, b'f', 0, 0, 0, 0, 0, 0, 0, 0];
        for _ in 0..depth {
            body.extend_from_slice(&[3, 0]);
        }
        body.push(0);
        body.push(0);
        let len = (HEADER_LEN + body.len()) as u32;
        let mut b = std::vec![b'K', b'F', b'N', b'C', 3, 1, 0, 0];
        b.extend_from_slice(&len.to_le_bytes());
        b.extend_from_slice(&body);
        let e = err(&b);
        assert_eq!(e.kind, DecodeErrorKind::TooDeep);
        assert_eq!(e.offset, HEADER_LEN + 15 + 2 * MAX_TYPE_DEPTH);
    }

    #[test]
    fn wrong_kind() {
        let e = decode_func(&GOLDEN_STRUCT_EXPECTED).unwrap_err();
        assert_eq!(
            e.kind,
            DecodeErrorKind::WrongKind {
                expected: 1,
                found: 2
            }
        );
        let e = decode_struct(&GOLDEN_FUNC_EXPECTED).unwrap_err();
        assert_eq!(
            e.kind,
            DecodeErrorKind::WrongKind {
                expected: 2,
                found: 1
            }
        );
    }
}
