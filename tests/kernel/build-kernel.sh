#!/bin/bash
# Build one kernel variant of the real-kernel tests (Linux with Rust, NET,
# BPF, BTF; the variants are listed in tests/kernel/variants).
#
#   tests/kernel/build-kernel.sh <variant|alias> [--fetch-only]
#   tests/kernel/build-kernel.sh --list            (the variant names)
#
# The tree is built out of the checkout, out of tree (O=), into
#   ${KFUNC_CACHE:-$HOME/.cache/kfunc}/build/<variant>-<key>
# where <key> hashes the build's inputs and nothing else: the kernel version,
# the variant's architecture and compiler, the config lines its fragments
# give for that version, the versions of rustc / bindgen / clang / pahole
# (and gcc / ld for a GCC build), the make variables and the text of the
# functions that configure and build the tree (so editing comments, the
# variant list's other lines or the rest of this script keeps the cache).
# The symlinks build/<variant> (and build/<alias>) point at the current one.
# When the stamp file exists the build is skipped, so a warm run costs a
# second. Trees of other keys for the same variant are removed once unused
# for a day; concurrent builds of one variant serialize on a lock. The tree
# stays usable for external modules (`make -C <tree> M=...`): vmlinux,
# Module.symvers, scripts/, rust/ metadata and tools/bpf/resolve_btfids are
# all kept; its stamp (.kfunc-build-stamp) records the make variables an
# external module needs (make=...), the architecture and the boot image.
#
# Sources: ${KFUNC_CACHE}/src/linux-source-<version>, unpacked on first use
# from Debian's linux-source-6.12 (bookworm) or linux-source-7.3
# (trixie-backports, fetched with a private apt configuration whose mirror is
# the machine's own: the machine's apt configuration is never changed).
#
# Environment: KFUNC_CACHE, JOBS (default: nproc), KFUNC_RUSTC (default
# /usr/bin/rustc), KFUNC_RUST_LIB_SRC (default: the rust-web-src library),
# KFUNC_DEBIAN_MIRROR (default: the machine's). Prints the tree's path as the
# last line of stdout. --fetch-only: stop once the sources are unpacked
# (prints their path).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VARIANTS="$HERE/variants"
# shellcheck source=apt-private.sh
. "$HERE/apt-private.sh"

if [ "${1:-}" = --list ]; then
    awk '!/^[ \t]*(#|$)/ { print $1 }' "$VARIANTS"; exit 0
fi
WANT="${1:-}"
FETCH_ONLY=0
case "${2:-}" in
    "") ;;
    --fetch-only) FETCH_ONLY=1 ;;
    *) WANT="" ;;
esac
# name version arch cc alias fragments...
SPEC="$(awk -v w="$WANT" '!/^[ \t]*(#|$)/ && w != "" && ($1 == w || $5 == w) { print; exit }' "$VARIANTS")"
if [ -z "$SPEC" ]; then
    echo "usage: $0 <variant> [--fetch-only]; variants (tests/kernel/variants):" \
        "$(awk '!/^[ \t]*(#|$)/ { printf " %s", $1; if ($5 != "-") printf " (alias %s)", $5 }' "$VARIANTS")" >&2
    exit 2
fi
read -r VARIANT VERSION KARCH KCC ALIAS FRAGMENTS <<< "$SPEC"

CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
JOBS="${JOBS:-$(nproc)}"
SRC="$CACHE/src/linux-source-$VERSION"

# A distribution's kernel is not built: its unmodified image comes with a
# build kit for its modules (scripts/debian-kit.sh, cached the same way),
# which stands in for the tree.
if [ "$KCC" = debian ]; then
    [ "$FETCH_ONLY" = 0 ] || { echo "build-kernel[$VARIANT]: --fetch-only: Debian variants have no source tree" >&2; exit 2; }
    KIT="$("$HERE/../../scripts/debian-kit.sh" build "$FRAGMENTS" | tail -1)" && [ -f "$KIT/.kfunc-kit" ] ||
        { echo "build-kernel[$VARIANT]: ERROR: scripts/debian-kit.sh build $FRAGMENTS failed" >&2; exit 1; }
    mkdir -p "$CACHE/build"
    ln -sfn "$KIT" "$CACHE/build/$VARIANT"
    echo "$KIT"
    exit 0
fi

