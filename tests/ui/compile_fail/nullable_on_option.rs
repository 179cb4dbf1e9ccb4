use kfunc::kfunc;

#[kfunc]
fn bpf_peek(#[arg(nullable)] p: Option<&u64>) -> u64 {
    p.copied().unwrap_or(0)
}

fn main() {}
