use kfunc::kfunc;

#[kfunc]
fn bpf_divmod(a: u32, b: u32) -> (u32, u32) {
    (a / b, a % b)
}

fn main() {}
