use kfunc::kfunc;

#[kfunc]
fn bpf_const_generic<const N: usize>(x: u32) -> u32 {
    x + N as u32
}

fn main() {}
