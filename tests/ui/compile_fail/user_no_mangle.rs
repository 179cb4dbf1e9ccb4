use kfunc::kfunc;

#[kfunc]
#[unsafe(no_mangle)]
fn bpf_answer() -> u32 {
    42
}

fn main() {}
