#[kfunc(ret_null, aquire)]
fn bpf_broken(#[arg(sz)] len: u32, pair: (u32, u32)) -> u32 {
    len
}
