#!/bin/bash
# Build a Rust-enabled Linux (with NET, BPF, BTF) for the real-kernel tests.
#
#   tests/kernel/build-kernel.sh <6.12|7.3> [--fetch-only]
#
# The tree is built out of the checkout, out of tree (O=), into
#   ${KFUNC_CACHE:-$HOME/.cache/kfunc}/build/<version>-<key>
# where <key> hashes the kernel version, the config fragment (kernel.config),
# the rustc / bindgen / clang / pahole versions and this script. The symlink
#   ${KFUNC_CACHE}/build/<version>
# points at the current one. When the stamp file exists the build is skipped,
# so a warm run costs a second. Trees of other keys for the same version are
# removed once unused for a day; concurrent callers serialize on a lock. The tree stays usable for external modules
# (`make -C <tree> M=...`): vmlinux, Module.symvers, scripts/, rust/ metadata
# and tools/bpf/resolve_btfids are all kept.
#
# Sources: ${KFUNC_CACHE}/src/linux-source-<version>, unpacked on first use
# from Debian's linux-source-6.12 (bookworm) or linux-source-7.3
# (trixie-backports, fetched with a private apt source list: the machine's apt
# configuration is never changed).
#
# Environment: KFUNC_CACHE, JOBS (default: nproc), KFUNC_RUSTC (default
# /usr/bin/rustc), KFUNC_RUST_LIB_SRC (default: the rust-web-src library).
# Prints the tree's path as the last line of stdout. --fetch-only: stop once
# the sources are unpacked (prints their path).
set -euo pipefail

VERSION="${1:-}"
FETCH_ONLY=0
case "${2:-}" in
    "") ;;
    --fetch-only) FETCH_ONLY=1 ;;
    *) VERSION="" ;;
esac
case "$VERSION" in
    6.12|7.3) ;;
    *) echo "usage: $0 <6.12|7.3> [--fetch-only]" >&2; exit 2 ;;
esac

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
JOBS="${JOBS:-$(nproc)}"
FRAGMENT="$HERE/kernel.config"
SRC="$CACHE/src/linux-source-$VERSION"

log() { echo "build-kernel[$VERSION]: $*" >&2; }
die() { echo "build-kernel[$VERSION]: ERROR: $*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# One fetch/build per version at a time: a second caller waits, then finds the
# sources unpacked and the stamp written.
mkdir -p "$CACHE/build"
exec 9> "$CACHE/build/.$VERSION.lock"
if ! flock -n 9; then
    log "another build of $VERSION is running; waiting for it"
    flock 9
fi

# --- sources -----------------------------------------------------------------
fetch_source() {
    mkdir -p "$CACHE/src"
    local tarball
    if [ "$VERSION" = 6.12 ]; then
        tarball=/usr/src/linux-source-6.12.tar.xz
        if ! [ -f "$tarball" ]; then
            log "installing linux-source-6.12"
            $SUDO apt-get install -y linux-source-6.12 >&2
        fi
    else
        local apt="$CACHE/apt-backports"
        mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
        echo "deb [trusted=yes] http://deb.debian.org/debian trixie-backports main" > "$apt/sources.list"
        local opts=(-o Dir::Etc::sourcelist="$apt/sources.list"
                    -o Dir::Etc::sourceparts=/dev/null
                    -o Dir::State::Lists="$apt/lists"
                    -o Dir::Cache="$apt/cache"
                    -o APT::Get::List-Cleanup=0)
        log "fetching linux-source-7.3 from trixie-backports (private apt list)"
        apt-get "${opts[@]}" update >&2
        rm -f "$apt"/linux-source-7.3_*.deb
        (cd "$apt" && apt-get "${opts[@]}" download linux-source-7.3 >&2)
        rm -rf "$apt/x"
        dpkg -x "$apt"/linux-source-7.3_*.deb "$apt/x"
        tarball="$apt/x/usr/src/linux-source-7.3.tar.xz"
    fi
    [ -f "$tarball" ] || die "source tarball $tarball missing"
    log "unpacking $tarball"
    rm -rf "$SRC.tmp" && mkdir -p "$SRC.tmp"
    tar -xJf "$tarball" -C "$SRC.tmp"
    mv "$SRC.tmp/linux-source-$VERSION" "$SRC"
    rm -rf "$SRC.tmp" "$CACHE/apt-backports/x" "$CACHE"/apt-backports/linux-source-*.deb
}
[ -f "$SRC/Makefile" ] || fetch_source
SRC_VER="$(make -s -C "$SRC" kernelversion 2>/dev/null)"
case "$SRC_VER" in "$VERSION".*|"$VERSION") ;; *) die "$SRC holds $SRC_VER, not $VERSION" ;; esac
if [ "$FETCH_ONLY" = 1 ]; then echo "$SRC"; exit 0; fi

