//! The kernel's kfunc set layout as `#[repr(C)]` types.
//!
//! `struct btf_id_set8 { u32 cnt; u32 flags; struct { u32 id; u32 flags; } pairs[]; }`
//! (`include/linux/btf_ids.h`) is a [`Set8Header`] directly followed by
//! `cnt` [`FlagEntry`] pairs; [`Set8`] is the same thing with a fixed capacity.
//! [`KfuncIdSet`] mirrors `struct btf_kfunc_id_set` (`include/linux/btf.h`).

use crate::ffi;
use crate::flags::BTF_SET8_KFUNCS;
use core::mem::{align_of, offset_of, size_of};

/// `struct btf_id_set8` header: `{u32 cnt; u32 flags;}`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Set8Header {
    /// Number of pairs that follow. Written by `kfunc-btf apply`; 0 in the
    /// object file the compiler writes.
    pub cnt: u32,
    /// [`BTF_SET8_KFUNCS`] for kfunc sets.
    pub flags: u32,
}

impl Set8Header {
    /// The header as the compiler emits it: `cnt` 0, `flags` [`BTF_SET8_KFUNCS`].
    pub const UNFILLED: Set8Header = Set8Header {
        cnt: 0,
        flags: BTF_SET8_KFUNCS,
    };
}

/// One flag-table pair: `{u32 id; u32 flags;}`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FlagEntry {
    /// BTF id of the kfunc's FUNC. 0 until `kfunc-btf apply` fills it.
    pub id: u32,
    /// The `KF_*` flags.
    pub flags: u32,
}

impl FlagEntry {
    /// An entry as the `#[kfunc]` macro emits it: `id` 0.
    pub const fn new(flags: u32) -> FlagEntry {
        FlagEntry { id: 0, flags }
    }
}

/// Per-kfunc program-type limit: `{u32 id; u32 _pad; u64 mask;}`.
///
/// `mask` bit n set = `enum bpf_prog_type` n may call the kfunc. `id` is the
/// kfunc's BTF id (the same as its [`FlagEntry::id`]), 0 until
/// `kfunc-btf apply` fills it.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProgLimit {
    /// BTF id of the limited kfunc.
    pub id: u32,
    _pad: u32,
    /// Allowed program types, bit n = `enum bpf_prog_type` n. 0 = no limit.
    pub mask: u64,
}

impl ProgLimit {
    /// A limit as the `#[kfunc(prog_types(...))]` macro emits it: `id` 0.
    pub const fn new(mask: u64) -> ProgLimit {
        ProgLimit {
            id: 0,
            _pad: 0,
            mask,
        }
    }

    /// A limit with its id filled in (what `kfunc-btf apply` produces).
    pub const fn filled(id: u32, mask: u64) -> ProgLimit {
        ProgLimit { id, _pad: 0, mask }
    }
}

/// A complete `struct btf_id_set8` with room for `N` pairs, of which
/// `header.cnt` are used.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Set8<const N: usize> {
    /// `{cnt, flags}`.
    pub header: Set8Header,
    /// The pairs; the first `header.cnt` are meaningful.
    pub pairs: [FlagEntry; N],
}

impl<const N: usize> Set8<N> {
    /// An empty set with `flags` [`BTF_SET8_KFUNCS`].
    pub const EMPTY: Set8<N> = Set8 {
        header: Set8Header::UNFILLED,
        pairs: [FlagEntry { id: 0, flags: 0 }; N],
    };
}

/// `struct btf_kfunc_id_set { struct module *owner; struct btf_id_set8 *set; btf_kfunc_filter_t filter; }`,
/// the argument of `register_btf_kfunc_id_set`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct KfuncIdSet {
    /// The module that owns the kfuncs (its BTF holds them).
    pub owner: *mut ffi::module,
    /// A [`Set8Header`] directly followed by `cnt` [`FlagEntry`] pairs.
    pub set: *const Set8Header,
    /// Optional per-program filter (non-zero return = deny).
    pub filter: ffi::btf_kfunc_filter_t,
}

// Layout assertions: these are the kernel's layouts on every 32- and 64-bit
// architecture (no padding anywhere).
const _: () = assert!(size_of::<Set8Header>() == 8 && align_of::<Set8Header>() == 4);
const _: () = assert!(offset_of!(Set8Header, cnt) == 0 && offset_of!(Set8Header, flags) == 4);
const _: () = assert!(size_of::<FlagEntry>() == 8 && align_of::<FlagEntry>() == 4);
const _: () = assert!(offset_of!(FlagEntry, id) == 0 && offset_of!(FlagEntry, flags) == 4);
const _: () = assert!(size_of::<ProgLimit>() == 16);
const _: () = assert!(offset_of!(ProgLimit, id) == 0 && offset_of!(ProgLimit, mask) == 8);
const _: () = assert!(offset_of!(Set8<3>, pairs) == 8 && size_of::<Set8<3>>() == 8 + 3 * 8);
const _: () = assert!(size_of::<Set8<256>>() == 8 + 256 * 8);
// (`PTR` inside the block: rustc 1.85, the MSRV, calls a constant used
// only by anonymous constants dead code)
const _: () = {
    const PTR: usize = size_of::<*const u8>();
    assert!(size_of::<KfuncIdSet>() == 3 * PTR && align_of::<KfuncIdSet>() == PTR);
    assert!(offset_of!(KfuncIdSet, owner) == 0);
    assert!(offset_of!(KfuncIdSet, set) == PTR);
    assert!(offset_of!(KfuncIdSet, filter) == 2 * PTR);
    assert!(size_of::<ffi::btf_kfunc_filter_t>() == PTR);
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_emit_id_zero() {
        assert_eq!(FlagEntry::new(0x30), FlagEntry { id: 0, flags: 0x30 });
        let l = ProgLimit::new(1 << 31);
        assert_eq!((l.id, l.mask), (0, 1 << 31));
        assert_eq!(
            ProgLimit::filled(7, 3),
            ProgLimit {
                id: 7,
                _pad: 0,
                mask: 3
            }
        );
        assert_eq!(Set8Header::UNFILLED, Set8Header { cnt: 0, flags: 1 });
    }

    #[test]
    #[cfg(target_endian = "little")]
    fn byte_images_match_the_kernel_layout() {
        // The bytes the kernel reads, little endian, written out by hand.
        let e = FlagEntry {
            id: 0x0102_0304,
            flags: 0x11,
        };
        // SAFETY: FlagEntry is repr(C), 8 bytes, no padding.
        let bytes: [u8; 8] = unsafe { core::mem::transmute(e) };
        assert_eq!(bytes, [4, 3, 2, 1, 0x11, 0, 0, 0]);
        let l = ProgLimit::filled(5, 1 << 32 | 2);
        // SAFETY: ProgLimit is repr(C), 16 bytes; `_pad` is an initialized u32.
        let bytes: [u8; 16] = unsafe { core::mem::transmute(l) };
        assert_eq!(bytes, [5, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0]);
    }
}
