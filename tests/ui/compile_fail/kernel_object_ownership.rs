//! Kernel objects (the kernel crate's `&Task`, `&Credential`, `&Cpumask`)
//! are borrowed for a call, never acquired or released by a module's
//! kfunc: a program may release a task with any release kfunc of its type,
//! the kernel's `bpf_task_release` included, so a module's release would
//! have to be exactly the kernel's. (A stand-in `Task`: the macro refuses
//! before the kernel crate's type is ever checked.)
use kfunc::kfunc;

pub struct Task;

#[kfunc(release)]
fn bpf_task_put(task: &Task) {
    let _ = task;
}

#[kfunc(acquire, ret_null)]
fn bpf_task_get() -> Option<&'static Task> {
    None
}

fn main() {}
