use kfunc::BtfType;

#[derive(BtfType)]
#[repr(C)]
pub struct Thing {
    pub id: u32,
    pub name: &'static str,
    pub ratio: f32,
}

fn main() {}
