//! Errors of `kfunc-btf`. Every message names what is wrong and what to do.

use std::fmt;
use std::path::PathBuf;

/// An error of any stage of the pipeline.
#[derive(Debug)]
pub enum Error {
    /// Command-line usage error.
    Usage(String),
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// The module file is not an ELF object this tool understands.
    NotElf(PathBuf, String),
    /// The module has no `.comment.kfunc.interface` section or it holds no kfunc.
    NoStubs(PathBuf),
    /// A stub record has a version this tool does not support.
    StubVersion(u8),
    /// A stub record is malformed.
    BadStub(String),
    /// The base (vmlinux) is missing or has no BTF.
    Base(PathBuf, String),
    /// A struct name is neither a module struct record nor in vmlinux BTF.
    UnknownStruct {
        /// The kfunc (or module struct) that uses it.
        user: String,
        /// The parameter (or field / return value) that uses it.
        place: String,
        /// The struct name.
        name: String,
        /// Close names found in vmlinux BTF.
        suggestions: Vec<String>,
    },
    /// A kfunc name is already a vmlinux symbol (ELF symbol table or BTF).
    NameInVmlinux {
        /// The kfunc.
        name: String,
        /// What vmlinux has under that name ("a static function", ...).
        what: &'static str,
    },
    /// A name is declared twice.
    Duplicate(String),
    /// The flag table or its set header is missing or malformed.
    FlagTable(String),
    /// libbpf reported an error.
    Btf(String),
    /// A destructor entry (`#[kfunc(release, dtor)]`) is malformed.
    Dtor(String),
    /// The `.BTF_ids` of the module's C parts cannot be re-resolved.
    CPartIds(String),
    /// The module was partially processed or changed after `apply`.
    Inconsistent(String),
    /// A stub the verifier would read other than the macro meant
    /// (`kbuild/src/model.rs`).
    Model(String),
    /// The module is signed (`~Module signature appended~`) and applying
    /// would change it: the signature would no longer match.
    Signed(PathBuf),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => write!(f, "{m}"),
            Error::Io(p, e) => write!(f, "{}: {e}", p.display()),
            Error::NotElf(p, e) => write!(f, "{}: not an ELF object: {e}", p.display()),
            Error::NoStubs(p) => write!(
                f,
                "{}: no interface stubs (section .comment.kfunc.interface is missing or empty): \
                 declare kfuncs with #[kfunc] and link the module with kbuild/kfunc.lds",
                p.display()
            ),
            Error::StubVersion(v) => write!(
                f,
                "interface stub version {v} is not supported by this kfunc-btf (it reads \
                 version {}: from version 3 on, stubs are checked against the verifier model \
                 and module structs are written as objects, so a module built by older kfunc \
                 macros must be rebuilt); rebuild with a matching kfunc crate",
                kfunc::interface::VERSION
            ),
            Error::BadStub(m) => write!(f, "malformed interface stub: {m}"),
            Error::Base(p, m) => write!(
                f,
                "{}: {m}; the kernel would only warn and register no kfunc: \
                 pass the vmlinux the module is built for (built with CONFIG_DEBUG_INFO_BTF=y)",
                p.display()
            ),
            Error::UnknownStruct {
                user,
                place,
                name,
                suggestions,
            } => {
                write!(
                    f,
                    "{user}: {place}: struct `{name}` is neither a #[derive(BtfType)] struct \
                     of the module nor in vmlinux BTF"
                )?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.join(", "))?;
                }
                Ok(())
            }
            Error::NameInVmlinux { name, what } => write!(
                f,
                "kfunc `{name}`: vmlinux already has {what} `{name}`; the verifier finds a \
                 kfunc's address by name in kallsyms (vmlinux first), so BPF programs would \
                 call the vmlinux symbol: rename the kfunc"
            ),
            Error::Duplicate(m) => write!(f, "duplicate name: {m}"),
            Error::FlagTable(m) => write!(f, "flag table: {m}"),
            Error::Btf(m) => write!(f, "BTF: {m}"),
            Error::Dtor(m) => write!(f, "destructor table: {m}"),
            Error::CPartIds(m) => write!(
                f,
                "C part of the module: .BTF_ids: {m}; the module BTF is renumbered by \
                 `kfunc-btf apply`, so these ids cannot be kept valid: \
                 the module is left as it was"
            ),
            Error::Signed(p) => write!(
                f,
                "{}: the module is signed (it ends with \"~Module signature appended~\") but its \
                 kfunc BTF is not written yet: writing it would invalidate the signature. Run \
                 kfunc-btf apply (the Kbuild fragment does) before signing, then sign",
                p.display()
            ),
            Error::Model(m) => write!(
                f,
                "interface stub refused: {m}; the #[kfunc] macro refuses this at compile time, \
                 so the stub is hand-made or stale: rebuild the module with the current kfunc crate"
            ),
            Error::Inconsistent(m) => write!(
                f,
                "{m}; rebuild the module from source and run `kfunc-btf apply` once"
            ),
        }
    }
}

impl std::error::Error for Error {}
