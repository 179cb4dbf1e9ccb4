use kfunc::kfunc;

#[kfunc]
fn bpf_log(msg: String) -> usize {
    msg.len()
}

fn main() {}