log() { echo "build-kernel[$VARIANT]: $*" >&2; }
die() { echo "build-kernel[$VARIANT]: ERROR: $*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

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
        log "fetching linux-source-$VERSION from trixie-backports (private apt configuration)"
        kt_apt_private "$apt" trixie-backports "$(dpkg --print-architecture)" || die "apt-get update failed"
        rm -f "$apt"/linux-source-"$VERSION"_*.deb
        (cd "$apt" && apt-get "${KT_APT_OPTS[@]}" download "linux-source-$VERSION" >&2) ||
            die "apt-get download linux-source-$VERSION failed"
        rm -rf "$apt/x"
        dpkg -x "$apt"/linux-source-"$VERSION"_*.deb "$apt/x"
        tarball="$apt/x/usr/src/linux-source-$VERSION.tar.xz"
    fi
    [ -f "$tarball" ] || die "source tarball $tarball missing"
    log "unpacking $tarball"
    rm -rf "$SRC.tmp" && mkdir -p "$SRC.tmp"
    tar -xJf "$tarball" -C "$SRC.tmp"
    mv "$SRC.tmp/linux-source-$VERSION" "$SRC"
    rm -rf "$SRC.tmp" "$CACHE/apt-backports/x" "$CACHE"/apt-backports/linux-source-*.deb
}
mkdir -p "$CACHE/build"
if ! [ -f "$SRC/Makefile" ]; then
    # one fetch per version at a time (the unpack ends with a rename, so a
    # tree with a Makefile is complete)
    exec 8> "$CACHE/build/.$VERSION.lock"
    if ! flock -n 8; then log "another fetch of $VERSION is running; waiting for it"; flock 8; fi
    [ -f "$SRC/Makefile" ] || fetch_source
    exec 8>&-
fi
SRC_VER="$(make -s -C "$SRC" kernelversion 2>/dev/null)"
case "$SRC_VER" in "$VERSION".*|"$VERSION") ;; *) die "$SRC holds $SRC_VER, not $VERSION" ;; esac
if [ "$FETCH_ONLY" = 1 ]; then echo "$SRC"; exit 0; fi

# One build per variant at a time: a second caller waits, then finds the stamp.
exec 9> "$CACHE/build/.$VARIANT.build.lock"
if ! flock -n 9; then
    log "another build of $VARIANT is running; waiting for it"
    flock 9
fi

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
CLANG_VER="$(clang-19 --version | head -1)" # also bindgen's libclang
PAHOLE_VER="$(pahole --version)"

# The make variables of this variant; MODVARS: those an external module needs.
case "$KARCH" in
    x86_64) IMAGE=arch/x86/boot/bzImage; IMAGE_TARGET=bzImage ;;
    arm64) IMAGE=arch/arm64/boot/Image; IMAGE_TARGET=Image ;;
    *) die "unknown architecture $KARCH in $VARIANTS" ;;
esac
case "$KCC" in
    clang) MODVARS=(LLVM=-19 ARCH="$KARCH" RUSTC="$RUSTC")
           CC_VER="$CLANG_VER" ;;
    gcc) [ "$KARCH" = x86_64 ] || die "gcc variants are x86_64 only"
         command -v gcc >/dev/null || die "gcc not found"
         MODVARS=(ARCH="$KARCH" RUSTC="$RUSTC")
         CC_VER="$(gcc --version | head -1); $(ld --version | head -1)" ;;
    *) die "unknown compiler $KCC in $VARIANTS" ;;
esac
MAKEVARS=("${MODVARS[@]}" BINDGEN="$BINDGEN" RUST_LIB_SRC="$RUST_LIB_SRC")

# Lines of the variant's fragments that apply to this version: unprefixed
# ones plus "<version>:" ones, in fragment order.
fragment_lines() {
    local f
    for f in $FRAGMENTS; do
        [ -f "$HERE/config/$f.config" ] || die "config/$f.config (variant $VARIANT) missing"
        awk -v v="$VERSION" '{
            if (match($0, /^[0-9.]+:/)) {
                if (substr($0, 1, RLENGTH - 1) != v) next
                $0 = substr($0, RLENGTH + 1)
            }
            sub(/^[ \t]+/, "")
            if ($0 ~ /^CONFIG_/ || $0 ~ /^# CONFIG_.* is not set$/) print
        }' "$HERE/config/$f.config"
    done
}

kmake() { make -C "$SRC" O="$OUT" "${MAKEVARS[@]}" "$@"; }

