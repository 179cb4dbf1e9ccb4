//! `rdonly_buf_size` and `rdwr_buf_size` are whole names the verifier
//! reads: such a scalar sizes the memory a pointer return hands the program.
use kfunc::kfunc;

#[kfunc]
fn bpf_sized(rdonly_buf_size: u32, rdwr_buf_size: u32) -> u32 {
    rdonly_buf_size + rdwr_buf_size
}

fn main() {}
