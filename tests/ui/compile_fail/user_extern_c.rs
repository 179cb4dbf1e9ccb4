use kfunc::kfunc;

#[kfunc]
extern "C" fn bpf_answer() -> u32 {
    42
}

fn main() {}
