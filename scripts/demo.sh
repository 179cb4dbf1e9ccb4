#!/usr/bin/env bash
# The demo (README "Run the demo"): Rust kfuncs called by BPF programs in a
# booted Linux.
#
#   ./scripts/demo.sh                          # Debian's Linux 7.3, built once and cached
#   KFUNC_DEMO_VARIANT=7.3-debian ./scripts/demo.sh   # Debian's own 7.3 image, as shipped
#   KDIR=/path/to/your/built/kernel ./scripts/demo.sh
#
# 1. installs what it needs (scripts/install-deps.sh);
# 2. builds Debian's Linux 7.3 with Rust, BPF and BTF (tests/kernel/
#    build-kernel.sh 7.3, cached in ${KFUNC_CACHE:-~/.cache/kfunc}), or takes
#    the tree in KDIR (it must be built, with CONFIG_RUST and
#    CONFIG_DEBUG_INFO_BTF_MODULES, and bootable by QEMU: bzImage, initramfs);
# 3. builds examples/kfunc_demo through kbuild/ as a user does
#    (`make -C examples/kfunc_demo KDIR=... LLVM=-19 RUSTC=...`, with the
#    toolchain variables the tree was built with), in a copy of the sources;
# 4. shows `kfunc-btf inspect` of the .ko, writes its header, builds the BPF
#    programs of examples/kfunc_demo/bpf/;
# 5. boots the kernel in QEMU (TCG, under `timeout`), loads the module, runs
#    the programs and prints what each got back from each Rust kfunc, and
#    what the verifier said about programs that misuse them.
# Exit status non-zero if any step failed or any result was not the expected
# one. Everything (logs, the module, the BPF objects, the serial console)
# stays under $KFUNC_DEMO_OUT (default target/demo).
#
# Environment: KDIR, KFUNC_DEMO_VARIANT (a variant of tests/kernel/variants,
# default 7.3; 7.3-debian: Debian's unmodified image, modules built through
# its kit), KFUNC_DEMO_OUT, KFUNC_CACHE, KFUNC_QEMU_TIMEOUT (default
# 300 s), KFUNC_QEMU_KVM=1, KFUNC_DEMO_MAKEVARS (the toolchain variables of a
# KDIR tree not built by build-kernel.sh, e.g. "LLVM=1 RUSTC=/opt/rustc";
# default: read from its stamp, else guessed from its .config).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/tests/kernel"
OUT="${KFUNC_DEMO_OUT:-$ROOT/target/demo}"
QEMU_TIMEOUT="${KFUNC_QEMU_TIMEOUT:-300}"
W="$OUT/work"
. "$HERE/lib.sh"

T_START=$(now)
FAILS=0
step() { printf '\n== %s\n' "$*"; }
info() { echo "   $*"; }
die() { echo "demo: ERROR: $*" >&2; echo "demo: FAILED (logs under $OUT)" >&2; exit 1; }
indent() { sed 's/^/   /'; }
rel() { local p="$1"; p="${p/#$ROOT\//}"; echo "${p/#$HOME/\~}"; }

mkdir -p "$OUT"
rm -rf "$W"; mkdir -p "$W/include" "$W/bpf" "$W/mod" "$W/logs"

# --- 1. set-up ---------------------------------------------------------------------
step "Set-up (scripts/install-deps.sh)"
t0=$(now)
"$ROOT/scripts/install-deps.sh" > "$W/logs/install-deps.log" 2>&1 ||
    { detail "$W/logs/install-deps.log"; die "scripts/install-deps.sh failed"; }
info "packages and bindgen-cli present ($(since "$t0") s)"

