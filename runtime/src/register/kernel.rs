//! The kernel backend and [`register`].

#[cfg(any(target_os = "none", feature = "kernel", doc))]
use super::{Backend, Error, ModuleState, Table};
#[cfg(any(target_os = "none", feature = "kernel", doc))]
use crate::{ffi, prog_type::ProgType, set::KfuncIdSet};
use core::fmt::{self, Write};

/// A fixed-size, truncating `fmt::Write` buffer for kernel messages.
pub(crate) struct PrintBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
    truncated: bool,
}

impl<const N: usize> PrintBuf<N> {
    pub(crate) const fn new() -> Self {
        PrintBuf {
            buf: [0; N],
            len: 0,
            truncated: false,
        }
    }

    /// The text written so far; ends in `...` if some was cut off.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl<const N: usize> Write for PrintBuf<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.truncated {
            return Ok(());
        }
        let room = N - self.len;
        if s.len() <= room {
            self.buf[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
            self.len += s.len();
            return Ok(());
        }
        // Overflow: keep what fits, then end the text in "..." (cut at a
        // UTF-8 character boundary).
        let mut keep = room;
        while !s.is_char_boundary(keep) {
            keep -= 1;
        }
        self.buf[self.len..self.len + keep].copy_from_slice(&s.as_bytes()[..keep]);
        self.len += keep;
        let mut cut = self.len.min(N.saturating_sub(3));
        while cut > 0 && cut < self.len && self.buf[cut] & 0xc0 == 0x80 {
            cut -= 1;
        }
        self.len = cut;
        let dots = (N - self.len).min(3);
        self.buf[self.len..self.len + dots].copy_from_slice(&b"..."[..dots]);
        self.len += dots;
        self.truncated = true;
        Ok(())
    }
}

/// Registers with `register_btf_kfunc_id_set` and prints with `_printk`.
/// Private: only [`register`], whose caller vouches for the module pointer,
/// may create one.
#[cfg(any(target_os = "none", feature = "kernel", doc))]
struct KernelBackend(());

#[cfg(any(target_os = "none", feature = "kernel", doc))]
impl Backend for KernelBackend {
    unsafe fn register(&mut self, prog_type: u32, set: &KfuncIdSet) -> i32 {
        // SAFETY: the trait contract makes `set.set` a complete
        // `struct btf_id_set8`; `set.owner` is the module pointer the caller
        // of `register` guaranteed to be its own live module, during init.
        unsafe { ffi::register_btf_kfunc_id_set(prog_type, set) }
    }

    unsafe fn register_dtors(
        &mut self,
        dtors: *const crate::dtor::DtorEntry,
        cnt: u32,
        owner: *mut ffi::module,
    ) -> i32 {
        // SAFETY: the trait contract: `dtors` points to `cnt` filled entries,
        // `owner` is the module pointer the caller of `register` vouched for
        // (its own live module, during init).
        unsafe { ffi::register_btf_id_dtor_kfuncs(dtors, cnt, owner) }
    }

    fn error(&mut self, msg: fmt::Arguments<'_>) {
        let mut buf = PrintBuf::<256>::new();
        let _ = buf.write_fmt(msg);
        let text = buf.as_bytes();
        // SAFETY: the format string is NUL-terminated and uses one `%.*s`,
        // given an `int` precision and a pointer to that many bytes.
        unsafe {
            ffi::_printk(
                c"\x013kfunc: %.*s\n".as_ptr(),
                text.len() as core::ffi::c_int,
                text.as_ptr(),
            );
        }
    }
}

/// Set by the module's first registration (this crate is linked into each
/// module, so the flag is per module and starts clear on every load).
#[cfg(any(target_os = "none", feature = "kernel", doc))]
static REGISTERED: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Registers this module's kfuncs for `prog_types`: one
/// `register_btf_kfunc_id_set` per distinct kfunc hook. Call it once, from
/// the module's init function:
///
/// ```text
/// fn init(module: &'static ThisModule) -> Result<Self> {
///     kfunc::register(module, &[ProgType::Syscall, ProgType::SchedCls])?;
///     Ok(MyModule)
/// }
/// ```
///
/// A second call, or a call after init, is an error (`EBUSY`, `EINVAL`),
/// never the kernel's warning. Every error is also printed (a `kfunc: ...`
/// line at `KERN_ERR`).
///
/// # Errors
/// [`Error`] as a kernel error code: `EINVAL` for a module whose build
/// skipped `kfunc-btf apply`, `EBUSY` for a second registration, the
/// kernel's own errno when it refuses a set.
#[cfg(kfunc_kernel_checked)]
pub fn register(
    module: &'static kernel::ThisModule,
    prog_types: &[ProgType],
) -> kernel::error::Result {
    let raw = module.as_ptr();
    let state = if raw.is_null() {
        ModuleState(None)
    } else {
        // SAFETY: a non-null `ThisModule` pointer is the module's own live
        // `struct module` (the kernel crate's invariant); `state` is written
        // by the module loader around init, not concurrently with it.
        ModuleState(Some(unsafe { (*raw).state } as u32))
    };
    super::register_once(
        &REGISTERED,
        &mut KernelBackend(()),
        &Table::linked(),
        raw.cast(),
        state,
        prog_types,
    )
    .map_err(|e| kernel::error::Error::from_errno(e.to_errno()))
}

/// `kfunc::register` for code without the kernel crate's `ThisModule`: the raw
/// `struct module *` and this crate's [`Error`]. Once per module, like
/// `kfunc::register`.
///
/// # Safety
/// `module` must be the calling module's own live `struct module *`
/// (`THIS_MODULE`), and the call must happen during that module's
/// initialization (`register_btf_kfunc_id_set` is init-time only).
///
/// # Errors
/// See [`Error`]; use [`Error::to_errno`] for the init function's result.
#[cfg(any(target_os = "none", feature = "kernel", doc))]
pub unsafe fn register_raw(module: *mut ffi::module, prog_types: &[ProgType]) -> Result<(), Error> {
    super::register_once(
        &REGISTERED,
        &mut KernelBackend(()),
        &Table::linked(),
        module,
        ModuleState(None),
        prog_types,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render<const N: usize>(args: fmt::Arguments<'_>) -> std::string::String {
        let mut b = PrintBuf::<N>::new();
        b.write_fmt(args).unwrap();
        std::string::String::from_utf8(b.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn printbuf_fits() {
        assert_eq!(render::<16>(format_args!("a{}c", 'b')), "abc");
        assert_eq!(render::<3>(format_args!("abc")), "abc");
    }

    #[test]
    fn printbuf_truncates_with_dots_at_char_boundaries() {
        assert_eq!(
            render::<8>(format_args!("{}{}", "abcdef", "ghij")),
            "abcde..."
        );
        assert_eq!(render::<8>(format_args!("abcdefghij")), "abcde...");
        // 'é' is two bytes: cutting at 5 would split it.
        assert_eq!(render::<8>(format_args!("abcdéfgh")), "abcd...");
        assert_eq!(render::<2>(format_args!("abc")), "..");
    }
}
