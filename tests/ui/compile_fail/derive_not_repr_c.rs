use kfunc::BtfType;

#[derive(BtfType)]
pub struct Thing {
    pub id: u32,
}

fn main() {}
