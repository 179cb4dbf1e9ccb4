use kfunc::kfunc;

#[kfunc]
fn bpf_find(id: u32) -> Option<&'static u64> {
    let _ = id;
    None
}

fn main() {}
