#!/usr/bin/env bash
# Fuzzes `kfunc-btf apply` / `inspect` / `header` with libFuzzer (cargo fuzz).
#
#   kbuild/fuzz/run.sh [--time SECONDS | --runs N] [--sanitizer address|none]
#                      [--no-seeds] [-- <libFuzzer options>]
#
# 1. installs cargo-fuzz into ${KFUNC_CACHE:-~/.cache/kfunc}/tools if needed;
# 2. makes the seed corpus from real builds: the test
#    kbuild/tests/fuzz_seeds.rs compiles and links every fixture module
#    (GNU ld and ld.lld, with C parts, with a distilled .BTF.base, the error
#    fixtures), before and after `apply`, checks the invariants on them and
#    writes them to $OUT/seeds with the base vmlinux; `.ko`s the kernel tier
#    built (target/kernel-tests) are added; --no-seeds reuses $OUT/seeds
#    (scripts/test.sh makes them in its `cargo test` with KFUNC_FUZZ_OUT);
# 3. builds the fuzz target (stable rustc with RUSTC_BOOTSTRAP=1 for
#    cargo-fuzz's -Z flags; libbpf compiled by clang-19 with the same
#    sanitizer and libFuzzer's coverage, so the C is covered too);
# 4. runs it on one core: inputs in a private tmpfs directory, the corpus
#    in $OUT/corpus (kept between runs), the committed regression inputs
#    (kbuild/fuzz/regressions) and the seeds; findings in $OUT/artifacts.
#
# Default: --time 60 --sanitizer address (what scripts/test.sh runs). For a
# long run, --sanitizer none is about 5x faster (AddressSanitizer's
# allocator dominates); -- -fork=1 -ignore_crashes=1 keeps going past a
# finding. Exit status: libFuzzer's (non-zero on a finding).
# Environment: KFUNC_CACHE, KFUNC_FUZZ_OUT (default target/fuzz-run).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
OUT="${KFUNC_FUZZ_OUT:-$ROOT/target/fuzz-run}"
CARGO_FUZZ_VERSION=0.13.2

TIME=60 RUNS="" SAN=address SEEDS=1
while [ $# -gt 0 ]; do
    case "$1" in
        --time) TIME="$2"; RUNS=""; shift 2 ;;
        --runs) RUNS="$2"; TIME=""; shift 2 ;;
        --sanitizer) SAN="$2"; shift 2 ;;
        --no-seeds) SEEDS=0; shift ;;
        --) shift; break ;;
        *) echo "usage: $0 [--time S | --runs N] [--sanitizer address|none] [--no-seeds] [-- libFuzzer options]" >&2
           exit 2 ;;
    esac
done
case "$SAN" in address|none) ;; *) echo "fuzz: --sanitizer address or none" >&2; exit 2 ;; esac
log() { echo "fuzz: $*" >&2; }

# 1. cargo-fuzz
export PATH="$CACHE/tools/bin:$PATH"
if ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $CARGO_FUZZ_VERSION"; then
    log "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install -q cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$CACHE/tools"
fi

# 2. seeds
mkdir -p "$OUT/corpus" "$OUT/artifacts"
if [ "$SEEDS" = 1 ] || ! [ -f "$OUT/vmlinux" ]; then
    log "seed corpus from the test fixtures (kbuild/tests/fuzz_seeds.rs)"
    rm -rf "$OUT/seeds"
    if ! (cd "$ROOT" && KFUNC_FUZZ_OUT="$OUT" cargo test -q -p kfunc-btf --test fuzz_seeds) \
            >"$OUT/seeds.log" 2>&1; then
        cat "$OUT/seeds.log" >&2
        log "ERROR: the seed test failed"
        exit 1
    fi
fi
if [ -d "$ROOT/target/kernel-tests" ]; then
    n=0
    while IFS= read -r -d '' ko; do
        # without DWARF: kfunc-btf never reads .debug_*, and a 1 MB module
        # costs ten times a 100 KB one per input (the seeds' names are
        # their content's hash, so one module built twice is one seed)
        llvm-objcopy-19 --strip-debug "$ko" "$OUT/stripped.ko"
        mv "$OUT/stripped.ko" "$OUT/seeds/kernel-$(sha1sum < "$OUT/stripped.ko" | cut -c1-12).ko"
        n=$((n + 1))
    done < <(find "$ROOT/target/kernel-tests" -name '*.ko' -size -4M -print0)
    log "added $n .ko(s) the kernel tier built, without debug sections"
fi
log "$(ls "$OUT/seeds" | wc -l) seeds, $(ls "$OUT/corpus" | wc -l) inputs in the corpus"

# 3. build
TARGET_DIR="$ROOT/target/fuzz-$SAN"
CFLAGS_C="-fsanitize=fuzzer-no-link"
[ "$SAN" = address ] && CFLAGS_C="-fsanitize=address $CFLAGS_C"
log "building the fuzz target (sanitizer: $SAN)"
if ! (cd "$ROOT/kbuild" && RUSTC_BOOTSTRAP=1 CC=clang-19 LIBBPF_SYS_EXTRA_CFLAGS="$CFLAGS_C" \
        cargo fuzz build -s "$SAN" --target-dir "$TARGET_DIR" kfunc_btf) >"$OUT/build.log" 2>&1; then
    cat "$OUT/build.log" >&2
    log "ERROR: building the fuzz target failed"
    exit 1
fi
BIN="$TARGET_DIR/x86_64-unknown-linux-gnu/release/kfunc_btf"

# 4. run
WORK="$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/kfunc-btf-fuzz.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
LIMIT=(-max_total_time="$TIME")
[ -n "$RUNS" ] && LIMIT=(-runs="$RUNS")
log "running ($([ -n "$RUNS" ] && echo "$RUNS inputs" || echo "$TIME s")); findings go to $OUT/artifacts"
set +e
KFUNC_FUZZ_BASE="$OUT/vmlinux" KFUNC_FUZZ_DIR="$WORK" \
ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:detect_leaks=0}" \
    "$BIN" "$OUT/corpus" "$HERE/regressions" "$OUT/seeds" \
    -artifact_prefix="$OUT/artifacts/" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${LIMIT[@]}" "$@" 2>"$OUT/fuzz.log"
rc=$?
set -e
grep -E '^(stat::|#[0-9]+.*DONE)|ERROR|panicked|invariant|deadly|Test unit written' "$OUT/fuzz.log" >&2 || true
if [ "$rc" != 0 ]; then
    log "FAILED (status $rc): the full log is $OUT/fuzz.log; reproduce a finding with"
    log "  KFUNC_FUZZ_BASE=$OUT/vmlinux $BIN <artifact>"
fi
exit "$rc"
