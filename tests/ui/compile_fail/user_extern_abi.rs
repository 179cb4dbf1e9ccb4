use kfunc::kfunc;

#[kfunc]
extern "sysv64" fn bpf_answer() -> u32 {
    42
}

fn main() {}
