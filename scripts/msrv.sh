#!/usr/bin/env bash
# The MSRV check: the crates compiled into kernel modules (`kfunc`,
# `kfunc-macros`) must build with the oldest rustc a supported kernel was
# built with, because a module is built by its kernel's rustc. Debian's 7.3
# kernel (trixie-backports) was built with Debian trixie's rustc 1.85.1
# (its CONFIG_RUSTC_VERSION_TEXT), which is also `rust-version` in
# Cargo.toml. That rustc needs a newer glibc than this machine's, so it runs
# in a Debian trixie root made with debootstrap (cached in
# ${KFUNC_CACHE:-~/.cache/kfunc}/msrv/trixie; about a minute to make).
#
#   scripts/msrv.sh
#
# Runs `cargo check --all-targets -p kfunc -p kfunc-macros` there on a copy
# of the checkout, with warnings as errors. KFUNC_DEBIAN_MIRROR: the mirror
# (default: the machine's own, as for the kernel sources).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
CHROOT="$CACHE/msrv/trixie"
# the rustc of Debian's 7.3 kernel, and the crates' rust-version
WANT_RUSTC="rustc 1.85.1"
WANT_MSRV="1.85"
# shellcheck source=../tests/kernel/apt-private.sh
. "$ROOT/tests/kernel/apt-private.sh"

die() { echo "msrv: ERROR: $*" >&2; exit 1; }

grep -q "^rust-version = \"$WANT_MSRV\"$" "$ROOT/Cargo.toml" ||
    die "Cargo.toml's rust-version is not \"$WANT_MSRV\" (the rustc of Debian's 7.3 kernel is $WANT_RUSTC)"

# The root, made once (a stamp marks a complete one; a half-made one is
# made again).
if ! [ -f "$CHROOT/.kfunc-msrv-stamp" ]; then
    command -v debootstrap > /dev/null || die "debootstrap not found (scripts/install-deps.sh installs it)"
    mirror="$(kt_debian_mirror)" || die "no Debian mirror"
    echo "msrv: making a Debian trixie root with rustc and cargo in $CHROOT" >&2
    rm -rf "$CHROOT" && mkdir -p "$(dirname "$CHROOT")"
    debootstrap --variant=minbase --include=rustc,cargo,gcc,libc6-dev,ca-certificates \
        trixie "$CHROOT" "$mirror" > "$CACHE/msrv/debootstrap.log" 2>&1 ||
        die "debootstrap failed (see $CACHE/msrv/debootstrap.log)"
    touch "$CHROOT/.kfunc-msrv-stamp"
fi
got="$(chroot "$CHROOT" rustc --version)"
case "$got" in
"$WANT_RUSTC "*) ;;
*) die "the trixie root's rustc is \"$got\", not $WANT_RUSTC (a new trixie upload?): update WANT_RUSTC and rust-version together" ;;
esac

# Name resolution and this machine's CA bundle (a proxy's CA may sign the
# registry's certificate), then a fresh copy of the checkout.
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
cp /etc/ssl/certs/ca-certificates.crt "$CHROOT/etc/ssl/kfunc-host-ca.crt"
rm -rf "$CHROOT/src/kfunc" && mkdir -p "$CHROOT/src/kfunc"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
    tar -c --null --no-recursion -T - -f -) | tar -x -C "$CHROOT/src/kfunc"

echo "msrv: cargo check --all-targets -p kfunc -p kfunc-macros with $got" >&2
chroot "$CHROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root \
    CARGO_HTTP_CAINFO=/etc/ssl/kfunc-host-ca.crt CARGO_TARGET_DIR=/src/target \
    RUSTFLAGS="-D warnings" \
    /bin/sh -c 'cd /src/kfunc && cargo check --quiet --all-targets -p kfunc -p kfunc-macros' ||
    die "the crates compiled into modules do not build with $got (the MSRV)"
echo "msrv: ok ($got)"
