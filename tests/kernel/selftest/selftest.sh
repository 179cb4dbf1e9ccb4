#!/bin/bash
# Self-test of the real-kernel harness, independent of the kfunc crates: runs
# tests/kernel/run.sh on the cases of selftest/cases (a plain C module with
# one kfunc) and checks that every case passes except those named
# "expect-fail:*", which must FAIL (the harness must notice a wrong return
# value, a wrong BTF prototype, an accepted program, a failing command, a
# guest-side timeout, a failing or non-overlapping SMP run, a BUG line in the
# kernel log and a build that does not fail), and that run.sh then exits
# non-zero. The cases inject a BUG line into the kernel log, so run.sh's
# final check of the whole log (dmesg:final) must FAIL too.
#
#   tests/kernel/selftest/selftest.sh [variant ...]
#       (default: every variant with a case file in selftest/cases)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
variants=("$@")
if [ ${#variants[@]} = 0 ]; then
    for v in $("$HERE/../build-kernel.sh" --list); do
        [ -f "$HERE/cases/$v.cases" ] && variants+=("$v")
    done
fi
out="$(KFUNC_CASES_DIR="$HERE/cases" KFUNC_TEST_OUT="${KFUNC_TEST_OUT:-$ROOT/target/kernel-selftest}" \
    "$HERE/../run.sh" "${variants[@]}" 2>/dev/null)"
rc=$?
bad=0
while IFS= read -r line; do
    case "$line" in
    "PASS "*) name="${line#PASS * }" ;;
    "FAIL "*) name="${line#FAIL * }"; name="${name%%: *}" ;;
    *) continue ;;
    esac
    case "$name" in
    expect-fail:*|dmesg:final) [ "${line%% *}" = FAIL ] || { echo "selftest: must fail: $line"; bad=1; } ;;
    *) [ "${line%% *}" = PASS ] || { echo "selftest: $line"; bad=1; } ;;
    esac
done <<< "$out"
[ "$rc" != 0 ] || { echo "selftest: run.sh exited 0 despite failing cases"; bad=1; }
n=$(printf '%s\n' "$out" | grep -cE '^(PASS|FAIL) ')
if [ "$bad" = 0 ]; then echo "selftest: ok ($n cases as expected on ${variants[*]})"; else echo "selftest: FAILED"; fi
exit "$bad"
