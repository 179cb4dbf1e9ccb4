// Owners at the boundary: `Option<Arc<T>>` from an acquire kfunc (KF_RET_NULL
// implied), `Arc<T>` taken back by a release kfunc that is also the
// destructor.
#[repr(C)]
#[derive(BtfType)]
#[btf(owner = Arc)]
pub struct Obj {
    pub key: u32,
}

#[kfunc(acquire)]
fn bpf_obj_new(key: u32) -> Option<Arc<Obj>> {
    Arc::new(Obj { key }, GFP_ATOMIC).ok()
}

#[kfunc(release, dtor)]
fn bpf_obj_drop(obj: Arc<Obj>) {
    drop(obj);
}

// A kernel object borrowed through the kernel crate's wrapper: BTF says
// `struct task_struct *`, and the type must be `kernel::task::Task`.
#[kfunc]
fn bpf_task_tgid(task: &Task) -> i32 {
    task.tgid_nr_ns(None)
}
