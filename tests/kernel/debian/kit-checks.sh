#!/usr/bin/env bash
# Host checks of scripts/debian-kit.sh for one Debian release, on the
# packages the kit of that release was made from (a host case of the
# 7.3-debian variant; the kit itself is checked by every other case, which
# builds its modules through it):
#   installed        `build --installed` on a system with those packages
#                    installed finds the same inputs, so the same kit;
#   refuse:rustc     headers whose config names another rustc (a later
#                    upload built with a newer toolchain) are refused with
#                    both versions named, before anything is built;
#   refuse:exports   a Module.symvers lacking one Rust export of the
#                    rebuilt metadata is refused, naming the symbol;
#   headers-only     a kfunc module built against the kit without the BPF
#                    sources it adds (what a plain headers package is) stops
#                    with kbuild/kfunc.mk's error naming them, instead of
#                    building with no kernel capabilities.
# tests/kernel/debian/kit-checks.sh <release>; prints "ok <check>" per check,
# exit status non-zero if any failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
REL="$1"
KIT="$(readlink -f "$CACHE/debian-kit/$REL")"
PKGS="$CACHE/debian-kit/in-$REL/x" # the unpacked packages (usr/src, usr/lib)
bad=0
ok() { echo "ok $1"; }
no() { echo "FAILED $1: $2"; bad=1; }
[ -f "$KIT/.kfunc-kit" ] || { echo "no kit for $REL in $CACHE/debian-kit"; exit 1; }
[ -d "$PKGS/usr/src/linux-headers-$REL" ] || { echo "no unpacked packages of $REL in $PKGS"; exit 1; }
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT

# installed: the packages' files where dpkg would have put them
got="$(KFUNC_KIT_SYSROOT="$PKGS" "$ROOT/scripts/debian-kit.sh" build --installed "$REL" 2> "$T/installed.log" | tail -1)"
if [ "$got" = "$KIT" ]; then ok installed
else no installed "build --installed gave '$got', not $KIT"; cat "$T/installed.log"; fi

# A system like the packages' with one file changed by <sed-script>:
# sysroot_with <dir> <file under the headers> <sed-script>
sysroot_with() {
    mkdir -p "$1" && cp -a "$PKGS/usr" "$1/"
    sed -i "$3" "$1/usr/src/linux-headers-$REL/$2"
}

sysroot_with "$T/rustc" .config 's/^CONFIG_RUSTC_VERSION_TEXT=.*/CONFIG_RUSTC_VERSION_TEXT="rustc 1.86.0 (05f9846f8 2025-03-31)"/'
if KFUNC_KIT_SYSROOT="$T/rustc" "$ROOT/scripts/debian-kit.sh" build --installed "$REL" > "$T/rustc.log" 2>&1; then
    no refuse:rustc "a kit was made for headers built with rustc 1.86.0"
elif grep -q "the kernel's rustc is 'rustc 1.86.0" "$T/rustc.log" && grep -q "is not the one" "$T/rustc.log"; then
    ok refuse:rustc
else no refuse:rustc "refused without naming the versions:"; cat "$T/rustc.log"; fi

sym="$(awk '$2 ~ /^_R/ { print $2; exit }' "$PKGS/usr/src/linux-headers-$REL/Module.symvers")"
sysroot_with "$T/exports" Module.symvers "/[[:space:]]$sym[[:space:]]/d"
if KFUNC_KIT_SYSROOT="$T/exports" "$ROOT/scripts/debian-kit.sh" build --installed "$REL" > "$T/exports.log" 2>&1; then
    no refuse:exports "a kit was made though Module.symvers lacks $sym"
elif grep -q "only in the rebuild: 1, e.g. $sym" "$T/exports.log" && grep -q "refusing to make a kit" "$T/exports.log"; then
    ok refuse:exports
else no refuse:exports "refused without naming $sym:"; cat "$T/exports.log"; fi
# headers-only: a copy of the kit (hard links; files that change are
# replaced, never written through) without common/kernel/bpf
H="$(mktemp -d "$CACHE/debian-kit/.check-XXXXXX")"
trap 'rm -rf "$T" "$H"' EXIT
cp -al "$KIT/." "$H/"
rm -rf "$H/common/kernel/bpf"
rm -f "$H/Makefile"
sed -e "s|^KBUILD_OUTPUT=.*|KBUILD_OUTPUT=$H|" -e "s|^include .*|include $H/common/Makefile|" "$KIT/Makefile" > "$H/Makefile"
mkdir -p "$T/mod" && cp -a "$ROOT/tests/kernel/adversary/name_ign/." "$T/mod/"
if KFUNC_KIT_BIND="$T:$ROOT" "$KIT/enter" make -C "$T/mod" KDIR="$H" KFUNC_DIR="$ROOT" RUSTC=rustc > "$T/headers.log" 2>&1; then
    no headers-only "a kfunc module built against headers without kernel/bpf/"
elif grep -q "lacks .*kernel/bpf/verifier.c" "$T/headers.log"; then
    ok headers-only
else no headers-only "the build failed without kfunc.mk's error:"; tail -20 "$T/headers.log"; fi
exit $bad