# --- toolchain ---------------------------------------------------------------
RUSTC="${KFUNC_RUSTC:-/usr/bin/rustc}"
[ -x "$RUSTC" ] || die "$RUSTC not found (install rustc-web)"
RUSTC_VER="$("$RUSTC" --version)"
RUSTC_NUM="$(echo "$RUSTC_VER" | awk '{print $2}')"
RUST_LIB_SRC="${KFUNC_RUST_LIB_SRC:-/usr/src/rustc-$RUSTC_NUM/library}"
[ -d "$RUST_LIB_SRC/core" ] || die "$RUST_LIB_SRC/core not found (install rust-web-src)"
command -v clang-19 >/dev/null || die "clang-19 not found"
command -v pahole >/dev/null || die "pahole not found"

BINDGEN_VERSION=0.73.0
BINDGEN="$CACHE/tools/bin/bindgen"
if ! [ -x "$BINDGEN" ] || ! "$BINDGEN" --version 2>/dev/null | grep -q "$BINDGEN_VERSION"; then
    log "installing bindgen-cli $BINDGEN_VERSION into $CACHE/tools"
    command -v cargo >/dev/null || die "cargo not found (needed to install bindgen-cli)"
    cargo install bindgen-cli --version "$BINDGEN_VERSION" --locked --root "$CACHE/tools" >&2
fi
BINDGEN_VER="$("$BINDGEN" --version)"
CLANG_VER="$(clang-19 --version | head -1)"
PAHOLE_VER="$(pahole --version)"

# --- cache key ---------------------------------------------------------------
KEY="$( {
    echo "$SRC_VER"
    cat "$FRAGMENT"
    echo "$RUSTC_VER"; echo "$RUST_LIB_SRC"
    echo "$BINDGEN_VER"; echo "$CLANG_VER"; echo "$PAHOLE_VER"
    cat "${BASH_SOURCE[0]}"
} | sha256sum | cut -c1-16)"
OUT="$CACHE/build/$VERSION-$KEY"
STAMP="$OUT/.kfunc-build-stamp"

if [ -f "$STAMP" ]; then
    log "cached: $OUT"
    touch "$STAMP" # in use: keeps it from being pruned
    ln -sfn "$VERSION-$KEY" "$CACHE/build/$VERSION"
    echo "$OUT"
    exit 0
fi

MAKEVARS=(LLVM=-19 ARCH=x86_64 RUSTC="$RUSTC" BINDGEN="$BINDGEN" RUST_LIB_SRC="$RUST_LIB_SRC")
kmake() { make -C "$SRC" O="$OUT" "${MAKEVARS[@]}" "$@"; }

START=$(date +%s)
log "building $SRC_VER into $OUT (jobs=$JOBS)"
rm -rf "$OUT"
mkdir -p "$OUT"

kmake rustavailable >&2 || die "rustavailable failed: the toolchain does not fit this kernel"

