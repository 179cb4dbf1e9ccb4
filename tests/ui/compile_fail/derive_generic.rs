use kfunc::BtfType;

#[derive(BtfType)]
#[repr(C)]
pub struct Wrapper<T> {
    pub value: T,
}

fn main() {}
