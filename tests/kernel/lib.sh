# Shared pieces of the real-kernel harness (tests/kernel/run.sh) and the demo
# (scripts/demo.sh). Sourced, never run. The caller sets:
#   HERE   tests/kernel (this directory)
#   ROOT   the checkout
#   W      the work directory of one kernel (holds tree/, mod/, bpf/, include/)
# and defines need_kfunc_btf (builds the host tool, sets KFUNC_BTF; returns
# non-zero if it is unusable), because the two report its build differently.

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# Print the tail of a log to stderr, indented (details of a failure).
detail() { [ -f "$1" ] && tail -n "${2:-30}" "$1" | sed 's/^/    | /' >&2; }

# The architecture of a built tree (its .config): x86_64 or arm64.
kt_tree_arch() { # <KDIR>
    if grep -q '^CONFIG_ARM64=y' "$1/.config" 2>/dev/null; then echo arm64; else echo x86_64; fi
}

# shellcheck source=apt-private.sh
. "$HERE/apt-private.sh"

# The arm64 guest userland, for cross-building the loader and packing the
# initramfs: Debian's arm64 libbpf / libelf / zlib / zstd static libraries and
# busybox-static, fetched for the machine's own release with a private apt
# configuration (the machine's apt configuration is never changed) and
# unpacked into ${KFUNC_CACHE}/sysroot-arm64 once. Prints its path.
KT_ARM64_PKGS=(libbpf-dev libelf-dev zlib1g-dev libzstd-dev busybox-static)
kt_arm64_sysroot() {
    local cache="${KFUNC_CACHE:-$HOME/.cache/kfunc}" codename d
    local root="$cache/sysroot-arm64"
    if [ -f "$root/.done" ] && [ "$(cat "$root/.done")" = "${KT_ARM64_PKGS[*]}" ]; then
        echo "$root"; return 0
    fi
    codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
    d="$cache/apt-arm64"
    (
        set -e
        exec 8> "$cache/.sysroot-arm64.lock"; flock 8
        kt_apt_private "$d" "$codename" arm64
        rm -rf "$d/debs" "$root.tmp"; mkdir -p "$d/debs" "$root.tmp"
        cd "$d/debs"
        apt-get "${KT_APT_OPTS[@]}" download "${KT_ARM64_PKGS[@]}" >&2
        for f in *.deb; do dpkg -x "$f" "$root.tmp"; done
        echo "${KT_ARM64_PKGS[*]}" > "$root.tmp/.done"
        rm -rf "$root" && mv "$root.tmp" "$root"
    ) || { echo "kt_arm64_sysroot: fetching ${KT_ARM64_PKGS[*]} (arm64) failed" >&2; return 1; }
    echo "$root"
}

# The static guest loader (libbpf + libelf + zlib; zstd only if this libelf
# needs it), for the host's x86_64 or, cross-compiled with
# aarch64-linux-gnu-gcc against kt_arm64_sysroot, for arm64:
# kt_build_loader <output> [x86_64|arm64]
kt_build_loader() {
    local out="$1" arch="${2:-x86_64}" cc=gcc flags=() libs=(-lbpf -lelf -lz) root
    if [ "$arch" = arm64 ]; then
        root="$(kt_arm64_sysroot)" || return 1
        cc=aarch64-linux-gnu-gcc
        flags=(-I"$root/usr/include" -L"$root/usr/lib/aarch64-linux-gnu")
    fi
    if ! "$cc" -O2 -Wall -Wno-format-truncation -static "${flags[@]}" -o "$out.tmp" "$HERE/loader/kload.c" \
            "${libs[@]}" 2>/dev/null; then
        "$cc" -O2 -Wall -Wno-format-truncation -static "${flags[@]}" -o "$out.tmp" "$HERE/loader/kload.c" \
            "${libs[@]}" -lzstd || return 1
    fi
    mv "$out.tmp" "$out"
}

# The static busybox of the guest: the host's for x86_64, the arm64 one from
# kt_arm64_sysroot. kt_busybox <x86_64|arm64>
kt_busybox() {
    local root
    if [ "$1" = arm64 ]; then root="$(kt_arm64_sysroot)" || return 1; echo "$root/bin/busybox"
    else echo /bin/busybox; fi
}

# The host tool, built from the checkout: kt_cargo_kfunc_btf <target-dir>
# (the binary is <target-dir>/release/kfunc-btf).
kt_cargo_kfunc_btf() {
    (cd "$ROOT" && env -u RUSTFLAGS cargo build --release -q -p kfunc-btf --bin kfunc-btf \
        --target-dir "$1")
}

