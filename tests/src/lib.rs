//! Host tests of the kfunc crates live in `tests/`; this library is empty.
