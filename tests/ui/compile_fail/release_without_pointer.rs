use kfunc::kfunc;

#[kfunc(release)]
fn bpf_thing_put(id: u32) {
    let _ = id;
}

fn main() {}
