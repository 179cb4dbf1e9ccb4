use kfunc::kfunc;

#[kfunc(sleepable = true)]
fn bpf_nap(ms: u32) -> u32 {
    ms
}

fn main() {}