# --- 2. the kernel -----------------------------------------------------------------
# A tree the user built: what the demo needs of it, all missing things at once.
check_tree() {
    local k="$1" miss=() opt f
    [ -d "$k" ] || die "KDIR=$k is not a directory"
    [ -f "$k/.config" ] || die "KDIR=$k has no .config: not a configured kernel build tree"
    for opt in CONFIG_RUST CONFIG_DEBUG_INFO_BTF CONFIG_DEBUG_INFO_BTF_MODULES CONFIG_MODULES \
               CONFIG_BPF_SYSCALL CONFIG_BLK_DEV_INITRD; do
        grep -q "^$opt=y" "$k/.config" || miss+=("$opt=y (the .config has: $(grep -E "^(# )?$opt[= ]" "$k/.config" || echo nothing))")
    done
    for f in vmlinux Module.symvers rust/libkernel.rmeta arch/x86/boot/bzImage usr/gen_init_cpio; do
        [ -e "$k/$f" ] || miss+=("$f (build the tree: make ... bzImage modules)")
    done
    if [ ${#miss[@]} -gt 0 ]; then
        echo "demo: KDIR=$k cannot run the demo; missing:" >&2
        printf '  - %s\n' "${miss[@]}" >&2
        echo "  (CONFIG_RUST and CONFIG_DEBUG_INFO_BTF_MODULES for a Rust module with kfunc BTF;" \
             "vmlinux for its BTF base; bzImage, BLK_DEV_INITRD and usr/gen_init_cpio to boot it in QEMU)" >&2
        exit 1
    fi
}
# The toolchain variables of a tree build-kernel.sh did not build: LLVM from
# the compiler in the .config, RUSTC the rustc whose version the .config
# recorded.
guess_make_vars() {
    local k="$1" vars=(ARCH=x86_64) cl want r
    if grep -q '^CONFIG_CC_IS_CLANG=y' "$k/.config"; then
        cl=$(sed -n 's/^CONFIG_CLANG_VERSION=//p' "$k/.config")
        if [ -n "$cl" ] && command -v "clang-$((cl / 10000))" > /dev/null; then vars+=("LLVM=-$((cl / 10000))")
        else vars+=(LLVM=1); fi
    fi
    want=$(sed -n 's/^CONFIG_RUSTC_VERSION_TEXT="\(.*\)"$/\1/p' "$k/.config")
    for r in ${RUSTC:-} /usr/bin/rustc "$(command -v rustc)"; do
        [ -x "$r" ] && [ "$("$r" --version 2>/dev/null)" = "$want" ] && { vars+=(RUSTC="$r"); break; }
    done
    echo "${vars[*]}"
}

t0=$(now)
VARIANT="${KFUNC_DEMO_VARIANT:-7.3}"
if [ -z "${KDIR:-}" ] && grep -Eq "^$VARIANT[[:space:]]+[^[:space:]]+[[:space:]]+[^[:space:]]+[[:space:]]+debian[[:space:]]" "$HERE/variants"; then
    step "Kernel: Debian's own kernel image, unmodified, with a module build kit (variant $VARIANT: scripts/debian-kit.sh)"
    info "cached in ${KFUNC_CACHE:-~/.cache/kfunc}; the first kit takes about 4 min"
    KDIR=$("$HERE/build-kernel.sh" "$VARIANT" 2> "$W/logs/kernel-build.log" | tail -1) && [ -f "$KDIR/vmlinux" ] ||
        { detail "$W/logs/kernel-build.log" 40; die "making the kit failed (see $W/logs/kernel-build.log)"; }
    grep -q "cached" "$W/logs/kernel-build.log" && how=cached || how=made
elif [ -z "${KDIR:-}" ]; then
    step "Kernel: Debian's Linux source with Rust, BPF and BTF (tests/kernel/build-kernel.sh $VARIANT)"
    info "cached in ${KFUNC_CACHE:-~/.cache/kfunc}; the first build takes 8-16 min on 2 cores"
    KDIR=$("$HERE/build-kernel.sh" "$VARIANT" 2> "$W/logs/kernel-build.log" | tail -1) && [ -f "$KDIR/vmlinux" ] ||
        { detail "$W/logs/kernel-build.log" 40; die "building the kernel failed (see $W/logs/kernel-build.log)"; }
    grep -q "^build-kernel.*cached" "$W/logs/kernel-build.log" && how=cached || how=built
else
    step "Kernel: your tree, KDIR=$KDIR"
    KDIR="$(cd "$KDIR" 2> /dev/null && pwd)" || die "KDIR=$KDIR is not a directory"
    check_tree "$KDIR"
    how="given"
fi
if [ -f "$KDIR/include/config/kernel.release" ]; then KVER=$(cat "$KDIR/include/config/kernel.release")
else KVER=$(make -s -C "$KDIR" kernelversion 2> /dev/null); fi
[ -n "$KVER" ] || die "cannot tell the version of $KDIR (no include/config/kernel.release, make kernelversion failed)"
KMAJ=${KVER%%.*}; KMIN=${KVER#*.}; KMIN=${KMIN%%[!0-9]*}
if [ "$KMAJ" -lt 6 ] || { [ "$KMAJ" = 6 ] && [ "$KMIN" -lt 12 ]; }; then
    die "Linux $KVER: kfunc supports Linux 6.12 and newer"
fi
if [ -n "${KFUNC_DEMO_MAKEVARS:-}" ]; then KT_MAKE_VARS="$KFUNC_DEMO_MAKEVARS"; mv_from="KFUNC_DEMO_MAKEVARS"
elif [ -f "$KDIR/.kfunc-build-stamp" ]; then KT_MAKE_VARS=""; mv_from="the tree's build stamp"
else KT_MAKE_VARS="$(guess_make_vars "$KDIR")"; mv_from="guessed from the tree's .config (set KFUNC_DEMO_MAKEVARS to override)"; fi
export KT_MAKE_VARS
kt_kernel_make_vars "$KDIR"
T_KERNEL=$(since "$t0")
info "Linux $KVER ($how, $T_KERNEL s): $(rel "$KDIR")"
info "toolchain variables: ${KVARS[*]} ($mv_from)"
IMPLICIT=0
[ "$KMAJ" -ge 7 ] && IMPLICIT=1

# --- host tools --------------------------------------------------------------------
t0=$(now)
KFUNC_BTF="$OUT/kbuild-host/release/kfunc-btf"
kt_cargo_kfunc_btf "$OUT/kbuild-host" > "$W/logs/kfunc-btf.log" 2>&1 ||
    { detail "$W/logs/kfunc-btf.log"; die "cargo build -p kfunc-btf failed"; }
need_kfunc_btf() { [ -x "$KFUNC_BTF" ]; }
LOADER="$OUT/kload"
kt_build_loader "$LOADER" > "$W/logs/loader.log" 2>&1 ||
    { detail "$W/logs/loader.log"; die "building the guest loader (tests/kernel/loader/kload.c) failed"; }
T_TOOLS=$(since "$t0")

# --- 3. the module -----------------------------------------------------------------
step "Module: examples/kfunc_demo through kbuild/kfunc.mk"
t0=$(now)
info "\$ make -C examples/kfunc_demo KDIR=$(rel "$KDIR") ${KVARS[*]} KFUNC_BTF=$(rel "$KFUNC_BTF")"
info "  (in a copy of the sources: $(rel "$W/tree"))"
build_module "$KVER" "$KDIR" examples/kfunc_demo "$W/logs/module.log" ||
    { detail "$W/logs/module.log" 40; die "building examples/kfunc_demo failed (see $W/logs/module.log)"; }
KO="$BUILT_DIR/kfunc_demo.ko"
[ -f "$KO" ] || die "the build made no kfunc_demo.ko (see $W/logs/module.log)"
cp "$KO" "$W/mod/kfunc_demo.ko"
grep -a '^kfunc-btf: ' "$W/logs/module.log" | sed 's|: /[^ ]*/|: |' | indent
T_MODULE=$(since "$t0")
info "built in $T_MODULE s: $(rel "$W/mod/kfunc_demo.ko") ($(stat -c %s "$KO") bytes)"

step "kfunc-btf inspect kfunc_demo.ko --base vmlinux"
(cd "$W/mod" && "$KFUNC_BTF" inspect kfunc_demo.ko --base "$KDIR/vmlinux") > "$W/inspect.txt" 2>&1
irc=$?
indent < "$W/inspect.txt"
[ "$irc" = 0 ] || die "kfunc-btf inspect failed: the kernel would not register this flag table"

step "Header for BPF programs: kfunc-btf header kfunc_demo.ko > kfunc_demo_kfuncs.h"
"$KFUNC_BTF" header "$W/mod/kfunc_demo.ko" --base "$KDIR/vmlinux" > "$W/include/kfunc_demo_kfuncs.h" 2> "$W/logs/header.log" ||
    { detail "$W/logs/header.log"; die "kfunc-btf header failed"; }
grep '^extern.*__ksym' "$W/include/kfunc_demo_kfuncs.h" | indent
info "($(rel "$W/include/kfunc_demo_kfuncs.h"))"

# --- 4. the BPF programs -----------------------------------------------------------
step "BPF programs (clang-19 -target bpf, against the tree's vmlinux.h)"
t0=$(now)
bpftool btf dump file "$KDIR/vmlinux" format c > "$W/include/vmlinux.h" 2> "$W/logs/vmlinux.h.log" ||
    { detail "$W/logs/vmlinux.h.log"; die "bpftool btf dump of vmlinux failed"; }
objs=(demo demo_reject demo_adversary)
[ "$IMPLICIT" = 1 ] && objs+=(demo_implicit)
for o in "${objs[@]}"; do
    kt_build_bpf "$ROOT/examples/kfunc_demo/bpf/$o.bpf.c" "$W/bpf/$o.o" "$W/logs/bpf-$o.log" ||
        { detail "$W/logs/bpf-$o.log"; die "clang-19 -target bpf examples/kfunc_demo/bpf/$o.bpf.c failed"; }
done
info "examples/kfunc_demo/bpf/{$(IFS=,; echo "${objs[*]}")}.bpf.c -> $(rel "$W/bpf")/ ($(since "$t0") s)"
if [ "$IMPLICIT" = 0 ]; then
    info "Linux $KVER < 7.0 has no implicit kfunc arguments (KF_IMPLICIT_ARGS): the module leaves"
    info "bpf_demo_prog_id and bpf_demo_add_prog_id out (#[cfg(kfunc_kernel_has = \"implicit_args\")]),"
    info "so the programs of demo_implicit.bpf.c that call them are skipped by design."
    if grep -q 'prog_id' "$W/inspect.txt"; then
        echo "demo: the module has an implicit-args kfunc on Linux $KVER" >&2; FAILS=$((FAILS + 1))
    fi
fi

# --- 5. the guest ------------------------------------------------------------------
# Cases for guest/kt.sh (format: tests/kernel/README.md): name kind args.
RUNS=(add add_wrap obj_get_put obj_field obj_missing task_pid sleepy syscall_only sum tc_add tc_obj
      narrow_u8 narrow_bool narrow_bool_high narrow_i16 args_stack args_map args_misaligned)
declare -A EXPECT=([add]=42 [add_wrap]=2 [obj_get_put]=2007 [obj_field]=1008 [obj_missing]=1
                   [task_pid]=1 [sleepy]=42 [syscall_only]=7 [sum]=36 [tc_add]=42 [tc_obj]=3007
                   [narrow_u8]=255 [narrow_bool]=1 [narrow_bool_high]=1 [narrow_i16]=-32768
                   [args_stack]=42 [args_map]=42 [args_misaligned]=42)
IRUNS=()
[ "$IMPLICIT" = 1 ] && IRUNS=(prog_id add_prog_id tc_prog_id)
# <object>:<program>|<what the verifier log must hold>; the adversary
# programs' messages differ between 6.12 and 7.3 around "STRUCT DemoObj".
REJECTS=("demo_reject:leak|Unreleased reference"
         "demo_reject:put_no_null_check|Possibly NULL pointer passed to trusted"
         "demo_reject:value_null|Possibly NULL pointer passed to trusted"
         "demo_adversary:value_stack|STRUCT DemoObj"
         "demo_adversary:value_map|STRUCT DemoObj"
         "demo_adversary:put_ringbuf|STRUCT DemoObj")
{
    echo "insmod insmod kfunc_demo"
    echo "second-registration dmesg-has 'second registration refused (EBUSY)'"
    for p in "${RUNS[@]}"; do echo "run:$p run demo $p ${EXPECT[$p]} --globals"; done
    for p in "${IRUNS[@]}"; do echo "run:$p run demo_implicit $p @id --globals"; done
    for r in "${REJECTS[@]}"; do
        o="${r%%:*}"; p="${r#*:}"; p="${p%%|*}"
        echo "reject:$p reject $o $p '${r#*|}'"
    done
    echo "rmmod rmmod kfunc_demo"
    echo "dmesg-clean dmesg-clean"
} > "$W/cases"

step "QEMU: boot Linux $KVER, insmod kfunc_demo.ko, run the BPF programs"
kt_pack_initramfs "$KDIR" "$W/cases" "$LOADER" "$W/initramfs.gz" "$W/logs/initramfs.log" ||
    { detail "$W/logs/initramfs.log"; die "packing the initramfs failed"; }
t0=$(now)
kt_boot "$KDIR" "$W/initramfs.gz" "$QEMU_TIMEOUT"
qrc=$?
T_GUEST=$(since "$t0")
SERIAL="$W/serial.log"
booted=$(grep -ao 'KT-BOOT .*' "$SERIAL" | head -1 | cut -d' ' -f2)
info "guest: Linux ${booted:-?}, ran in $T_GUEST s (qemu exit $qrc; console: $(rel "$SERIAL"))"

# The result of guest case <name>: sets ST (PASS/FAIL/none), WHY, RET, SRET,
# PID, the globals in G[], and OUTL (its output lines).
declare -A G
result() {
    local n="$1" l
    ST=none; WHY=""; RET=""; SRET=""; PID=""; G=(); OUTL=()
    l=$(awk -v p="KT-CASE $n " 'index($0, p) == 1 { print; exit }' "$SERIAL")
    case "$l" in
    "KT-CASE $n PASS"*) ST=PASS ;;
    "KT-CASE $n FAIL"*) ST=FAIL; WHY="${l#"KT-CASE $n FAIL "}" ;;
    esac
    mapfile -t OUTL < <(awk -v p="KT-OUT $n: " 'index($0, p) == 1 { print substr($0, length(p) + 1) }' "$SERIAL")
    for l in "${OUTL[@]}"; do
        case "$l" in
        retval=*)
            read -r RET SRET PID <<< "$(echo "$l" | sed -n 's/^retval=\([0-9]*\) (\(-\{0,1\}[0-9]*\)) prog_id=\([0-9]*\)$/\1 \2 \3/p')" ;;
        "global "*=*) l="${l#global }"; G[${l%%=*}]="${l#*=}" ;;
        esac
    done
}
fail_lines() { # after result(): why it failed, and its output
    FAILS=$((FAILS + 1))
    case "$ST" in
    none) echo "      FAILED: no result (the guest did not get to it; see $(rel "$SERIAL"))" ;;
    *) echo "      FAILED: ${WHY:-failed}"
       printf '%s\n' "${OUTL[@]}" | grep -Ev '^(global |libbpf: extern|libbpf: loaded kernel BTF)' |
           tail -n 12 | sed 's/^/        | /' ;;
    esac
}

