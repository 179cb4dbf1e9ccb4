use kfunc::kfunc;

#[repr(C)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[kfunc]
fn bpf_norm(p: Point) -> i32 {
    p.x.abs() + p.y.abs()
}

fn main() {}
