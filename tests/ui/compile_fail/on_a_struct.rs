use kfunc::kfunc;

#[kfunc]
pub struct NotAFunction {
    pub x: u32,
}

fn main() {}
