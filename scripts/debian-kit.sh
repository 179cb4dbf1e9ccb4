#!/usr/bin/env bash
# A Rust build kit for a Debian kernel as Debian ships it: a tree that
# `make -C <kit> M=<module>` builds Rust (and kfunc) modules against, for the
# unmodified kernel image of that release.
#
#   scripts/debian-kit.sh build <release>                e.g. 7.3.4+deb13-amd64:
#                                                        the packages, fetched from the mirror
#   scripts/debian-kit.sh build --installed [<release>]  this system's installed headers
#                                                        and image (default: uname -r)
#   scripts/debian-kit.sh enter <kit> <command...>       run a command with the kit's toolchain
#
# `build` prints the kit's path as the last line of stdout. A module is then
# built with
#   <kit>/enter make -C <module dir> KDIR=<kit>
# (`enter` runs the command in the toolchain's root, where the current
# directory, the kit and the directories in KFUNC_KIT_BIND (colon-separated)
# are visible at their own paths).
#
# Why a kit: Debian's linux-headers package cannot build a Rust module. It
# lacks rust/ (the `.rmeta` metadata of core, kernel, bindings, ... and the
# proc-macro libraries) and scripts/target.json, and a module must be built by
# exactly the rustc that built the kernel. The kit
#   1. reads the toolchain from the headers' .config (CONFIG_RUSTC_VERSION_TEXT,
#      CONFIG_BINDGEN_VERSION_TEXT, CONFIG_CC_VERSION_TEXT, CONFIG_PAHOLE_VERSION)
#      and provisions it from Debian's packages of the release the kernel was
#      built for (+deb13: trixie) in a debootstrap root (tests/kernel/debian-root.sh),
#      refusing if any version differs from the config's;
#   2. rebuilds the Rust metadata from linux-source-<X.Y> of the same upload with
#      that toolchain (`make olddefconfig`, which must leave the config
#      unchanged, then `make prepare`);
#   3. compares every `_R` symbol the rebuilt crates export with the image's
#      Module.symvers, and refuses on any difference (a module built against
#      different metadata would fail at insmod with unknown symbols);
#   4. assembles a real copy of the headers (Kbuild rewrites the tree's
#      Makefile to point at its source tree, so symlinks into /usr/src would
#      send later builds back to the original) plus rust/, scripts/target.json
#      and the BPF sources kbuild/kfunc.mk reads the kernel's capabilities from,
#      the boot image (arch/x86/boot/bzImage, for QEMU) and `enter`.
# The kit is cached in ${KFUNC_CACHE:-~/.cache/kfunc}/debian-kit/<release>-<key>,
# <key> hashing its inputs (package versions, the headers' .config, the
# image, the toolchain root and the text of the steps below);
# debian-kit/<release> points at the current one. Written to <kit>.tmp and
# renamed: a kit that exists is complete.
#
# Environment: KFUNC_CACHE, JOBS (default nproc), KFUNC_DEBIAN_MIRROR.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
JOBS="${JOBS:-$(nproc)}"
# shellcheck source=../tests/kernel/apt-private.sh
. "$HERE/tests/kernel/apt-private.sh"
# shellcheck source=../tests/kernel/debian-root.sh
. "$HERE/tests/kernel/debian-root.sh"

log() { echo "debian-kit: $*" >&2; }
die() { echo "debian-kit: ERROR: $*" >&2; exit 1; }
usage() { sed -n '6,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot and bind mounts of the toolchain root)"

# --- enter -------------------------------------------------------------------
if [ "${1:-}" = enter ]; then
    [ $# -ge 3 ] || usage
    kit="$(cd "$2" && pwd)"; shift 2
    [ -f "$kit/.kfunc-kit" ] || die "$kit is not a kit (no .kfunc-kit)"
    root="$(sed -n 's/^root=//p' "$kit/.kfunc-kit")"
    [ -f "$root/.kfunc-root-stamp" ] || die "the kit's toolchain root $root is gone: run build again"
    kt_debian_root_run "$root" "$PWD" "$kit:$CACHE:${KFUNC_KIT_BIND:-}" "$@"
    exit $?
fi

[ "${1:-}" = build ] || usage
shift
MODE=fetch
if [ "${1:-}" = --installed ]; then MODE=installed; shift; REL="${1:-$(uname -r)}"
else REL="${1:-}"; [ -n "$REL" ] || usage; fi
[[ "$REL" =~ ^([0-9]+)\.([0-9]+)\.[0-9]+\+deb([0-9]+)-([a-z0-9-]+)$ ]] ||
    die "'$REL' is not a Debian kernel release like 7.3.4+deb13-amd64"
SERIES="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
DEBREL="${BASH_REMATCH[3]}"
FLAVOUR="${BASH_REMATCH[4]}"
BASE="${REL%-"$FLAVOUR"}"
case "$DEBREL" in
    12) SUITE=bookworm ;; 13) SUITE=trixie ;; 14) SUITE=forky ;;
    *) die "release $REL: unknown Debian release deb$DEBREL (known: deb12 bookworm, deb13 trixie, deb14 forky)" ;;