# tinyconfig + the fragments, olddefconfig, and every fragment line verified.
configure_tree() {
    kmake rustavailable >&2 || die "rustavailable failed: the toolchain does not fit this kernel"
    kmake tinyconfig >&2
    local args=() line opt missing=0
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
    while IFS= read -r line; do
        case "$line" in
            "# CONFIG_"*" is not set")
                opt="${line#\# }"; opt="${opt%% is not set}"
                if grep -q "^$opt=" "$OUT/.config"; then
                    log "ERROR: $opt should be unset but is $(grep "^$opt=" "$OUT/.config")"
                    missing=1
                fi ;;
            *)
                if ! grep -qx "$line" "$OUT/.config"; then
                    log "ERROR: Kconfig dropped '$line' (have: $(grep -E "^(# )?${line%%=*}[= ]" "$OUT/.config" || echo absent))"
                    missing=1
                fi ;;
        esac
    done < <(fragment_lines)
    [ "$missing" = 0 ] || die "configuration incomplete (see above); fix config/*.config or the toolchain"
}

# The image and `modules`: vmlinux (with BTF), Module.symvers, the rust/
# metadata external modules link against, and tools/bpf/resolve_btfids.
build_tree() {
    kmake -j"$JOBS" "$IMAGE_TARGET" modules >&2
    local f
    for f in "$IMAGE" vmlinux Module.symvers tools/bpf/resolve_btfids/resolve_btfids \
             rust/libkernel.rmeta rust/libcore.rmeta usr/gen_init_cpio; do
        [ -e "$OUT/$f" ] || die "build finished but $OUT/$f is missing"
    done
}

# --- cache key ---------------------------------------------------------------
KEY="$( {
    echo "$SRC_VER $KARCH $KCC"
    fragment_lines
    echo "$RUSTC_VER"; echo "$RUST_LIB_SRC"
    echo "$BINDGEN_VER"; echo "$CLANG_VER"; echo "$PAHOLE_VER"; echo "$CC_VER"
    echo "${MAKEVARS[*]} $IMAGE_TARGET"
    declare -f kmake configure_tree build_tree
} | sha256sum | cut -c1-16)"
OUT="$CACHE/build/$VARIANT-$KEY"
STAMP="$OUT/.kfunc-build-stamp"

link_tree() {
    ln -sfn "$VARIANT-$KEY" "$CACHE/build/$VARIANT"
    if [ "$ALIAS" != - ]; then ln -sfn "$VARIANT-$KEY" "$CACHE/build/$ALIAS"; fi
}

if [ -f "$STAMP" ]; then
    log "cached: $OUT"
    touch "$STAMP" # in use: keeps it from being pruned
    link_tree
    echo "$OUT"
    exit 0
fi

START=$(date +%s)
log "building $SRC_VER ($KARCH, $KCC; fragments: $FRAGMENTS) into $OUT (jobs=$JOBS)"
rm -rf "$OUT"
mkdir -p "$OUT"
configure_tree
build_tree
END=$(date +%s)

{
    echo "variant=$VARIANT"
    echo "version=$SRC_VER"
    echo "key=$KEY"
    echo "arch=$KARCH"
    echo "cc=$KCC"
    echo "image=$IMAGE"
    echo "rustc=$RUSTC_VER"
    echo "bindgen=$BINDGEN_VER"
    echo "clang=$CLANG_VER"
    echo "compiler=$CC_VER"
    echo "pahole=$PAHOLE_VER"
    echo "seconds=$((END - START))"
    # what an external module's make needs to match the tree
    echo "make=${MODVARS[*]}"
    echo "date=$(date -u +%FT%TZ)"
} > "$STAMP.tmp"
mv "$STAMP.tmp" "$STAMP"
link_tree
# Drop the trees of other keys for this variant unused for a day (a tree's
# stamp is touched on every use; another checkout may still use a recent one).
find "$CACHE/build" -mindepth 1 -maxdepth 1 -type d -name "$VARIANT-*" ! -path "$OUT" \
        ! -newermt '1 day ago' -print 2>/dev/null | while IFS= read -r old; do
    # exactly <variant>-<16 hex digits>: not another variant sharing the prefix
    [[ "$(basename "$old")" =~ ^"$VARIANT"-[0-9a-f]{16}$ ]] || continue
    if [ -f "$old/.kfunc-build-stamp" ] && [ -n "$(find "$old/.kfunc-build-stamp" -newermt '1 day ago')" ]; then
        continue
    fi
    log "removing stale $old"; rm -rf "$old"
done
log "built in $((END - START)) s: $OUT"
echo "$OUT"
