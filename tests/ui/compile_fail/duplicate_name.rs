use kfunc::kfunc;

mod a {
    use super::*;

    #[kfunc]
    pub fn bpf_dup(x: u32) -> u32 {
        x
    }
}

mod b {
    use super::*;

    #[kfunc]
    pub fn bpf_dup(x: u32) -> u32 {
        x + 1
    }
}

fn main() {}
