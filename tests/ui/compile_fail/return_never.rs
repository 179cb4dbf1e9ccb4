use kfunc::kfunc;

#[kfunc]
fn bpf_abort() -> ! {
    loop {}
}

fn main() {}
