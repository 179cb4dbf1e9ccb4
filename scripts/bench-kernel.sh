#!/usr/bin/env bash
# The call-cost benchmark (issue 10): a kfunc written in Rust with #[kfunc]
# against the same kfunc written in C, called by the same BPF program in the
# same booted kernel.
#
#   ./scripts/bench-kernel.sh [variant ...]      (default: 6.12-gcc and 7.3)
#
# Modules: examples/bench_kfuncs (bench_rs.ko, Rust) and
# tests/kernel/bench/bench_c (bench_c.ko, C); programs:
# tests/kernel/bench/bpf/bench.bpf.c (each calls its kfunc 32 times,
# unrolled). The cases are the kernel tier's own (tests/kernel/bench/cases/
# <kernel>.cases, which CI runs with a small repeat count and checks only
# the results): this script rewrites every timed `run ... --repeat` case into
# ROUNDS interleaved copies with --repeat REPEAT, and hands the file to
# tests/kernel/run.sh (same harness: module builds through kbuild/, BPF
# objects, initramfs, one QEMU boot per kernel). Every result must still be
# the expected one, or no figure is printed for that kernel.
#
# For each kfunc it prints the kernel's average time of one program run
# (BPF_PROG_TEST_RUN's duration, median over the rounds), minus the time of
# the empty program, divided by the 32 calls: ns per call (an acquire/release
# pair counts as one call), for Rust and C, and their ratio (also computed
# from each program's fastest round: on a shared machine noise only adds
# time); then the
# x86-64 instructions (and bytes) of each kfunc's symbol in the two .ko files
# (objdump, within the symbol's size).
#
# Environment: KFUNC_BENCH_REPEAT (default 100000), KFUNC_BENCH_ROUNDS
# (default 9), KFUNC_BENCH_OUT (default target/bench-kernel),
# KFUNC_BENCH_TSC_KHZ (the guest's TSC frequency, see below), and those of
# tests/kernel/run.sh (KFUNC_CACHE, KFUNC_QEMU_KVM=1, KFUNC_QEMU_TIMEOUT,
# KFUNC_SKIP_APT, JOBS). QEMU runs with TCG unless KFUNC_QEMU_KVM=1: under
# TCG the figures are those of the emulated CPU; the ratios are what carries
# over.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

REPEAT="${KFUNC_BENCH_REPEAT:-100000}"
ROUNDS="${KFUNC_BENCH_ROUNDS:-9}"
OUT="${KFUNC_BENCH_OUT:-$ROOT/target/bench-kernel}"
CALLS=32 # BENCH_CALLS in tests/kernel/bench/bpf/bench.bpf.c
KERNELS=("$@")
[ ${#KERNELS[@]} -gt 0 ] || KERNELS=(6.12-gcc 7.3)

die() { echo "bench-kernel: $*" >&2; exit 1; }
case "$REPEAT$ROUNDS" in *[!0-9]*) die "KFUNC_BENCH_REPEAT and KFUNC_BENCH_ROUNDS must be numbers" ;; esac
[ "$REPEAT" -ge 1 ] && [ "$ROUNDS" -ge 1 ] || die "KFUNC_BENCH_REPEAT and KFUNC_BENCH_ROUNDS must be at least 1"
VARIANTS=" $(./tests/kernel/build-kernel.sh --list | tr '\n' ' ') "
for K in "${KERNELS[@]}"; do
    case "$VARIANTS" in *" $K "*) ;; *) die "unknown kernel variant $K (variants:$VARIANTS)" ;; esac
done
mkdir -p "$OUT/cases"

# The case file with its includes inlined (include paths are relative to the
# including file; every other path is relative to the checkout).
flatten() { # <case file>
    local file="$1" line inc
    [ -f "$file" ] || die "case file $file missing"
    while IFS= read -r line || [ -n "$line" ]; do
        if [[ "$line" =~ ^[[:space:]]*include[[:space:]]+(.*)$ ]]; then
            eval "inc=${BASH_REMATCH[1]}"
            flatten "$(dirname "$file")/$inc"
        else
            printf '%s\n' "$line"
        fi
    done < "$file"
}

