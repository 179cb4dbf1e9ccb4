//! Every parameter annotation, and the automatic `__nullable`.
use core::ffi::{c_char, c_ulong, c_void};
use kfunc::kfunc;

#[repr(C)]
pub struct bpf_map {
    _opaque: [u8; 0],
}

#[kfunc]
unsafe fn bpf_a_sized(buf: *mut u8, #[arg(sz)] len: u32, out: *mut c_void, #[arg(szk)] out_len: usize) -> i32 {
    let _ = (buf, len, out, out_len);
    0
}

#[kfunc]
unsafe fn bpf_a_const(#[arg(k)] mode: u64, #[arg(ign)] unused: u32, #[arg(str)] name: *const c_char) -> i32 {
    let _ = (mode, unused, name);
    0
}

#[kfunc]
unsafe fn bpf_a_ptrs(
    #[arg(uninit)] slot: *mut u64,
    #[arg(opt)] hint: *mut u8,
    #[arg(nullable)] maybe: *mut u64,
    #[arg(map)] map: *mut bpf_map,
    #[arg(refcounted_kptr)] kptr: *mut c_void,
) -> i32 {
    let _ = (slot, hint, maybe, map, kptr);
    0
}

#[kfunc]
unsafe fn bpf_a_more(
    #[arg(alloc)] obj: *mut c_void,
    #[arg(irq_flag)] flags: *mut c_ulong,
    #[arg(arena, nullable)] arena: *mut c_void,
    #[arg(const_map)] map: *const bpf_map,
    #[arg(nonown_allowed)] node: *mut c_void,
) -> i32 {
    let _ = (obj, flags, arena, map, node);
    0
}

#[derive(kfunc::BtfType)]
#[repr(C)]
pub struct Counter {
    pub hits: core::sync::atomic::AtomicU64,
}

#[kfunc]
fn bpf_a_option(a: Option<&Counter>, b: Option<&Counter>) -> u64 {
    use core::sync::atomic::Ordering::Relaxed;
    a.map_or(0, |a| a.hits.load(Relaxed)) + b.map_or(0, |b| b.hits.load(Relaxed))
}

fn main() {}
