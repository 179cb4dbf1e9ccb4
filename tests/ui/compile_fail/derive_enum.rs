use kfunc::BtfType;

#[derive(BtfType)]
#[repr(C)]
pub enum State {
    Idle,
    Busy,
}

fn main() {}
