#!/bin/bash
# The real-kernel tests: Rust kfuncs registered by a module in a booted Linux
# and called by verified BPF programs. This is the one command CI runs.
#
#   tests/kernel/run.sh [variant ...]      (default: every variant)
#   tests/kernel/run.sh --list [variant]   (the case names; builds nothing)
#
# The kernel variants (Linux version, architecture, compiler, options) are
# listed in tests/kernel/variants (`build-kernel.sh --list`). For each: build
# it (cached, see build-kernel.sh), build the example modules through kbuild/
# as a user would, build the BPF programs and the static loader for its
# architecture, pack a busybox initramfs, boot QEMU under `timeout`, and
# report every case of cases/<variant>.cases, then the check of the guest's
# whole kernel log (dmesg:final):
#     PASS <variant> <case>
#     FAIL <variant> <case>: <reason>
# then "variants: ..." and "N passed, M failed" alone on the last line; the exit
# status is non-zero if anything failed. Details of failures go to stderr;
# every artefact and log stays under $KFUNC_TEST_OUT (default:
# target/kernel-tests).
#
# Environment: KFUNC_CACHE (kernel builds, sources, bindgen; default
# ~/.cache/kfunc), KFUNC_TEST_OUT, KFUNC_QEMU_TIMEOUT (seconds per guest,
# default 600: the KASAN + lockdep guest is slow under TCG), KFUNC_SKIP_APT=1 (do not call apt-get), JOBS, KFUNC_CASES_DIR
# (another directory of <kernel>.cases files; paths in them may be absolute),
# KFUNC_QEMU_KVM=1 (use KVM).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
OUT="${KFUNC_TEST_OUT:-$ROOT/target/kernel-tests}"
QEMU_TIMEOUT="${KFUNC_QEMU_TIMEOUT:-600}"
export KFUNC_CACHE="$CACHE"
KERNELS=("$@")
mapfile -t ALL_VARIANTS < <("$HERE/build-kernel.sh" --list)

PASSED=0
FAILED=0
declare -A VPASS=() VFAIL=() # per variant (or "host")
pass() { echo "PASS $1 $2"; PASSED=$((PASSED + 1)); VPASS[$1]=$((${VPASS[$1]:-0} + 1)); }
fail() { echo "FAIL $1 $2: $3"; FAILED=$((FAILED + 1)); VFAIL[$1]=$((${VFAIL[$1]:-0} + 1)); }
note() { echo "run.sh: $*" >&2; }
# now, since, detail, build_module, kt_build_loader, kt_build_bpf,
# kt_pack_initramfs, kt_boot (shared with scripts/demo.sh)
. "$HERE/lib.sh"

mkdir -p "$OUT"

# --- packages --------------------------------------------------------------------
# One list for the whole project: scripts/install-deps.sh (Debian packages,
# bindgen-cli); KFUNC_SKIP_APT=1 makes it only check.
ensure_packages() { "$ROOT/scripts/install-deps.sh"; }

# --- host tools --------------------------------------------------------------------
# The static loader (libbpf + libelf + zlib; zstd only if this libelf needs
# it), once per guest architecture: $OUT/kload-<arch>. need_loader <arch>
# reports its build (case host build:loader:<arch>) and fails if unusable.
declare -A LOADER_OK=()
need_loader() {
    local arch="$1"
    if [ -z "${LOADER_OK[$arch]:-}" ]; then
        if kt_build_loader "$OUT/kload-$arch" "$arch" > "$OUT/loader-$arch.log" 2>&1; then
            LOADER_OK[$arch]=1; pass host "build:loader:$arch"
        else
            LOADER_OK[$arch]=0
            fail host "build:loader:$arch" "building tests/kernel/loader/kload.c for $arch failed (see $OUT/loader-$arch.log)"
            detail "$OUT/loader-$arch.log"
        fi
    fi
    [ "${LOADER_OK[$arch]}" = 1 ]
}

