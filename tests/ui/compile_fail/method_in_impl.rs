use kfunc::kfunc;

pub struct Counter(u64);

impl Counter {
    #[kfunc]
    fn bpf_counter_get(&self) -> u64 {
        self.0
    }
}

fn main() {}
