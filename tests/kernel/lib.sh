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

# The static guest loader (libbpf + libelf + zlib; zstd only if this libelf
# needs it): kt_build_loader <output>
kt_build_loader() {
    local libs=(-lbpf -lelf -lz)
    if ! gcc -O2 -Wall -Wno-format-truncation -static -o "$1" "$HERE/loader/kload.c" "${libs[@]}" 2>/dev/null; then
        gcc -O2 -Wall -Wno-format-truncation -static -o "$1" "$HERE/loader/kload.c" "${libs[@]}" -lzstd
    fi
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
    [ ${#KVARS[@]} -gt 0 ] || KVARS=(LLVM=-19 ARCH=x86_64 RUSTC=/usr/bin/rustc)
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
    local KVARS
    kt_kernel_make_vars "$KDIR"
    echo "make -C $dst KDIR=$KDIR ${KVARS[*]} ${btf[*]} $*" > "$log"
    make -C "$dst" KDIR="$KDIR" "${KVARS[@]}" "${btf[@]}" "$@" >> "$log" 2>&1
}

# Compile one BPF program against $W/include (vmlinux.h, kfunc headers) and
# the source's own directory: kt_build_bpf <src.c> <out.o> <log> [cflags...]
kt_build_bpf() {
    local src="$1" out="$2" log="$3"; shift 3
    clang-19 -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Wno-unused-function \
        -I"$W/include" -I"$(dirname "$src")" "$@" -c "$src" -o "$out" > "$log" 2>&1
}

# Pack the busybox initramfs: guest/init + guest/kt.sh, <cases> as /cases,
# kload, $W/mod/*.ko under /mod, $W/bpf/*.o under /bpf.
# kt_pack_initramfs <KDIR> <cases> <loader> <out.gz> <log>
kt_pack_initramfs() {
    local KDIR="$1" cases="$2" loader="$3" out="$4" log="$5" spec="$W/initramfs.list" f
    {
        echo "dir /bin 0755 0 0"; echo "dir /dev 0755 0 0"; echo "dir /proc 0755 0 0"
        echo "dir /sys 0755 0 0"; echo "dir /tmp 0755 0 0"; echo "dir /mod 0755 0 0"
        echo "dir /bpf 0755 0 0"; echo "dir /sbin 0755 0 0"; echo "dir /usr 0755 0 0"
        echo "dir /usr/bin 0755 0 0"; echo "dir /usr/sbin 0755 0 0"
        echo "nod /dev/console 0600 0 0 c 5 1"
        echo "file /init $HERE/guest/init 0755 0 0"
        echo "file /kt.sh $HERE/guest/kt.sh 0644 0 0"
        echo "file /cases $cases 0644 0 0"
        echo "file /bin/busybox /bin/busybox 0755 0 0"
        echo "file /bin/kload $loader 0755 0 0"
        for f in "$W"/mod/*.ko; do [ -f "$f" ] && echo "file /mod/$(basename "$f") $f 0644 0 0"; done
        for f in "$W"/bpf/*.o; do [ -f "$f" ] && echo "file /bpf/$(basename "$f") $f 0644 0 0"; done
    } > "$spec"
    "$KDIR/usr/gen_init_cpio" "$spec" 2> "$log" | gzip -1 > "$out" && [ -s "$out" ]
}

# Boot the kernel with an initramfs under `timeout`; the serial console goes
# to $W/serial.raw and, without CRs, $W/serial.log. Returns qemu's exit
# status (124/137: timed out). TCG unless KFUNC_QEMU_KVM=1: nested KVM on
# CI machines of this kind hangs the guest. KFUNC_QEMU_APPEND: more words for
# the kernel command line (scripts/bench-kernel.sh gives the TSC frequency).
# kt_boot <KDIR> <initramfs.gz> <timeout-seconds>
kt_boot() {
    local accel=tcg
    [ "${KFUNC_QEMU_KVM:-0}" = 1 ] && accel=kvm:tcg
    timeout --kill-after=10 "$3" qemu-system-x86_64 -machine "accel=$accel" -m 512 -smp 1 \
        -nographic -no-reboot -kernel "$1/arch/x86/boot/bzImage" -initrd "$2" \
        -append "console=ttyS0 panic=-1 loglevel=3${KFUNC_QEMU_APPEND:+ $KFUNC_QEMU_APPEND}" \
        < /dev/null > "$W/serial.raw" 2>&1
    local qrc=$?
    tr -d '\r' < "$W/serial.raw" > "$W/serial.log"
    return $qrc
}
