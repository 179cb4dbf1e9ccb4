use kfunc::kfunc;

#[kfunc]
#[unsafe(export_name = "bpf_other")]
fn bpf_answer() -> u32 {
    42
}

fn main() {}