# The benchmark's case file: the timed runs (`case <name> run ... --repeat
# <n>`) are replaced, where the first of them stood, by ROUNDS rounds of all
# of them (round-major, every other round in reverse order, so drift and the
# neighbours' load spread over every program alike), named <name>@<round>,
# with --repeat REPEAT.
bench_cases() { # <kernel>
    flatten "$ROOT/tests/kernel/bench/cases/$1.cases" |
        awk -v rounds="$ROUNDS" -v repeat="$REPEAT" '
            /^[[:space:]]*case[[:space:]]+[^[:space:]]+[[:space:]]+run[[:space:]].*--repeat[[:space:]]+[0-9]+[[:space:]]*$/ {
                if (!at) { at = ++n; line[n] = "@TIMED@" }
                t = $0; sub(/--repeat[[:space:]]+[0-9]+[[:space:]]*$/, "--repeat " repeat, t)
                timed[++nt] = t
                next
            }
            { line[++n] = $0 }
            END {
                for (i = 1; i <= n; i++) {
                    if (line[i] != "@TIMED@") { print line[i]; continue }
                    for (r = 1; r <= rounds; r++)
                        for (k = 1; k <= nt; k++) {
                            t = timed[r % 2 ? k : nt + 1 - k]
                            match(t, /case[[:space:]]+[^[:space:]]+/)
                            print substr(t, 1, RSTART + RLENGTH - 1) "@" r substr(t, RSTART + RLENGTH)
                        }
                }
            }'
}

