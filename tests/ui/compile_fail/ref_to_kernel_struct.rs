//! A kernel struct by reference: the kernel mutates it concurrently.
#![allow(non_camel_case_types)]
use kfunc::kfunc;

mod bindings {
    #[repr(C)]
    pub struct task_struct {
        pub pid: i32,
    }
}

#[kfunc]
fn bpf_task_pid(task: &bindings::task_struct) -> i32 {
    task.pid
}

fn main() {}
