use kfunc::kfunc;

#[kfunc]
fn bpf_strlen(s: &str) -> usize {
    s.len()
}

fn main() {}