# --- configure -----------------------------------------------------------------
# Lines that apply to this kernel: unprefixed ones plus "<version>:" ones.
fragment_lines() {
    awk -v v="$VERSION" '{
        if (match($0, /^[0-9.]+:/)) {
            if (substr($0, 1, RLENGTH - 1) != v) next
            $0 = substr($0, RLENGTH + 1)
        }
        sub(/^[ \t]+/, "")
        if ($0 ~ /^CONFIG_/ || $0 ~ /^# CONFIG_.* is not set$/) print
    }' "$FRAGMENT"
}
kmake tinyconfig >&2
args=()
while IFS= read -r line; do
    case "$line" in
        CONFIG_*=y) opt="${line%%=*}"; args+=(--enable "${opt#CONFIG_}") ;;
        CONFIG_*=m) opt="${line%%=*}"; args+=(--module "${opt#CONFIG_}") ;;
        CONFIG_*=*) opt="${line%%=*}"; args+=(--set-val "${opt#CONFIG_}" "${line#*=}") ;;
        "# CONFIG_"*" is not set") opt="${line#\# CONFIG_}"; args+=(--disable "${opt%% is not set}") ;;
        *) die "bad fragment line: $line" ;;
    esac
done < <(fragment_lines)
"$SRC/scripts/config" --file "$OUT/.config" "${args[@]}"
# olddefconfig WITH the Rust variables: without them CONFIG_RUST is dropped.
kmake olddefconfig >&2

missing=0
while IFS= read -r line; do
    case "$line" in
        "# CONFIG_"*" is not set")
            opt="${line#\# }"; opt="${opt%% is not set}"
            if grep -q "^$opt=" "$OUT/.config"; then
                echo "build-kernel[$VERSION]: ERROR: $opt should be unset but is $(grep "^$opt=" "$OUT/.config")" >&2
                missing=1
            fi ;;
        *)
            if ! grep -qx "$line" "$OUT/.config"; then
                echo "build-kernel[$VERSION]: ERROR: Kconfig dropped '$line' (have: $(grep -E "^(# )?${line%%=*}[= ]" "$OUT/.config" || echo absent))" >&2
                missing=1
            fi ;;
    esac
done < <(fragment_lines)
[ "$missing" = 0 ] || die "configuration incomplete (see above); fix kernel.config or the toolchain"

# --- build -----------------------------------------------------------------
# `bzImage modules` gives vmlinux (with BTF), Module.symvers, the rust/
# metadata external modules link against, and tools/bpf/resolve_btfids.
kmake -j"$JOBS" bzImage modules >&2
for f in arch/x86/boot/bzImage vmlinux Module.symvers tools/bpf/resolve_btfids/resolve_btfids \
         rust/libkernel.rmeta rust/libcore.rmeta; do
    [ -e "$OUT/$f" ] || die "build finished but $OUT/$f is missing"
done

END=$(date +%s)
{
    echo "version=$SRC_VER"
    echo "key=$KEY"
    echo "rustc=$RUSTC_VER"
    echo "bindgen=$BINDGEN_VER"
    echo "clang=$CLANG_VER"
    echo "pahole=$PAHOLE_VER"
    echo "seconds=$((END - START))"
    # what an external module's make needs to match the tree
    echo "make=LLVM=-19 ARCH=x86_64 RUSTC=$RUSTC"
    echo "date=$(date -u +%FT%TZ)"
} > "$STAMP"
ln -sfn "$VERSION-$KEY" "$CACHE/build/$VERSION"
# Drop the trees of other keys for this version unused for a day (a tree's
# stamp is touched on every use; another checkout may still use a recent one).
find "$CACHE/build" -mindepth 1 -maxdepth 1 -type d -name "$VERSION-*" ! -path "$OUT" \
        ! -newermt '1 day ago' -print 2>/dev/null | while IFS= read -r old; do
    if [ -f "$old/.kfunc-build-stamp" ] && [ -n "$(find "$old/.kfunc-build-stamp" -newermt '1 day ago')" ]; then
        continue
    fi
    log "removing stale $old"; rm -rf "$old"
done
log "built in $((END - START)) s: $OUT"
echo "$OUT"
