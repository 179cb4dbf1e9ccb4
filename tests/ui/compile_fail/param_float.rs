use kfunc::kfunc;

#[kfunc]
fn bpf_scale(x: f64) -> u64 {
    x as u64
}

fn main() {}
