//! BTF type names come from the type, not from how its path is spelled:
//! the stub records the name written in the signature, so a `&T` written
//! through an alias would make BTF name another struct (here `Counter`,
//! another struct of the module) than the one the kfunc reads.
use core::sync::atomic::AtomicU64;
use kfunc::{kfunc, BtfType};

#[derive(BtfType)]
#[repr(C)]
pub struct Obj {
    pub value: AtomicU64,
}

mod other {
    use core::sync::atomic::AtomicU32;

    #[derive(kfunc::BtfType)]
    #[repr(C)]
    pub struct Counter {
        pub hits: AtomicU32,
    }
}
pub use other::Counter as Unused;

pub type Counter = Obj;

#[kfunc]
fn bpf_alias(o: &Counter) -> u64 {
    o.value.load(core::sync::atomic::Ordering::Relaxed)
}

fn main() {}
