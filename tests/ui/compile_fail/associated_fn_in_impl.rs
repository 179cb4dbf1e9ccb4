use kfunc::kfunc;

pub struct Counter;

impl Counter {
    // No receiver: the attribute cannot see that it is inside an `impl`;
    // the expansion's `const _` block is what fails there.
    #[kfunc]
    fn bpf_counter_new(start: u64) -> u64 {
        start
    }
}

fn main() {}