result insmod
if [ "$ST" = PASS ]; then
    info "insmod kfunc_demo.ko: $(grep -a '^KT-DMESG .*kfunc_demo' "$SERIAL" | grep -a 'registered' | head -1 | sed 's/^KT-DMESG //; s/^\[[^]]*\] //')"
else
    echo "   insmod kfunc_demo.ko:"; fail_lines
fi
result second-registration
if [ "$ST" = PASS ]; then
    info "kfunc::register called again from init: second registration refused (EBUSY), no kernel WARN"
else
    echo "   second registration:"; fail_lines
fi

# What each program did, in the words of its source (examples/kfunc_demo/bpf/).
say_run() { # <prog>
    local p="$1" hx
    case "$p" in
    add)          echo "bpf_demo_add(40, 2) = $RET" ;;
    add_wrap)     echo "bpf_demo_add(0xffffffffffffffff, 3) = ${G[add_wrap_sum]:-?}   (u64 wrapping_add)" ;;
    obj_get_put)  echo "o = bpf_demo_obj_get(2)  -> DemoObj { key: ${G[gp_key]:-?}, .. }   (a new Arc<DemoObj>, handed to the program; NULL-checked)"
                  echo "bpf_demo_obj_value(o)   = ${G[gp_value]:-?}   (borrowed as &DemoObj)"
                  echo "bpf_demo_obj_refs(2)    = ${G[gp_refs_held]:-?}   (live objects while the program holds o)"
                  echo "bpf_demo_obj_put(o);  bpf_demo_obj_refs(2) = ${G[gp_refs_after]:-?}   (the Arc taken back and dropped)"
                  echo "returned $RET" ;;
    obj_field)    echo "o = bpf_demo_obj_get(1): o->key = ${G[field_key]:-?}, o->value = ${G[field_value]:-?} (read directly); bpf_demo_obj_put(o)" ;;
    obj_missing)  if [ "$RET" = 1 ]; then echo "bpf_demo_obj_get(99) = NULL   (ret_null: no object 99)"
                  else echo "bpf_demo_obj_get(99) = not NULL (returned $SRET)"; fi ;;
    task_pid)     echo "bpf_demo_task_pid(bpf_task_from_pid(${G[tp_pid]:-?})) = ${G[tp_kfunc]:-?}   (borrowed as &Task: the loader's pid, as bpf_get_current_pid_tgid() says)" ;;
    sleepy)       echo "bpf_demo_sleepy(21) = $RET   (sleepable kfunc, from a sleepable syscall program)" ;;
    syscall_only) echo "bpf_demo_syscall_only() = $RET   (limited to syscall programs)" ;;
    sum)          echo "bpf_demo_sum({1, 2, 3, 4, 5, 6, 7, 8}, 8) = $RET   (buffer + len__sz)" ;;
    tc_add)       echo "bpf_demo_add(40, 2) = $RET" ;;
    tc_obj)       echo "o = bpf_demo_obj_get(3); bpf_demo_obj_value(o) = $RET; bpf_demo_obj_put(o)" ;;
    prog_id|tc_prog_id)
                  echo "bpf_demo_prog_id() = $RET   (this program's id: $PID)" ;;
    add_prog_id)  echo "bpf_demo_add_prog_id(5) = ${G[apid_sum]:-?}   (5 + this program's id $PID)" ;;
    narrow_u8)    echo "bpf_demo_u8(x: u8) with r1 = 0x1ff   -> ${G[narrow_u8_ret]:-?}   (the entry truncates the register)" ;;
    narrow_bool)  echo "bpf_demo_bool(b: bool) with r1 = 2   -> ${G[narrow_bool_ret]:-?}   (bool is \"not zero\": never 2)" ;;
    narrow_bool_high) echo "bpf_demo_bool(b: bool) with r1 = 1 << 32 -> ${G[narrow_bool_high_ret]:-?}   (the whole register counts)" ;;
    narrow_i16)   echo "bpf_demo_i16(x: i16) with r1 = 0x18000 -> $SRET   (0x8000 as i16, sign-extended)" ;;
    args_stack)   echo "bpf_demo_args_eval(&(DemoArgs){ .a = 10, .b = 2, .scale = 4 }) = $RET   (the program's stack, copied)" ;;
    args_map)     echo "bpf_demo_args_eval(map value { 5, 2, 8 }) = $RET   (memory user space may write: the kfunc reads a copy)" ;;
    args_misaligned) echo "bpf_demo_args_eval(stack + 1: { 7, 0, 6 }) = $RET   (an odd address: copied byte by byte)" ;;
    esac
}
ptype() { case "$1" in tc_*) echo tc ;; *) echo syscall ;; esac; }