esac
case "$FLAVOUR" in
    amd64|cloud-amd64|rt-amd64) DEBARCH=amd64; KARCH=x86_64 ;;
    *) die "release $REL: flavour $FLAVOUR is not supported (amd64 flavours only)" ;;
esac

mkdir -p "$CACHE/debian-kit"
exec 9> "$CACHE/debian-kit/.$REL.lock"
flock -n 9 || { log "another build of the $REL kit is running; waiting for it"; flock 9; }

# --- the inputs: headers, kbuild scripts, image, source package ---------------
IN="$CACHE/debian-kit/in-$REL"
APT="$CACHE/debian-kit/apt-$SUITE"
# The private apt configuration: the release's suite and its backports
# (apt-private.sh), set up once, when something is to be fetched.
APT_OPTS=()
apt_setup() {
    [ ${#APT_OPTS[@]} -eq 0 ] || return 0
    mkdir -p "$APT"
    kt_apt_private "$APT" "$SUITE $SUITE-backports" "$DEBARCH" > "$APT/update.log" 2>&1 ||
        { tail -5 "$APT/update.log" >&2; die "apt-get update ($SUITE) failed"; }
    APT_OPTS=("${KT_APT_OPTS[@]}")
}
# apt_get <dir> <pkg>=<version>...: download into <dir>, unpack into <dir>/x.
apt_get() {
    local d="$1"; shift
    apt_setup
    mkdir -p "$d"
    (cd "$d" && apt-get "${APT_OPTS[@]}" download "$@" > "$d/download.log" 2>&1) ||
        { tail -5 "$d/download.log" >&2; die "apt-get download $* failed (is $REL still on the mirror?)"; }
}

if [ "$MODE" = fetch ]; then
    # the current upload of the release (an installed system names its own)
    apt_setup
    VERSION="$(apt-cache "${APT_OPTS[@]}" show "linux-headers-$REL" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)"
    [ -n "$VERSION" ] || die "linux-headers-$REL is not in $SUITE or $SUITE-backports on $(kt_debian_mirror)"
    IMAGE_PKG="linux-binary-unsigned-$REL"
    apt-cache "${APT_OPTS[@]}" show "$IMAGE_PKG=$VERSION" > /dev/null 2>&1 || IMAGE_PKG="linux-image-$REL-unsigned"
    if ! [ -f "$IN/$VERSION.done" ]; then
        log "fetching the $REL packages ($VERSION)"
        rm -rf "$IN" && mkdir -p "$IN"
        apt_get "$IN/debs" "linux-headers-$REL=$VERSION" "linux-headers-$BASE-common=$VERSION" \
            "linux-kbuild-$BASE=$VERSION" "$IMAGE_PKG=$VERSION"
        for f in "$IN"/debs/*.deb; do dpkg -x "$f" "$IN/x"; done
        touch "$IN/$VERSION.done"
    fi
    SYSROOT="$IN/x"
else
    # KFUNC_KIT_SYSROOT: the system whose installed packages are read (default /)
    SYSROOT="${KFUNC_KIT_SYSROOT:-}"; SYSROOT="${SYSROOT%/}"
    [ -d "$SYSROOT/usr/src/linux-headers-$REL" ] ||
        die "$SYSROOT/usr/src/linux-headers-$REL is missing: install linux-headers-$REL"
    # the upload, as the kernel's own build recorded it (" Debian 7.3.4-1~bpo13+1")
    VERSION="$(sed -n 's/^#define LINUX_PACKAGE_ID " Debian \(.*\)"$/\1/p' \
        "$SYSROOT/usr/src/linux-headers-$REL/include/generated/package.h" 2>/dev/null)"
    [ -n "$VERSION" ] || die "$SYSROOT/usr/src/linux-headers-$REL/include/generated/package.h names no Debian upload"
fi
HEADERS="$SYSROOT/usr/src/linux-headers-$REL"
IMAGE=""
for f in "$SYSROOT/boot/vmlinuz-$REL" "$SYSROOT/usr/lib/modules/$REL/vmlinuz" \
         "$SYSROOT/usr/lib/modules/$REL/vmlinuz.unsigned"; do
    [ -f "$f" ] && { IMAGE="$f"; break; }
done
[ -n "$IMAGE" ] || die "no kernel image for $REL (looked for /boot/vmlinuz-$REL and /usr/lib/modules/$REL/vmlinuz*)"
for f in .config Module.symvers vmlinux Makefile; do
    [ -f "$HEADERS/$f" ] || die "$HEADERS/$f missing: not a complete linux-headers-$REL"
done
COMMON="$(sed -n 's/^include //p' "$HEADERS/Makefile" | head -1)"
COMMON="$SYSROOT$COMMON"
[ -f "$COMMON" ] || die "$HEADERS/Makefile includes $COMMON, which is missing (linux-headers-$BASE-common)"
COMMON="$(dirname "$COMMON")"
KBUILD_SCRIPTS="$(readlink -f "$HEADERS/scripts")"
[ -f "$KBUILD_SCRIPTS/Makefile.build" ] || die "$HEADERS/scripts does not lead to the kbuild scripts (linux-kbuild-$BASE)"
KBUILD_TOOLS="$(readlink -f "$HEADERS/tools")"

# The toolchain the kernel was built with, from its config.
cfg() { sed -n "s/^CONFIG_$1=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" "$HEADERS/.config"; }
grep -q '^CONFIG_RUST=y' "$HEADERS/.config" || die "$REL has no CONFIG_RUST: it cannot load Rust modules"
WANT_RUSTC="$(cfg RUSTC_VERSION_TEXT)"
WANT_BINDGEN="$(cfg BINDGEN_VERSION_TEXT)"
WANT_CC="$(cfg CC_VERSION_TEXT)"
WANT_PAHOLE="$(cfg PAHOLE_VERSION)"
CC_CMD="${WANT_CC%% *}" # e.g. x86_64-linux-gnu-gcc-14
CROSS="${CC_CMD%gcc*}"
[ -n "$WANT_RUSTC" ] && [ -n "$WANT_CC" ] || die "$HEADERS/.config lacks CONFIG_RUSTC_VERSION_TEXT or CONFIG_CC_VERSION_TEXT"
grep -q '^CONFIG_CC_IS_GCC=y' "$HEADERS/.config" || die "$REL was built with clang; the kit provisions GCC-built Debian kernels"

ROOT_FS="$(kt_debian_root "$SUITE")" || die "the $SUITE toolchain root could not be made"
inroot() { kt_debian_root_run "$ROOT_FS" "$1" "$CACHE" "${@:2}"; }

# Exactly the config's toolchain, or a clear refusal.
check_toolchain() {
    local got bad=0
    got="$(inroot / rustc --version)"
    [ "$got" = "$WANT_RUSTC" ] || { log "the kernel's rustc is '$WANT_RUSTC', $SUITE's is '$got'"; bad=1; }
    got="$(inroot / bindgen --version 2>/dev/null | head -1)"
    [ -z "$WANT_BINDGEN" ] || [ "$got" = "$WANT_BINDGEN" ] ||
        { log "the kernel's bindgen is '$WANT_BINDGEN', $SUITE's is '$got'"; bad=1; }
    got="$(inroot / "$CC_CMD" --version 2>/dev/null | head -1)"
    [ "$got" = "$WANT_CC" ] || { log "the kernel's compiler is '$WANT_CC', $SUITE's is '$got'"; bad=1; }
    got="$(inroot / pahole --version 2>/dev/null | tr -dc 0-9)"
    [ -z "$WANT_PAHOLE" ] || [ "$got" = "$WANT_PAHOLE" ] ||
        { log "the kernel's pahole is $WANT_PAHOLE, $SUITE's is $got"; bad=1; }
    [ "$bad" = 0 ] || die "Debian $SUITE's toolchain is not the one $REL ($VERSION) was built with (above): \
a module built with it would not load. Wait for a kernel upload built with the current toolchain, or use the matching release."
}

# --- the kit's key -------------------------------------------------------------
rebuild_rust() { # <src> <out>: olddefconfig (must not change the config), then prepare
    local src="$1" out="$2"
    local mk=(make -C "$src" O="$out" ARCH=x86 CROSS_COMPILE="$CROSS" CC="$CC_CMD" HOSTCC=gcc-14
              RUSTC=rustc BINDGEN=bindgen -j"$JOBS")
    mkdir -p "$out" && cp "$HEADERS/.config" "$out/.config"
    inroot "$out" "${mk[@]}" olddefconfig > "$out/../olddefconfig.log" 2>&1 ||
        { tail -20 "$out/../olddefconfig.log" >&2; die "make olddefconfig failed in the $SUITE root"; }
    if ! diff <(grep '^CONFIG_' "$HEADERS/.config") <(grep '^CONFIG_' "$out/.config") > "$out/../config.diff"; then
        head -20 "$out/../config.diff" >&2
        die "make olddefconfig changed $REL's config with the $SUITE toolchain (above): the source or the toolchain differs"
    fi
    inroot "$out" "${mk[@]}" prepare > "$out/../prepare.log" 2>&1 ||
        { tail -30 "$out/../prepare.log" >&2; die "make prepare (the Rust metadata) failed in the $SUITE root"; }
    # what the kit takes from the source (kbuild/kfunc.mk reads the kernel's
    # kfunc capabilities from the BPF sources; the test harness packs
    # initramfs images with gen_init_cpio)
    mkdir -p "$out/kit-src"
    cp "$src/kernel/bpf/verifier.c" "$src/kernel/bpf/btf.c" "$src/usr/gen_init_cpio.c" "$out/kit-src/"
}
compare_exports() { # <out>: the rebuilt _R exports equal Module.symvers's
    local out="$1" d
    d="$(mktemp -d)"
    sed -n 's/.*EXPORT_SYMBOL_RUST_GPL(\(_R[A-Za-z0-9_]*\)).*/\1/p' "$out"/rust/exports_*_generated.h | sort -u > "$d/rebuilt.syms"
    awk '$2 ~ /^_R/ { print $2 }' "$HEADERS/Module.symvers" | sort -u > "$d/shipped.syms"
    [ -s "$d/shipped.syms" ] || die "$HEADERS/Module.symvers exports no Rust symbol"
    if ! cmp -s "$d/rebuilt.syms" "$d/shipped.syms"; then
        log "only in the image: $(comm -13 "$d/rebuilt.syms" "$d/shipped.syms" | wc -l), e.g. $(comm -13 "$d/rebuilt.syms" "$d/shipped.syms" | head -3 | tr '\n' ' ')"
        log "only in the rebuild: $(comm -23 "$d/rebuilt.syms" "$d/shipped.syms" | wc -l), e.g. $(comm -23 "$d/rebuilt.syms" "$d/shipped.syms" | head -3 | tr '\n' ' ')"
        die "the Rust metadata rebuilt from linux-source-$SERIES $VERSION does not export what $REL's Module.symvers lists \
($(wc -l < "$d/rebuilt.syms") vs $(wc -l < "$d/shipped.syms") _R symbols): refusing to make a kit whose modules would not load"
    fi
    wc -l < "$d/shipped.syms"
    rm -rf "$d"
}
assemble() { # <out> <kit-final-path> <kit-dir>
    local out="$1" final="$2" kit="$3" f
    mkdir -p "$kit"
    # the headers, their own files for real (scripts and tools are symlinks into linux-kbuild)
    (cd "$HEADERS" && tar --exclude=./scripts --exclude=./tools -cf - .) | tar -xf - -C "$kit"
    cp -a "$KBUILD_SCRIPTS" "$kit/scripts"
    [ -d "$KBUILD_TOOLS" ] && cp -a "$KBUILD_TOOLS" "$kit/tools"
    mkdir -p "$kit/common"
    (cd "$COMMON" && tar --exclude=./scripts --exclude=./tools -cf - .) | tar -xf - -C "$kit/common"
    ln -s ../scripts "$kit/common/scripts"
    [ -d "$KBUILD_TOOLS" ] && ln -s ../tools "$kit/common/tools"
    sed -e "s|^KBUILD_OUTPUT=.*|KBUILD_OUTPUT=$final|" -e "s|^include .*|include $final/common/Makefile|" \
        "$HEADERS/Makefile" > "$kit/Makefile"
    # the Rust metadata, proc macros and target of the rebuild
    mkdir -p "$kit/rust"
    for f in "$out"/rust/lib*.rmeta "$out"/rust/lib*.so; do cp "$f" "$kit/rust/"; done
    [ -f "$kit/rust/libkernel.rmeta" ] || die "the rebuild made no rust/libkernel.rmeta"
    [ -f "$out/scripts/target.json" ] && cp "$out/scripts/target.json" "$kit/scripts/target.json"
    # what kbuild/kfunc.mk reads the kernel's kfunc capabilities from
    mkdir -p "$kit/common/kernel/bpf"
    cp "$out/kit-src/verifier.c" "$out/kit-src/btf.c" "$kit/common/kernel/bpf/"
    # the unmodified image, where a QEMU boot finds it
    mkdir -p "$kit/arch/x86/boot"
    cp "$IMAGE" "$kit/arch/x86/boot/bzImage"
    # the initramfs packer of the source, built for this machine (tests/kernel)
    mkdir -p "$kit/usr"
    cc -O2 -o "$kit/usr/gen_init_cpio" "$out/kit-src/gen_init_cpio.c"
    write_enter "$kit"
}

CONFIG_SUM="$(sha256sum < "$HEADERS/.config" | cut -c1-16)"
IMAGE_SUM="$(sha256sum < "$IMAGE" | cut -c1-16)"
SYMVERS_SUM="$(sha256sum < "$HEADERS/Module.symvers" | cut -c1-16)"
# The rebuilt metadata depends on the source upload, the config and the
# toolchain only; the kit also on the headers, the image and the checks.
RUST_KEY="$( {
    echo "$SERIES $VERSION $CONFIG_SUM $ROOT_FS"
    declare -f rebuild_rust
} | sha256sum | cut -c1-16)"
RUST_OUT="$CACHE/debian-kit/rust-$SERIES-$RUST_KEY"
KEY="$( {
    echo "$REL $VERSION $CONFIG_SUM $IMAGE_SUM $SYMVERS_SUM $RUST_KEY"
    declare -f compare_exports assemble
} | sha256sum | cut -c1-16)"
KIT="$CACHE/debian-kit/$REL-$KEY"
write_enter() { # <kit>: `enter`, naming this checkout's script
    printf '#!/bin/sh\n# Runs a command with the toolchain this kit was made for (scripts/debian-kit.sh enter).\nexec "%s" enter "%s" "$@"\n' \
        "$HERE/scripts/debian-kit.sh" "$KIT" > "$1/enter.tmp"
    chmod +x "$1/enter.tmp" && mv "$1/enter.tmp" "$1/enter"
}
if [ -f "$KIT/.kfunc-kit" ]; then
    log "cached: $KIT"
    touch "$KIT/.kfunc-kit"
    # made by another checkout: `enter` names that checkout's script
    grep -qx "enter=$HERE/scripts/debian-kit.sh" "$KIT/.kfunc-kit" || {
        write_enter "$KIT"
        sed -i "s|^enter=.*|enter=$HERE/scripts/debian-kit.sh|" "$KIT/.kfunc-kit" "$KIT/.kfunc-build-stamp"
    }
    ln -sfn "$REL-$KEY" "$CACHE/debian-kit/$REL"
    echo "$KIT"; exit 0
