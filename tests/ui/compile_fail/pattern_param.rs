use kfunc::kfunc;

#[repr(transparent)]
pub struct Id(pub u32);

#[kfunc]
fn bpf_id(Id(raw): Id) -> u32 {
    raw
}

fn main() {}
