#!/usr/bin/env bash
# The MSRV check: the crates compiled into kernel modules (`kfunc`,
# `kfunc-macros`) must build with the oldest rustc a supported kernel was
# built with, because a module is built by its kernel's rustc. Debian's 7.3
# kernel (trixie-backports) was built with Debian trixie's rustc 1.85.1
# (its CONFIG_RUSTC_VERSION_TEXT), which is also `rust-version` in
# Cargo.toml. That rustc needs a newer glibc than this machine's, so it runs
# in a Debian trixie root made with debootstrap (tests/kernel/debian-root.sh,
# cached in ${KFUNC_CACHE:-~/.cache/kfunc}/debian-root; about a minute to
# make; the same root builds modules for Debian's kernel, scripts/debian-kit.sh).
#
#   scripts/msrv.sh
#
# Runs `cargo check --all-targets -p kfunc -p kfunc-macros` there on a copy
# of the checkout, with warnings as errors. KFUNC_DEBIAN_MIRROR: the mirror
# (default: the machine's own, as for the kernel sources).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
# the rustc of Debian's 7.3 kernel, and the crates' rust-version
WANT_RUSTC="rustc 1.85.1"
WANT_MSRV="1.85"
# shellcheck source=../tests/kernel/apt-private.sh
. "$ROOT/tests/kernel/apt-private.sh"
# shellcheck source=../tests/kernel/debian-root.sh
. "$ROOT/tests/kernel/debian-root.sh"

die() { echo "msrv: ERROR: $*" >&2; exit 1; }

grep -q "^rust-version = \"$WANT_MSRV\"$" "$ROOT/Cargo.toml" ||
    die "Cargo.toml's rust-version is not \"$WANT_MSRV\" (the rustc of Debian's 7.3 kernel is $WANT_RUSTC)"

# The root (shared with scripts/debian-kit.sh: the toolchain of Debian's
# trixie kernels).
ROOT_FS="$(kt_debian_root trixie)" || die "the trixie root could not be made"
got="$(kt_debian_root_run "$ROOT_FS" / "" rustc --version)"
case "$got" in
"$WANT_RUSTC "*) ;;
*) die "the trixie root's rustc is \"$got\", not $WANT_RUSTC (a new trixie upload?): update WANT_RUSTC and rust-version together" ;;
esac

# A fresh copy of the checkout (the checkout itself is never written).
rm -rf "$ROOT_FS/src/kfunc" && mkdir -p "$ROOT_FS/src/kfunc"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
    tar -c --null --no-recursion -T - -f -) | tar -x -C "$ROOT_FS/src/kfunc"

echo "msrv: cargo check --all-targets -p kfunc -p kfunc-macros with $got" >&2
kt_debian_root_run "$ROOT_FS" /src/kfunc "" /usr/bin/env CARGO_TARGET_DIR=/src/target RUSTFLAGS="-D warnings" \
    cargo check --quiet --all-targets -p kfunc -p kfunc-macros ||
    die "the crates compiled into modules do not build with $got (the MSRV)"
echo "msrv: ok ($got)"