# Instructions and bytes of function <sym> in <ko>: the disassembly from the
# symbol's address up to its size (padding after it does not count).
insns() { # <ko> <sym> -> "<insns> <bytes>" or "- -"
    local ko="$1" sym="$2" start size
    read -r start size < <(nm -S --defined-only "$ko" 2>/dev/null |
        awk -v s="$sym" '$4 == s && ($3 == "T" || $3 == "t") { print $1, $2; exit }')
    if [ -z "${start:-}" ]; then echo "- -"; return; fi
    llvm-objdump-19 -d --no-show-raw-insn "$ko" |
        awk -v f="<$sym>:" -v start=$((16#$start)) -v size=$((16#$size)) '
            $2 == f { on = 1; next }
            on && NF == 0 { exit }
            on && /^[[:space:]]*[0-9a-f]+:/ {
                a = tolower($1); sub(/:$/, "", a)
                v = 0
                for (i = 1; i <= length(a); i++) v = v * 16 + index("0123456789abcdef", substr(a, i, 1)) - 1
                if (v < start + size) n++
            }
            END { print n + 0, size }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The clock. tinyconfig's guest has no PIT/HPET to calibrate the TSC against,
# so it would time with jiffies (4 ms steps). Under TCG the guest's TSC is the
# host's, so the guest is told its frequency (from the host's /proc/cpuinfo;
# KFUNC_BENCH_TSC_KHZ overrides; an error in it scales every time alike, not
# the ratios) and to trust it.
TSC_KHZ="${KFUNC_BENCH_TSC_KHZ:-$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)}"
case "$TSC_KHZ" in ''|*[!0-9]*) die "cannot read the TSC frequency from /proc/cpuinfo: set KFUNC_BENCH_TSC_KHZ" ;; esac
export KFUNC_QEMU_APPEND="${KFUNC_QEMU_APPEND:-tsc_early_khz=$TSC_KHZ tsc=reliable}"

TABLE="$OUT/table.txt"
: > "$TABLE"
STATUS=0
accel=TCG
[ "${KFUNC_QEMU_KVM:-0}" = 1 ] && accel=KVM
for K in "${KERNELS[@]}"; do
    V="${K%%-*}" # the variant's Linux version: its bench case file
    bench_cases "$V" > "$OUT/cases/$K.cases.tmp" && mv "$OUT/cases/$K.cases.tmp" "$OUT/cases/$K.cases"
    echo "== Linux $K: building the modules and programs, booting once ($ROUNDS rounds x repeat $REPEAT, QEMU $accel)" >&2
    if ! KFUNC_TEST_OUT="$OUT" KFUNC_CASES_DIR="$OUT/cases" \
            KFUNC_QEMU_TIMEOUT="${KFUNC_QEMU_TIMEOUT:-1200}" \
            ./tests/kernel/run.sh "$K" > "$OUT/run-$K.log" 2> "$OUT/run-$K.err"; then
        echo "bench-kernel: Linux $K: a case failed, no figures (see $OUT/run-$K.log, $OUT/run-$K.err):" >&2
        grep '^FAIL' "$OUT/run-$K.log" | sed 's/^/    /' >&2
        STATUS=1
        continue
    fi
    serial="$OUT/$K/serial.log"
    clock=$(grep -a 'clocksource: Switched to clocksource' "$serial" | tail -1 | awk '{ print $NF }')
    case "$clock" in
    tsc*) ;;
    *) echo "bench-kernel: Linux $K: the guest timed with clocksource '${clock:-?}', not the TSC: no figures" \
            "(kernel command line: $KFUNC_QEMU_APPEND)" >&2
       STATUS=1; continue ;;
    esac
    # "KT-OUT bench:run:<prog>@<round>: retval=... repeat=<n> duration_ns=<d>"
    durs() { # <prog> -> its duration_ns of each round
        awk -v p="KT-OUT bench:run:$1@" 'index($0, p) == 1 {
                for (i = 1; i <= NF; i++) if ($i ~ /^duration_ns=/) { sub(/^duration_ns=/, "", $i); print $i } }' "$serial"
    }
    dur() { durs "$1" | median; }              # median over the rounds
    dmin() { durs "$1" | sort -n | head -1; }   # fastest round
    base=$(dur empty); base_min=$(dmin empty)
    [ -n "$base" ] || { echo "bench-kernel: Linux $K: no duration for the empty program in $serial" >&2; STATUS=1; continue; }
    rs_ko="$OUT/$K/mod/bench_rs.ko"; c_ko="$OUT/$K/mod/bench_c.ko"
    kinds=(add get_put)
    [ "$V" = 7.3 ] && kinds+=(id)
    {
        echo "Linux $K (QEMU $accel, clock $clock at $TSC_KHZ kHz): $ROUNDS test runs x $REPEAT repeats;" \
            "empty program ${base} ns/run (median), ${base_min} (fastest)"
        printf '%-28s %12s %12s %7s %10s   %-18s %s\n' "kfunc ($CALLS calls/program)" "Rust ns/call" "C ns/call" \
            "Rust/C" "(fastest)" "Rust insns (bytes)" "C insns (bytes)"
        for k in "${kinds[@]}"; do
            rs=$(dur "rs_$k"); c=$(dur "c_$k"); rs_min=$(dmin "rs_$k"); c_min=$(dmin "c_$k")
            case "$k" in
            add) label="add (u64, u64) -> u64"; syms="add" ;;
            get_put) label="get + put (acquire/release)"; syms="get put" ;;
            id) label="id (implicit prog_aux)"; syms="id" ;;
            esac
            rs_i=""; c_i=""
            for s in $syms; do
                read -r n b < <(insns "$rs_ko" "bpf_bench_rs_$s"); rs_i="$rs_i${rs_i:+ + }$n ($b)"
                read -r n b < <(insns "$c_ko" "bpf_bench_c_$s"); c_i="$c_i${c_i:+ + }$n ($b)"
            done
            awk -v l="$label" -v rs="$rs" -v c="$c" -v b="$base" -v rsm="$rs_min" -v cm="$c_min" -v bm="$base_min" \
                -v n="$CALLS" -v ri="$rs_i" -v ci="$c_i" 'BEGIN {
                r = (rs - b) / n; cc = (c - b) / n; rm = (rsm - bm) / n; ccm = (cm - bm) / n
                ratio = cc > 0 ? sprintf("%.2f", r / cc) : "-"
                ratio_min = ccm > 0 ? sprintf("%.2f", rm / ccm) : "-"
                printf "%-28s %12.1f %12.1f %7s %10s   %-18s %s\n", l, r, cc, ratio, ratio_min, ri, ci }'
        done
        echo
    } | tee -a "$TABLE"
done
[ -s "$TABLE" ] && echo "(table also in $TABLE)" >&2
exit $STATUS
