//! Interface stubs (`docs/interface-stubs.md`): decoded by the `kfunc`
//! runtime crate's reference decoder (cargo feature `decode`), so the
//! encoder and the decoder live side by side; this module only gathers a
//! section's records and maps decoding errors to [`Error`].

pub use kfunc::interface::decode::{
    DecodeErrorKind, DecodedField as Field, DecodedFunc as Kfunc, DecodedParam as Param,
    DecodedStruct as StructDef, DecodedType as TypeRef, Record,
};

use crate::error::Error;

/// Everything decoded from a `.comment.kfunc.interface` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stubs {
    /// Kfunc records, in section order.
    pub kfuncs: Vec<Kfunc>,
    /// Struct records, in section order.
    pub structs: Vec<StructDef>,
    /// Warnings (unknown record kinds that were skipped).
    pub warnings: Vec<String>,
}

/// Decodes the contents of a `.comment.kfunc.interface` section.
pub fn decode(section: &[u8]) -> Result<Stubs, Error> {
    let records = kfunc::interface::decode::decode_section(section).map_err(|e| match e.kind {
        DecodeErrorKind::UnsupportedVersion { version } => Error::StubVersion(version),
        _ => Error::BadStub(e.to_string()),
    })?;
    let mut out = Stubs::default();
    for r in records {
        match r.record {
            Record::Func(f) => out.kfuncs.push(f),
            Record::Struct(s) => out.structs.push(s),
            Record::Unknown { kind, .. } => out.warnings.push(format!(
                "skipping interface stub record of unknown kind {kind} at offset {:#x}",
                r.offset
            )),
        }
    }
    Ok(out)
}
