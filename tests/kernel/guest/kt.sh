# Guest-side case runner (busybox sh), sourced by /init.
#
# Each line of the case file: <name> <kind> <args...>, shell-quoted.
# Kinds (see tests/kernel/README.md):
#   insmod <alias>                     /mod/<alias>.ko loads; dmesg since is clean
#   insmod-fails <alias> <substring>   insmod fails and dmesg has <substring>
#   rmmod <module>                     rmmod, retried on EAGAIN for ~2 s
#   btf <module> <func> <prototype|->  /sys/kernel/btf/<module> has <func> as given
#   run <obj> <prog> <expect> [--ctx-u64 a,b]   bpf_prog_test_run gives <expect>
#   run-smp <obj> <prog> <expect> <repeat>   one loader per CPU (>= 2), each
#                                      pinned to its CPU, started together once
#                                      all have loaded, each a test run of
#                                      <repeat> runs giving <expect>; their run
#                                      windows must overlap
#   load <obj> <prog>                  the verifier accepts <prog>
#   reject <obj> <prog> <substring>    the verifier rejects <prog> with <substring>
#   dmesg-clean                        nothing bad in the whole dmesg so far
#   dmesg-has <substring>              dmesg so far contains <substring>
#   sh <command>                       a shell command succeeds
#   provoke <crashtype>                LKDTM's <crashtype> (DIRECT); always
#                                      PASS: run.sh's host case judges the log
# Output: "KT-OUT <name>: <line>" for the case's output, then
# "KT-CASE <name> PASS" or "KT-CASE <name> FAIL <reason>".

KT_STATUS=0
# What must never appear in dmesg: warnings and BUGs (KASAN reports are "BUG:
# KASAN: ...", lockdep's "WARNING: possible circular locking ...", "BUG:
# sleeping function called from invalid context"), oopses, lockdep turning
# itself off, and the messages of a module that did not register. The host
# (run.sh) applies the same list to the whole dmesg at the end.
KT_BAD='WARNING:|BUG:|Oops|Call Trace|kernel panic|panicked|INFO: possible|lockdep is turned off|DEBUG_LOCKS_WARN_ON|UBSAN:|general protection fault|missing module BTF|cannot register|Unknown symbol|unresolved'
: > /tmp/dmesg.all

kt_dmesg_flush() { dmesg -c >> /tmp/dmesg.all 2>/dev/null; }

# dmesg lines printed since the case began
kt_dmesg_case() { dmesg; }

# Why a kload command failed: its own "kload: ..." line, else its exit status
# (124 = killed by timeout).
kt_why() {
	r=$(grep '^kload:' /tmp/out | head -1)
	if [ -n "$r" ]; then echo "$r"
	elif [ "$1" = 124 ] || [ "$1" = 143 ]; then echo "timed out after 30 s"
	else echo "exit status $1: $(tail -1 /tmp/out)"; fi
}

kt_obj() {
	case "$1" in
	/*) echo "$1" ;;
	*.o) echo "/bpf/$1" ;;
	*) echo "/bpf/$1.o" ;;
	esac
}

# run-smp <obj> <prog> <expect> <repeat>: sets $reason on failure.
kt_run_smp() {
	obj=$(kt_obj "$1")
	ncpu=$(nproc)
	if [ "$ncpu" -lt 2 ]; then
		reason="needs at least 2 CPUs online, has $ncpu"
		return
	fi
	rm -f /tmp/smp.*
	c=0; pids=""
	while [ $c -lt "$ncpu" ]; do
		taskset -c $c timeout 300 kload run "$obj" "$2" "$3" --repeat "$4" \
			--ready /tmp/smp.ready.$c --go /tmp/smp.go > /tmp/smp.$c 2>&1 &
		pids="$pids $!"
		c=$((c + 1))
	done
	# start line: every loader has loaded its program (or died), then all go
	i=0
	while [ $i -lt 1200 ]; do
		n=0; alive=0
		for p in $pids; do kill -0 $p 2>/dev/null && alive=$((alive + 1)); done
		for f in /tmp/smp.ready.*; do [ -f "$f" ] && n=$((n + 1)); done
		[ $n -ge "$ncpu" ] || [ $alive -lt "$ncpu" ] && break
		usleep 100000
		i=$((i + 1))
	done
	touch /tmp/smp.go
	c=0
	for p in $pids; do
		wait $p
		rc=$?
		sed "s/^/cpu$c: /" /tmp/smp.$c >> /tmp/out
		if [ $rc != 0 ] && [ -z "$reason" ]; then
			reason="cpu$c: $(grep '^kload:' /tmp/smp.$c | head -1) (exit $rc)"
		fi
		c=$((c + 1))
	done
	[ -n "$reason" ] && return
	# every window must overlap every other: latest start before earliest end
	cat /tmp/smp.[0-9]* | sed -n 's/^window=\([0-9]*\)-\([0-9]*\) .*/\1 \2/p' |
		awk -v n="$ncpu" '{ if (NR == 1 || $1 > s) s = $1; if (NR == 1 || $2 < e) e = $2 }
			END { if (NR != n) { print "got " NR " run windows for " n " loaders"; exit 1 }
			      if (s >= e) { print "the runs did not overlap (last start " s " >= first end " e ")"; exit 1 }
			      printf "runs overlapped for %.3f s\n", (e - s) / 1e9 }' > /tmp/smp.check
	rc=$?
	cat /tmp/smp.check >> /tmp/out
	[ $rc = 0 ] || reason="$(cat /tmp/smp.check)"
	rm -f /tmp/smp.*
}