# The host tool (kfunc-btf), built once from the checkout and handed to the
# module builds (KFUNC_BTF, a documented kbuild/kfunc.mk variable) and to the
# `header` directives.
KFUNC_BTF="$OUT/kbuild-host/release/kfunc-btf"
KFUNC_BTF_OK=""
need_kfunc_btf() {
    if [ -z "$KFUNC_BTF_OK" ]; then
        KFUNC_BTF_OK=0
        kt_cargo_kfunc_btf "$OUT/kbuild-host" > "$OUT/kfunc-btf.log" 2>&1 && KFUNC_BTF_OK=1
        if [ "$KFUNC_BTF_OK" = 1 ]; then pass host build:kfunc-btf
        else fail host build:kfunc-btf "cargo build -p kfunc-btf failed (see $OUT/kfunc-btf.log)"
             detail "$OUT/kfunc-btf.log"; fi
    fi
    [ "$KFUNC_BTF_OK" = 1 ]
}

# --- the case file -------------------------------------------------------------------
# Reads cases/<kernel>.cases (with `include`s) into CASE_LINES (one entry per
# directive, the original shell-quoted text).
CASE_LINES=()
read_cases() {
    local file="$1" line
    [ -f "$file" ] || { echo "case file $file missing"; return 1; }
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line#"${line%%[![:space:]]*}"}"
        case "$line" in ''|'#'*) continue ;; esac
        if [[ "$line" == include\ * ]]; then
            local inc
            eval "inc=${line#include }"
            read_cases "$(dirname "$file")/$inc" || return 1
        else
            CASE_LINES+=("$line")
        fi
    done < "$file"
}

# --- building the example modules ----------------------------------------------------
# build_module (lib.sh) builds an example module directory the way its README
# tells a user to (the hook agreed in examples/README.md), in a copy of the
# checkout's sources under the work dir.