step "What the BPF programs got back from the Rust kfuncs (Linux ${booted:-$KVER})"
show_runs() { # <obj> <prog...>
    local obj="$1" p; shift
    for p in "$@"; do
        result "run:$p"
        printf '   %-7s %s:%s\n' "$(ptype "$p")" "$obj" "$p"
        if [ "$ST" = PASS ]; then say_run "$p" | sed 's/^/      /'
        else fail_lines; fi
    done
}
show_runs demo "${RUNS[@]:0:11}"
echo "   -- narrow integers and bool from out-of-range registers (BPF inline asm): safe Rust sees valid values"
show_runs demo "${RUNS[@]:11:4}"
echo "   -- plain data by copy (Copied<DemoArgs>): from the stack, a map value, an odd address"
show_runs demo "${RUNS[@]:15}"
if [ "$IMPLICIT" = 1 ]; then
    echo "   -- implicit arguments (Linux 7.0+): the verifier passes the calling program's bpf_prog_aux"
    show_runs demo_implicit "${IRUNS[@]}"
else
    echo "   -- implicit arguments: skipped, Linux $KVER < 7.0 (see above)"
fi

step "What the verifier said about programs that misuse them"
declare -A WHAT=([leak]="acquires a DemoObj with bpf_demo_obj_get and never releases it"
                 [put_no_null_check]="passes bpf_demo_obj_get's result (ret_null) to bpf_demo_obj_put without a NULL check"
                 [value_null]="passes NULL for obj: &DemoObj to bpf_demo_obj_value"
                 [value_stack]="passes a fake DemoObj on its stack for obj: &DemoObj"
                 [value_map]="passes a map value (user space may write it) for obj: &DemoObj"
                 [put_ringbuf]="releases a ringbuf record (referenced, but not a DemoObj) with bpf_demo_obj_put")
