#[derive(BtfType, Clone, Copy)]
#[btf(data)]
#[repr(C)]
pub struct Args {
    pub a: u64,
    pub b: [u32; 2],
}

#[kfunc]
fn bpf_args_sum(args: Copied<Args>, extra: u8) -> u64 {
    args.a + u64::from(args.b[0]) + u64::from(extra)
}
