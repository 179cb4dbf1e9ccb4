use kfunc::kfunc;

#[kfunc(implicit_args)]
fn bpf_counter_add(delta: u64) -> u64 {
    delta
}

fn main() {}
