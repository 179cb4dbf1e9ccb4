#[derive(BtfType)]
#[repr(C)]
pub struct Thing {
    pub id: u32,
    pub refs: core::ffi::c_long,
    pub next: *mut Thing,
    pub name: [u8; 16],
    pub task: Option<&'static bindings::task_struct>,
}
