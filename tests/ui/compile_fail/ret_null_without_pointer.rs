use kfunc::kfunc;

#[kfunc(ret_null)]
fn bpf_count() -> u64 {
    0
}

fn main() {}