# The make variables the kernel was built with (a user passes the same ones to
# their module build): the compiler (LLVM=-19) and the rustc whose `core` the
# tree's metadata was built by. build-kernel.sh records them in the tree's
# stamp; KT_MAKE_VARS (words) overrides. Sets the array KVARS.
kt_kernel_make_vars() { # <KDIR>
    KVARS=()
    if [ -n "${KT_MAKE_VARS:-}" ]; then
        read -r -a KVARS <<< "$KT_MAKE_VARS"
    elif [ -f "$1/.kfunc-build-stamp" ]; then
        read -r -a KVARS < <(sed -n 's/^make=//p' "$1/.kfunc-build-stamp")
    fi
    [ ${#KVARS[@]} -gt 0 ] || KVARS=(LLVM=-19 ARCH="$(kt_tree_arch "$1")" RUSTC=/usr/bin/rustc)
}

# Build an example module the way its README tells a user to:
# `make -C <dir> KDIR=<tree>` plus the kernel build's toolchain variables,
# which runs `make -C $KDIR M=<dir>` with kbuild/kfunc.mk. To keep the
# checkout clean and kernels apart, it builds in a copy of the checkout's
# sources under $W/tree (module dirs keep their places, so
# `KFUNC_DIR ?= $(src)/../..` finds the copy); a variant with VAR=val builds
# in a sibling copy of the module dir. Sets BUILT_DIR; the log starts with
# the make command line.
build_module() { # <K> <KDIR> <dir> <log> [VAR=val...]
    local K="$1" KDIR="$2" rel="$3" log="$4"; shift 4
    local tree="$W/tree"
    # the sources only: no build products of an earlier in-place build
    local excl=(--exclude=./.git --exclude=target --exclude=.kfunc --exclude='.kt-*' --exclude='*.o' --exclude='*.ko' --exclude='*.mod'
                --exclude='*.mod.c' --exclude='.*.cmd' --exclude=modules.order --exclude=Module.symvers
                --exclude='*.a' --exclude='*.rmeta' --exclude='*.rlib')
    if [ ! -d "$tree" ]; then
        mkdir -p "$tree"
        (cd "$ROOT" && tar "${excl[@]}" -cf - .) | tar -xf - -C "$tree"
    fi
    local dst="$tree/$rel"
    if [ "${rel#/}" != "$rel" ]; then # an absolute path outside the checkout
        dst="$W/ext/$(basename "$rel")-$(echo "$*" | md5sum | cut -c1-8)"
        rm -rf "$dst"; mkdir -p "$dst"
        (cd "$rel" && tar "${excl[@]}" -cf - .) | tar -xf - -C "$dst"
    elif [ $# -gt 0 ]; then # a variant: a sibling copy, so relative paths still work
        dst="$tree/$(dirname "$rel")/.kt-$(basename "$rel")-$(echo "$*" | md5sum | cut -c1-8)"
        rm -rf "$dst"; mkdir -p "$dst"
        (cd "$ROOT/$rel" && tar "${excl[@]}" -cf - .) | tar -xf - -C "$dst"
    fi
    BUILT_DIR="$dst"
    local btf=()
    need_kfunc_btf && btf=(KFUNC_BTF="$KFUNC_BTF")
    local KVARS wrap=()
    kt_kernel_make_vars "$KDIR"
    kt_kernel_wrap "$KDIR"
    echo "${wrap[*]}${wrap[*]:+ }make -C $dst KDIR=$KDIR ${KVARS[*]} ${btf[*]} $*" > "$log"
    KFUNC_KIT_BIND="$W:$ROOT:$(dirname "${KFUNC_BTF:-/}")" \
        "${wrap[@]}" make -C "$dst" KDIR="$KDIR" "${KVARS[@]}" "${btf[@]}" "$@" >> "$log" 2>&1
}

# The command a tree's module builds run under: a distribution kit
# (scripts/debian-kit.sh) builds in its toolchain's root, through <kit>/enter
# (its stamp's wrap=); a tree this machine built needs none. Sets the
# caller's array `wrap`.
kt_kernel_wrap() { # <KDIR>
    local w=""
    [ -f "$1/.kfunc-build-stamp" ] && w="$(sed -n 's/^wrap=//p' "$1/.kfunc-build-stamp")"
    wrap=()
    if [ -n "$w" ]; then wrap=("$w"); fi
}

# Compile one BPF program against $W/include (vmlinux.h, kfunc headers) and
# the source's own directory, for the architecture in KT_ARCH (x86_64 unless
# set): kt_build_bpf <src.c> <out.o> <log> [cflags...]
kt_build_bpf() {
    local src="$1" out="$2" log="$3" tarch=x86; shift 3
    [ "${KT_ARCH:-x86_64}" = arm64 ] && tarch=arm64
    clang-19 -g -O2 -target bpf -D__TARGET_ARCH_$tarch -Wall -Wno-unused-function \
        -I"$W/include" -I"$(dirname "$src")" "$@" -c "$src" -o "$out" > "$log" 2>&1
}

# Pack the busybox initramfs: guest/init + guest/kt.sh, <cases> as /cases,
# kload, $W/mod/*.ko under /mod, $W/bpf/*.o under /bpf; busybox for the tree's
# architecture. kt_pack_initramfs <KDIR> <cases> <loader> <out.gz> <log>
kt_pack_initramfs() {
    local KDIR="$1" cases="$2" loader="$3" out="$4" log="$5" spec="$W/initramfs.list" f bb
    bb="$(kt_busybox "$(kt_tree_arch "$KDIR")" 2> "$log")" || return 1
    {
        echo "dir /bin 0755 0 0"; echo "dir /dev 0755 0 0"; echo "dir /proc 0755 0 0"
        echo "dir /sys 0755 0 0"; echo "dir /tmp 0755 0 0"; echo "dir /mod 0755 0 0"
        echo "dir /bpf 0755 0 0"; echo "dir /sbin 0755 0 0"; echo "dir /usr 0755 0 0"
        echo "dir /usr/bin 0755 0 0"; echo "dir /usr/sbin 0755 0 0"
        echo "nod /dev/console 0600 0 0 c 5 1"
        echo "file /init $HERE/guest/init 0755 0 0"
        echo "file /kt.sh $HERE/guest/kt.sh 0644 0 0"
        echo "file /cases $cases 0644 0 0"
        echo "file /bin/busybox $bb 0755 0 0"
        echo "file /bin/kload $loader 0755 0 0"
        for f in "$W"/mod/*.ko; do [ -f "$f" ] && echo "file /mod/$(basename "$f") $f 0644 0 0"; done
        for f in "$W"/bpf/*.o; do [ -f "$f" ] && echo "file /bpf/$(basename "$f") $f 0644 0 0"; done
    } > "$spec"
    "$KDIR/usr/gen_init_cpio" "$spec" 2> "$log" | gzip -1 > "$out" && [ -s "$out" ]
}

# Boot the kernel with an initramfs under `timeout`; the serial console goes
# to $W/serial.raw and, without CRs, $W/serial.log. Returns qemu's exit
# status (124/137: timed out). x86_64 trees boot in qemu-system-x86_64's pc
# machine (with the qboot firmware), arm64 trees in qemu-system-aarch64's
# virt machine (cortex-a57);
# an SMP kernel gets 2 CPUs, a KASAN one 1 GiB of memory. TCG unless
# KFUNC_QEMU_KVM=1 (x86_64 only): nested KVM on CI machines of this kind
# hangs the guest. KFUNC_QEMU_APPEND: more words for the kernel command line
# (scripts/bench-kernel.sh gives the TSC frequency).
# kt_boot <KDIR> <initramfs.gz> <timeout-seconds>
kt_boot() {
    local KDIR="$1" cpus=1 mem=512 qemu
    grep -q '^CONFIG_SMP=y' "$KDIR/.config" 2>/dev/null && cpus=2
    grep -q '^CONFIG_KASAN=y' "$KDIR/.config" 2>/dev/null && mem=1024
    if [ "$(kt_tree_arch "$KDIR")" = arm64 ]; then
        qemu=(qemu-system-aarch64 -machine virt -cpu cortex-a57 -kernel "$KDIR/arch/arm64/boot/Image"
              -append "console=ttyAMA0 panic=-1 loglevel=3${KFUNC_QEMU_APPEND:+ $KFUNC_QEMU_APPEND}")
    else
        local accel=tcg
        [ "${KFUNC_QEMU_KVM:-0}" = 1 ] && accel=kvm:tcg
        # qboot (package qemu-system-data): its MP table lists every CPU, so a
        # kernel without ACPI (tinyconfig) brings up both; SeaBIOS's lists one.
        qemu=(qemu-system-x86_64 -machine "accel=$accel" -bios /usr/share/qemu/qboot.rom
              -kernel "$KDIR/arch/x86/boot/bzImage" -append "console=ttyS0 panic=-1 loglevel=3${KFUNC_QEMU_APPEND:+ $KFUNC_QEMU_APPEND}")
    fi
    timeout --kill-after=10 "$3" "${qemu[@]}" -m "$mem" -smp "$cpus" -nographic -no-reboot \
        -initrd "$2" < /dev/null > "$W/serial.raw" 2>&1
    local qrc=$?
    tr -d '\r' < "$W/serial.raw" > "$W/serial.log"
    return $qrc
}

# What must never appear in a guest's kernel log (the list guest/kt.sh
# checks after each case, applied again to the whole log at the end): KASAN
# reports ("BUG: KASAN: ..."), lockdep splats ("WARNING: possible circular
# locking dependency", "WARNING: possible recursive locking", "INFO:
# possible ...", lockdep turning itself off), "BUG: sleeping function called
# from invalid context", any other BUG: / WARNING:, oopses and panics.
KT_DMESG_BAD='WARNING:|BUG:|Oops|Call Trace|kernel panic|Kernel panic|panicked|INFO: possible|lockdep is turned off|DEBUG_LOCKS_WARN_ON|UBSAN:|general protection fault'

# The bad lines of a guest's whole kernel log: the full dmesg the guest
# printed at its end (KT-DMESG lines) and the console's own kernel messages
# (which still hold a report when the guest died before printing its dmesg).
# kt_dmesg_bad <serial.log>: prints them; non-zero status if there are none.
kt_dmesg_bad() {
    { sed -n 's/^KT-DMESG //p' "$1"; grep -av '^KT-' "$1"; } | grep -aE "$KT_DMESG_BAD"
}
