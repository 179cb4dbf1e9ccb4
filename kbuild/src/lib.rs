//! `kfunc-btf`: makes the Rust kfuncs of a kernel module complete at the ELF
//! level. pahole gives Rust code no BTF and the kernel's `resolve_btfids`
//! never sees the Rust flag table, so after the kernel's module build this
//! tool
//!
//! - reads the interface stubs (`.comment.kfunc.interface`,
//!   `docs/interface-stubs.md`);
//! - adds BTF for every kfunc to the module's split BTF with libbpf (FUNC_PROTO
//!   with suffixed parameter names, FUNC with static linkage, DECL_TAG
//!   `bpf_kfunc`, the Linux 7.0 shape for `implicit_args`; module structs
//!   end with the object marker of [`kfunc::verifier`]),
//!   keeping the BTF pahole wrote for C parts and a distilled `.BTF.base`;
//! - fills the flag table (`struct btf_id_set8` behind `__kfunc_set8`): ids,
//!   `cnt`, sorted by id, and the program-type limits;
//! - writes the module atomically; a second run changes nothing.
//!
//! The pipeline is in [`apply`](mod@apply); [`inspect`] checks a module the way
//! `register_btf_kfunc_id_set()` will; [`header`] prints a C header for BPF
//! programs.
#![deny(missing_docs)]

pub mod apply;
pub mod btf;
pub mod btf_ids;
pub mod cdecl;
pub mod clash;
pub mod dtor;
pub mod elf;
pub mod emit;
pub mod error;
pub mod flags;
pub mod header;
pub mod inspect;
pub mod model;
pub mod stub;
pub mod table;

pub use apply::{apply, Outcome};
pub use error::Error;
