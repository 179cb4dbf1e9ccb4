use kfunc::kfunc;

#[kfunc(sleepable, destructive, sleepable)]
fn bpf_reboot(code: u32) -> i32 {
    code as i32
}

fn main() {}