kt_case() {
	name="$1"; kind="$2"; shift 2
	reason=""
	kt_dmesg_flush
	: > /tmp/out
	case "$kind" in
	insmod)
		if ! insmod "/mod/$1.ko" > /tmp/out 2>&1; then
			reason="insmod $1 failed: $(head -1 /tmp/out)"
		fi
		kt_dmesg_case > /tmp/d
		if [ -z "$reason" ] && grep -Eq "$KT_BAD" /tmp/d; then
			reason="dmesg not clean: $(grep -E "$KT_BAD" /tmp/d | head -1)"
		fi
		cat /tmp/d >> /tmp/out ;;
	insmod-fails)
		if insmod "/mod/$1.ko" > /tmp/out 2>&1; then
			reason="insmod $1 succeeded, expected a failure"
			rmmod "$1" 2>/dev/null
		fi
		kt_dmesg_case > /tmp/d
		cat /tmp/d >> /tmp/out
		if [ -z "$reason" ] && ! grep -Fq -- "$2" /tmp/d; then
			reason="dmesg lacks \"$2\""
		fi ;;
	rmmod)
		i=0
		while :; do
			if rmmod "$1" > /tmp/out 2>&1; then break; fi
			i=$((i + 1))
			if [ $i -ge 40 ]; then
				reason="rmmod $1 failed: $(head -1 /tmp/out)"
				break
			fi
			usleep 50000
		done
		kt_dmesg_case > /tmp/d
		if [ -z "$reason" ] && grep -Eq "$KT_BAD" /tmp/d; then
			reason="dmesg not clean: $(grep -E "$KT_BAD" /tmp/d | head -1)"
		fi
		cat /tmp/d >> /tmp/out ;;
	btf)
		timeout 30 kload btf "$1" "$2" "$3" > /tmp/out 2>&1 ||
			reason="$(kt_why $?)" ;;
	run)
		obj=$(kt_obj "$1"); shift
		timeout 30 kload run "$obj" "$@" > /tmp/out 2>&1 ||
			reason="$(kt_why $?)" ;;
	run-smp)
		kt_run_smp "$@" ;;
	load)
		timeout 30 kload load "$(kt_obj "$1")" "$2" > /tmp/out 2>&1 ||
			reason="$(kt_why $?)" ;;
	reject)
		timeout 30 kload expect-reject "$(kt_obj "$1")" "$2" "$3" > /tmp/out 2>&1 ||
			reason="$(kt_why $?)" ;;
	dmesg-clean)
		kt_dmesg_flush
		if grep -Eq "$KT_BAD" /tmp/dmesg.all; then
			reason="dmesg: $(grep -E "$KT_BAD" /tmp/dmesg.all | head -1)"
			grep -E "$KT_BAD" /tmp/dmesg.all > /tmp/out
		fi ;;
	dmesg-has)
		kt_dmesg_flush
		grep -Fq -- "$1" /tmp/dmesg.all || reason="dmesg lacks \"$1\"" ;;
	sh)
		sh -c "$*" > /tmp/out 2>&1 || reason="command failed (exit $?): $*" ;;
	provoke)
		# LKDTM: make the kernel do something a hardening option must stop
		# (run.sh's host case `provoke` boots a guest of its own for it and
		# judges the kernel log; the kernel only kills the writing shell).
		mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
		if ! [ -e /sys/kernel/debug/provoke-crash/DIRECT ]; then
			reason="no /sys/kernel/debug/provoke-crash/DIRECT: the kernel has no LKDTM"
		else
			sh -c "echo $1 > /sys/kernel/debug/provoke-crash/DIRECT" > /tmp/out 2>&1
			echo "provoke $1: the writer's exit status: $?" >> /tmp/out
		fi
		kt_dmesg_case >> /tmp/out ;;
	*)
		reason="unknown case kind $kind" ;;
	esac
	head -c 20000 /tmp/out | sed "s/^/KT-OUT $name: /"
	if [ -z "$reason" ]; then
		echo "KT-CASE $name PASS"
	else
		echo "KT-CASE $name FAIL $(echo "${reason:-failed}" | tr '\n' ' ' | sed 's/ *$//' | cut -c1-400)"
		KT_STATUS=1
	fi
}

kt_run_file() {
	while IFS= read -r line <&3; do
		case "$line" in ''|'#'*) continue ;; esac
		eval "set -- $line"
		kt_case "$@" < /dev/null
	done 3< "$1"
	kt_dmesg_flush
	sed 's/^/KT-DMESG /' /tmp/dmesg.all
}
