#!/usr/bin/env bash
# The project's test command (README "Run the tests"):
#   1. installs what the tests need (Debian packages, bindgen-cli) and
#      builds every kernel variant of tests/kernel/variants (Linux 6.12 and
#      7.3; clang and GCC; x86_64 and arm64) with Rust and BTF (cached in
#      ~/.cache/kfunc);
#   2. host tier: rustfmt, clippy, the MSRV check (scripts/msrv.sh: rustc
#      1.85.1 in a Debian trixie root), rustdoc, and `cargo test --workspace` (unit tests,
#      trybuild UI tests, expansion goldens, ELF/BTF tests with real tools),
#      then one minute of fuzzing kfunc-btf (kbuild/fuzz/run.sh);
#   3. kernel tier: the harness's self-test, then tests/kernel/run.sh builds
#      the example modules through kbuild/, boots each kernel variant in QEMU
#      and runs the BPF programs that call the Rust kfuncs.
# Exit status is non-zero if any tier fails.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh

# The kernels (cached; a warm run costs seconds). Built first because the
# host tier's ELF/BTF tests also check `kfunc-btf apply` against the real
# vmlinux of Linux 6.12 and 7.3 (build/6.12, build/7.3: the variants of those
# names or aliases) and the runtime's hook table against their sources.
echo "== kernels"
for v in $(./tests/kernel/build-kernel.sh --list); do
  ./tests/kernel/build-kernel.sh "$v" >/dev/null
done

echo "== host tier"
cargo fmt --all -- --check
cargo fmt --manifest-path kbuild/fuzz/Cargo.toml -- --check
cargo clippy --workspace --all-targets -- -D warnings
# the crates compiled into modules, with the rustc of Debian's 7.3 kernel
./scripts/msrv.sh
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
# KFUNC_FUZZ_OUT: kbuild/tests/fuzz_seeds.rs also writes the fuzzer's seeds
KFUNC_FUZZ_OUT="$PWD/target/fuzz-run" cargo test --workspace
# apply/inspect/header on mutated modules, AddressSanitizer on Rust and libbpf
./kbuild/fuzz/run.sh --no-seeds --time 60

echo "== kernel tier"
# First the harness's own check (a C kfunc module; cases that must FAIL do),
# then the real cases, whose summary line closes the run.
./tests/kernel/selftest/selftest.sh
./tests/kernel/run.sh
