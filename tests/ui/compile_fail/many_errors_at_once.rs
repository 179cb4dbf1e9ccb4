use kfunc::kfunc;

// Every mistake is reported, not just the first.
#[kfunc(ret_null, prog_types(xpd))]
async fn bpf_broken<T>(pair: (u32, u32), #[arg(sz)] len: u32) -> u32 {
    pair.0 + len
}

fn main() {
    // The function still exists, so callers do not add errors of their own.
    let _ = bpf_broken::<u8>((1, 2), 3);
}