for r in "${REJECTS[@]}"; do
    o="${r%%:*}"; p="${r#*:}"; p="${p%%|*}"
    result "reject:$p"
    printf '   %s:%s  (%s)\n' "$o" "$p" "${WHAT[$p]}"
    if [ "$ST" = PASS ]; then
        printf '      %s\n' "$(printf '%s\n' "${OUTL[@]}" | grep -E '^(verifier|libbpf): ' | tail -1)"
        echo "      -> program refused, as it must be"
    else
        fail_lines
    fi
done

for n in rmmod dmesg-clean; do
    result "$n"
    [ "$ST" = PASS ] || { echo "   $n:"; fail_lines; }
done
grep -aq '^KT-DONE ' "$SERIAL" || { echo "   the guest did not finish (qemu exit $qrc): see $(rel "$SERIAL")"; FAILS=$((FAILS + 1)); }

echo
info "times: kernel $T_KERNEL s, host tools $T_TOOLS s, module $T_MODULE s, guest $T_GUEST s; total $(since "$T_START") s; outputs in $(rel "$OUT")"
if [ "$FAILS" = 0 ]; then
    echo "demo: OK: rmmod kfunc_demo and a clean dmesg; every result as expected"
    exit 0
fi
echo "demo: FAILED: $FAILS result(s) not as expected (logs under $(rel "$OUT"))"
exit 1