fi

START=$(date +%s)
log "making the kit for $REL ($VERSION) in $KIT"
check_toolchain
if ! [ -f "$RUST_OUT/.done" ]; then
    WORK="$CACHE/debian-kit/work-$REL"
    rm -rf "$WORK" && mkdir -p "$WORK"
    log "fetching linux-source-$SERIES $VERSION"
    apt_get "$WORK/src-deb" "linux-source-$SERIES=$VERSION"
    dpkg -x "$WORK"/src-deb/linux-source-*.deb "$WORK/src-deb/x"
    tar -xJf "$WORK/src-deb/x/usr/src/linux-source-$SERIES.tar.xz" -C "$WORK"
    rm -rf "$WORK/src-deb"
    [ -f "$WORK/linux-source-$SERIES/Makefile" ] || die "linux-source-$SERIES $VERSION did not unpack"
    log "rebuilding the Rust metadata with $WANT_RUSTC (make prepare, a few minutes)"
    rebuild_rust "$WORK/linux-source-$SERIES" "$WORK/out"
    # keep what the kit takes (rust/, scripts/target.json, kit-src/)
    rm -rf "$RUST_OUT.tmp" && mkdir -p "$RUST_OUT.tmp/rust" "$RUST_OUT.tmp/scripts"
    cp "$WORK"/out/rust/lib*.rmeta "$WORK"/out/rust/lib*.so "$WORK"/out/rust/exports_*_generated.h "$RUST_OUT.tmp/rust/"
    [ -f "$WORK/out/scripts/target.json" ] && cp "$WORK/out/scripts/target.json" "$RUST_OUT.tmp/scripts/"
    cp -a "$WORK/out/kit-src" "$RUST_OUT.tmp/"
    echo "$WANT_RUSTC" > "$RUST_OUT.tmp/.done"
    rm -rf "$RUST_OUT" && mv "$RUST_OUT.tmp" "$RUST_OUT"
    rm -rf "$WORK"