# --- one kernel variant -----------------------------------------------------------------
run_kernel() {
    local K="$1" t0 KDIR line
    W="$OUT/$K"
    rm -rf "$W"; mkdir -p "$W/include" "$W/bpf" "$W/mod" "$W/logs"

    t0=$(now)
    if KDIR=$("$HERE/build-kernel.sh" "$K" 2> "$W/logs/kernel-build.log" | tail -1) && [ -f "$KDIR/vmlinux" ]; then
        KT_ARCH="$(kt_tree_arch "$KDIR")"
        note "$K: kernel ready in $(since "$t0") s ($KDIR, $KT_ARCH)"
    else
        fail "$K" build:kernel "build-kernel.sh $K failed (see $W/logs/kernel-build.log)"
        detail "$W/logs/kernel-build.log" 40
        return
    fi

    CASE_LINES=()
    local err
    local cfile="${KFUNC_CASES_DIR:-$HERE/cases}/$K.cases"
    if ! err=$(read_cases "$cfile"); then
        fail "$K" cases "$err"; return
    fi
    read_cases "$cfile"

    bpftool btf dump file "$KDIR/vmlinux" format c > "$W/include/vmlinux.h" 2> "$W/logs/vmlinux.h.log" ||
        { fail "$K" build:vmlinux.h "bpftool btf dump failed"; detail "$W/logs/vmlinux.h.log"; }

    need_kfunc_btf || true

    # Host-side directives, in file order. Guest cases go to $W/cases.
    local guest_names=() setup_ok=1 t_mod=0 t_bpf=0
    : > "$W/cases"
    for line in "${CASE_LINES[@]}"; do
        eval "set -- $line"
        local kind="$1"; shift
        case "$kind" in
        module) # module <alias> <dir> [VAR=val...]
            local alias="$1" dir="$2"; shift 2
            t0=$(now)
            if build_module "$K" "$KDIR" "$dir" "$W/logs/module-$alias.log" "$@"; then
                local kos=("$BUILT_DIR"/*.ko) ko=""
                if [ ${#kos[@]} -eq 1 ] && [ -f "${kos[0]}" ]; then ko="${kos[0]}"
                elif [ -f "$BUILT_DIR/$alias.ko" ]; then ko="$BUILT_DIR/$alias.ko"; fi
                if [ -n "$ko" ]; then
                    cp "$ko" "$W/mod/$alias.ko"
                    pass "$K" "build:$alias"
                else
                    fail "$K" "build:$alias" "no .ko (or several, none named $alias.ko) in $dir"; setup_ok=0
                fi
            else
                fail "$K" "build:$alias" "make -C $dir KDIR=... failed (see $W/logs/module-$alias.log)"
                detail "$W/logs/module-$alias.log"; setup_ok=0
            fi
            t_mod=$(awk -v a="$t_mod" -v b="$(since "$t0")" 'BEGIN { print a + b }') ;;
        header) # header <alias> <file.h>: kfunc-btf header of the module's .ko
            if ! { need_kfunc_btf && "$KFUNC_BTF" header "$W/mod/$1.ko" --base "$KDIR/vmlinux"; } \
                    > "$W/include/$2" 2> "$W/logs/header-$2.log"; then
                fail "$K" "build:header:$2" "kfunc-btf header $1.ko failed"; detail "$W/logs/header-$2.log"
                detail "$W/include/$2"; setup_ok=0
            fi ;;
        bpf) # bpf <src.bpf.c> [cflags...]: -> bpf/<name>.o (name = file name minus .bpf.c / .c)
            local src="$1"; shift
            case "$src" in /*) ;; *) src="$ROOT/$src" ;; esac
            local name; name="$(basename "$src")"; name="${name%.c}"; name="${name%.bpf}"
            t0=$(now)
            if kt_build_bpf "$src" "$W/bpf/$name.o" "$W/logs/bpf-$name.log" "$@"; then
                pass "$K" "build:bpf:$name"
            else
                fail "$K" "build:bpf:$name" "clang-19 -target bpf $src failed"; detail "$W/logs/bpf-$name.log"
                setup_ok=0
            fi
            t_bpf=$(awk -v a="$t_bpf" -v b="$(since "$t0")" 'BEGIN { print a + b }') ;;
        host) # host <name> build-fails <dir> <substring> [VAR=val...]
              # host <name> no-call <alias> <func>...
              # host <name> provoke <crashtype> <substring>
              # host <name> script <path> [args...]
            local cname="$1" ckind="$2"; shift 2
            case "$ckind" in
            build-fails)
                local dir="$1" want="$2"; shift 2
                if build_module "$K" "$KDIR" "$dir" "$W/logs/host-$cname.log" "$@"; then
                    fail "$K" "$cname" "building $dir succeeded, expected a failure"
                elif grep -Fq -- "$want" "$W/logs/host-$cname.log"; then
                    pass "$K" "$cname"
                else
                    fail "$K" "$cname" "build of $dir failed without \"$want\""
                    detail "$W/logs/host-$cname.log"
                fi ;;
            no-call) # no-call <alias> <func>...: the functions' code calls nothing
                # but the kernel's own instrumentation (KASAN, ftrace, sanitizers).
                local alias="$1"; shift
                local ko="$W/mod/$alias.ko" f bad="" dis="$W/logs/host-$cname.objdump"
                if ! [ -f "$ko" ]; then
                    fail "$K" "$cname" "$alias.ko was not built"
                else
                    : > "$dis"
                    for f in "$@"; do
                        # The function's disassembly with relocations: from its
                        # label to the next blank line (llvm-objdump: every
                        # architecture of the matrix, not only the host's).
                        llvm-objdump-19 -dr --no-show-raw-insn "$ko" |
                            awk -v f="<$f>:" '$2 == f { on = 1 } on { print } on && NF == 0 { exit }' > "$dis.one"
                        cat "$dis.one" >> "$dis"
                        if ! [ -s "$dis.one" ]; then bad="$bad $f(missing)"; continue; fi
                        # A call (x86 call, arm64 bl/blr) is allowed only when its
                        # relocation names an instrumentation hook.
                        if ! awk '
                            pending && /R_(X86_64|AARCH64)_/ {
                                sym = $NF; sub(/[-+].*/, "", sym)
                                if (sym !~ /^(__asan_|__kasan_|__fentry__|__sanitizer_cov_|__tsan_|__ubsan_)/) bad = 1
                                pending = 0; next
                            }
                            pending { bad = 1; pending = 0 }
                            /[[:space:]](call|callq|bl|blr)[[:space:]]/ { pending = 1 }
                            END { if (pending) bad = 1; exit bad }' "$dis.one"; then
                            bad="$bad $f"
                        fi
                    done
                    rm -f "$dis.one"
                    if [ -z "$bad" ]; then pass "$K" "$cname"
                    else fail "$K" "$cname" "calls in:$bad (see $dis)"; detail "$dis" 60; fi
                fi ;;
            provoke) # provoke <crashtype> <substring>: a guest of its own
                # runs LKDTM's <crashtype>, which a hardening option of the
                # variant (kCFI, ...) must stop: the kernel log has
                # <substring>, LKDTM's "FAIL: survived" does not appear, and
                # the guest goes on to its end (only the writer was killed).
                local crash="$1" want="$2" pw="$W/provoke-$cname"
                mkdir -p "$pw"
                printf '%s\n' "provoke-$cname provoke $crash" > "$pw/cases"
                if ! need_loader "$KT_ARCH"; then
                    fail "$K" "$cname" "no loader"
                else
                    # lib.sh's packing and boot work in $W: this guest's own
                    # directory (no modules, no BPF objects), then back.
                    local saved_w="$W" packed=0
                    W="$pw"
                    if kt_pack_initramfs "$KDIR" "$pw/cases" "$OUT/kload-$KT_ARCH" "$pw/initramfs.gz" "$pw/initramfs.log"; then
                        packed=1; kt_boot "$KDIR" "$pw/initramfs.gz" "$QEMU_TIMEOUT"
                    fi
                    W="$saved_w"
                    if [ "$packed" = 0 ]; then
                        fail "$K" "$cname" "packing its initramfs failed"; detail "$pw/initramfs.log"
                    elif grep -aq "FAIL: survived" "$pw/serial.log"; then
                        fail "$K" "$cname" "LKDTM $crash was not stopped: $(grep -a 'FAIL: survived' "$pw/serial.log" | head -1)"
                    elif ! grep -aFq -- "$want" "$pw/serial.log"; then
                        fail "$K" "$cname" "the kernel log of LKDTM $crash lacks \"$want\" (see $pw/serial.log)"
                        grep -av '^KT-' "$pw/serial.log" | tail -20 | sed 's/^/    | /' >&2
                    elif ! grep -aq "^KT-DONE " "$pw/serial.log"; then
                        fail "$K" "$cname" "the guest did not go on after LKDTM $crash (see $pw/serial.log)"
                    else
                        pass "$K" "$cname"
                    fi
                fi ;;
            script) # script <path> [args...]: a host check of its own (a
                # script of the checkout, run with KDIR and KFUNC_CACHE set);
                # passes if it exits 0
                local script="$1"; shift
                case "$script" in /*) ;; *) script="$ROOT/$script" ;; esac
                if KDIR="$KDIR" "$script" "$@" > "$W/logs/host-$cname.log" 2>&1; then
                    pass "$K" "$cname"
                else
                    fail "$K" "$cname" "$script $* failed (see $W/logs/host-$cname.log)"
                    detail "$W/logs/host-$cname.log"
                fi ;;
            *) fail "$K" "$cname" "unknown host case kind $ckind" ;;
            esac ;;
        case) # case <name> <kind> <args...>: runs in the guest
            local n dup=0
            for n in "${guest_names[@]}"; do [ "$n" = "$1" ] && dup=1; done
            if [ "$dup" = 1 ]; then fail "$K" "$1" "duplicate case name in the case files"; continue; fi
            guest_names+=("$1")
            printf '%s\n' "${line#case }" >> "$W/cases" ;;
        *)
            fail "$K" cases "unknown directive: $line" ;;
        esac
    done
    note "$K: modules built in ${t_mod} s, BPF programs in ${t_bpf} s"

    [ ${#guest_names[@]} -gt 0 ] || return
    if ! need_loader "$KT_ARCH"; then
        for line in "${guest_names[@]}"; do fail "$K" "$line" "no loader"; done
        return
    fi

    # --- initramfs -----------------------------------------------------------------
    if ! kt_pack_initramfs "$KDIR" "$W/cases" "$OUT/kload-$KT_ARCH" "$W/initramfs.gz" "$W/logs/initramfs.log"; then
        fail "$K" build:initramfs "packing the initramfs failed"; detail "$W/logs/initramfs.log"; return
    fi

    # --- boot ------------------------------------------------------------------------
    t0=$(now)
    kt_boot "$KDIR" "$W/initramfs.gz" "$QEMU_TIMEOUT"
    local qrc=$?
    note "$K: guest ran in $(since "$t0") s (qemu exit $qrc, log $W/serial.log)"

    local name res reason
    for name in "${guest_names[@]}"; do
        res=$(awk -v p="KT-CASE $name " 'index($0, p) == 1 { print; exit }' "$W/serial.log")
        case "$res" in
        "KT-CASE $name PASS"*) pass "$K" "$name" ;;
        "KT-CASE $name FAIL"*)
            reason="${res#"KT-CASE $name FAIL"}"; reason="${reason# }"
            fail "$K" "$name" "${reason:-failed}"
            awk -v p="KT-OUT $name: " 'index($0, p) == 1 { print "    | " substr($0, length(p) + 1) }' \
                "$W/serial.log" | tail -40 >&2 ;;
        *)
            if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then reason="no result: the guest timed out after ${QEMU_TIMEOUT} s"
            else reason="no result: the guest stopped before this case"; fi
            fail "$K" "$name" "$reason" ;;
        esac
    done
    if grep -aq "^KT-DONE " "$W/serial.log"; then
        pass "$K" guest:done
    else
        fail "$K" guest:done "no KT-DONE marker (qemu exit $qrc; see $W/serial.log)"
        grep -av '^KT-' "$W/serial.log" | tail -30 | sed 's/^/    | /' >&2
    fi
    # The whole kernel log of the run: no KASAN report, lockdep splat, BUG,
    # WARNING, oops (lib.sh: KT_DMESG_BAD), whatever the cases said.
    local bad
    if bad="$(kt_dmesg_bad "$W/serial.log")"; then
        fail "$K" dmesg:final "$(printf '%s\n' "$bad" | head -1)"
        printf '%s\n' "$bad" | head -20 | sed 's/^/    | /' >&2
    elif ! grep -aq "^KT-DMESG " "$W/serial.log"; then
        fail "$K" dmesg:final "the guest printed no dmesg (see $W/serial.log)"
    else
        pass "$K" dmesg:final
    fi
}

if [ "${KERNELS[0]:-}" = --list ]; then # print the case names, build nothing
    KERNELS=("${KERNELS[@]:1}")
    [ ${#KERNELS[@]} -gt 0 ] || KERNELS=("${ALL_VARIANTS[@]}")
    for K in "${KERNELS[@]}"; do
        CASE_LINES=()
        read_cases "${KFUNC_CASES_DIR:-$HERE/cases}/$K.cases" || continue
        for line in "${CASE_LINES[@]}"; do
            eval "set -- $line"
            case "$1" in
            module) echo "$K build:$2" ;;
            bpf) n="$(basename "$2")"; n="${n%.c}"; echo "$K build:bpf:${n%.bpf}" ;;
            host|case) echo "$K $2" ;;
            esac
        done
        echo "$K guest:done"
        echo "$K dmesg:final"
    done
    exit 0
fi
[ ${#KERNELS[@]} -gt 0 ] || KERNELS=("${ALL_VARIANTS[@]}")

if ensure_packages > "$OUT/apt.log" 2>&1; then :; else
    fail host packages "apt-get install failed (see $OUT/apt.log)"; detail "$OUT/apt.log"
fi

for K in "${KERNELS[@]}"; do
    known=0
    for v in "${ALL_VARIANTS[@]}"; do [ "$v" = "$K" ] && known=1; done
    if [ "$known" = 1 ]; then run_kernel "$K"
    else fail "$K" variant "unknown kernel variant (tests/kernel/variants has: ${ALL_VARIANTS[*]})"; fi
done

for K in "${KERNELS[@]}"; do
    echo "$K: ${VPASS[$K]:-0} passed, ${VFAIL[$K]:-0} failed"
done
echo "variants: ${KERNELS[*]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
