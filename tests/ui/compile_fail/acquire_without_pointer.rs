use kfunc::kfunc;

#[kfunc(acquire)]
fn bpf_thing_get(id: u32) -> u32 {
    id
}

fn main() {}