else
    log "the Rust metadata rebuilt for $VERSION is cached: $RUST_OUT"
fi
NSYMS="$(compare_exports "$RUST_OUT")"
log "all $NSYMS _R exports of Module.symvers reproduce"
rm -rf "$KIT.tmp"
assemble "$RUST_OUT" "$KIT" "$KIT.tmp"
END=$(date +%s)
{
    echo "variant=debian"
    echo "release=$REL"
    echo "package-version=$VERSION"
    echo "version=$(sed -n 's/^VERSION = //p' "$COMMON/Makefile").$(sed -n 's/^PATCHLEVEL = //p' "$COMMON/Makefile")"
    echo "arch=$KARCH"
    echo "image=arch/x86/boot/bzImage"
    echo "rustc=$WANT_RUSTC"
    echo "bindgen=$WANT_BINDGEN"
    echo "compiler=$WANT_CC"
    echo "rust-exports=$NSYMS"
    echo "root=$ROOT_FS"
    echo "enter=$HERE/scripts/debian-kit.sh"
    # what an external module's make needs (the tree's Makefile sets the rest)
    echo "make=RUSTC=rustc"
    echo "wrap=$KIT/enter"
    echo "seconds=$((END - START))"
    echo "date=$(date -u +%FT%TZ)"
} > "$KIT.tmp/.kfunc-kit"
cp "$KIT.tmp/.kfunc-kit" "$KIT.tmp/.kfunc-build-stamp"
rm -rf "$KIT" && mv "$KIT.tmp" "$KIT"
ln -sfn "$REL-$KEY" "$CACHE/debian-kit/$REL"
# Kits and rebuilds of other keys unused for a day go (a kit's stamp is
# touched on every use; another checkout may still use a recent one).
find "$CACHE/debian-kit" -mindepth 1 -maxdepth 1 -type d \( -name "$REL-*" -o -name "rust-$SERIES-*" \) \
        ! -path "$KIT" ! -path "$RUST_OUT" ! -newermt '1 day ago' -print 2>/dev/null | while IFS= read -r old; do
    [[ "$(basename "$old")" =~ ^("$REL"|rust-"$SERIES")-[0-9a-f]{16}$ ]] || continue
    log "removing stale $old"; rm -rf "$old"
done
log "made in $((END - START)) s: $KIT"
echo "$KIT"
