use kfunc::kfunc;

pub trait Sink {}

#[kfunc]
fn bpf_sink(sink: &dyn Sink) {
    let _ = sink;
}

fn main() {}
