use kfunc::kfunc;

#[kfunc(prog_types(sycall, tracing, socket))]
fn bpf_answer() -> u32 {
    42
}

fn main() {}
