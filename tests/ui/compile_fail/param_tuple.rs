use kfunc::kfunc;

#[kfunc]
fn bpf_pair(pair: (u32, u32)) -> u32 {
    pair.0
}

fn main() {}
