use kfunc::kfunc;

#[kfunc(prog_types())]
fn bpf_answer() -> u32 {
    42
}

fn main() {}
