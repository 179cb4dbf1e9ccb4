#!/bin/bash
# Self-test of the real-kernel harness, independent of the kfunc crates: runs
# tests/kernel/run.sh on the cases of selftest/cases (a plain C module with
# one kfunc) and checks that every case passes except those named
# "expect-fail:*", which must FAIL (the harness must notice a wrong return
# value, a wrong BTF prototype, an accepted program, a failing command, a
# guest-side timeout and a build that does not fail), and that run.sh then
# exits non-zero.
#
#   tests/kernel/selftest/selftest.sh [6.12|7.3 ...]
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
out="$(KFUNC_CASES_DIR="$HERE/cases" KFUNC_TEST_OUT="${KFUNC_TEST_OUT:-$ROOT/target/kernel-selftest}" \
    "$HERE/../run.sh" "$@" 2>/dev/null)"
rc=$?
bad=0
while IFS= read -r line; do
    case "$line" in
    "PASS "*) name="${line#PASS * }" ;;
    "FAIL "*) name="${line#FAIL * }"; name="${name%%: *}" ;;
    *) continue ;;
    esac
    case "$name" in
    expect-fail:*) [ "${line%% *}" = FAIL ] || { echo "selftest: must fail: $line"; bad=1; } ;;
    *) [ "${line%% *}" = PASS ] || { echo "selftest: $line"; bad=1; } ;;
    esac
done <<< "$out"
[ "$rc" != 0 ] || { echo "selftest: run.sh exited 0 despite failing cases"; bad=1; }
n=$(printf '%s\n' "$out" | grep -cE '^(PASS|FAIL) ')
if [ "$bad" = 0 ]; then echo "selftest: ok ($n cases as expected)"; else echo "selftest: FAILED"; fi
exit "$bad"
