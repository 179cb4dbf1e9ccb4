use kfunc::kfunc;

#[kfunc]
fn bpf_generic<T: Copy>(x: T) -> T {
    x
}

fn main() {}
