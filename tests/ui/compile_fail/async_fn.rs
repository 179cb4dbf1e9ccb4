use kfunc::kfunc;

#[kfunc]
async fn bpf_async(x: u32) -> u32 {
    x
}

fn main() {}
