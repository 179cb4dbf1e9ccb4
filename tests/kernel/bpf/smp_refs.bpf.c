// SPDX-License-Identifier: GPL-2.0
/*
 * The SMP case (cases/smp.cases): tc programs that take and drop references
 * to kfunc_demo objects of one key in a tight loop (each get a new
 * Arc<DemoObj>, each put drops it), run by several loaders at once, each
 * pinned to its own CPU (`run-smp`), so the module's acquire/release kfuncs
 * race with themselves; then a syscall program reads the key's live-object
 * count, which must be back at zero.
 * Built against vmlinux.h and the header `kfunc-btf header kfunc_demo.ko`
 * prints (the demo's kfuncs are registered for syscall and tc programs).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kfunc_demo_kfuncs.h"

char LICENSE[] SEC("license") = "GPL";

#define KEY 1		/* the object every loop uses */
#define ROUNDS 16	/* get/put pairs per program run */

/* Per loaded program (each loader has its own copy): runs and failures so
 * far. The return value is the failure count, so the last run of a
 * `--repeat N` test run reports every failure of all N runs. */
u64 runs;
u64 failures;

/* Per run: ROUNDS times, take two references to object KEY, check the
 * count covers at least the two this program holds (the other CPUs only add
 * and drop their own), check the value, drop both. */
SEC("tc")
int hammer(struct __sk_buff *skb)
{
	int i;

	runs++;
	for (i = 0; i < ROUNDS; i++) {
		struct DemoObj *a = bpf_demo_obj_get(KEY);
		struct DemoObj *b;

		if (!a) {
			failures++;
			break;
		}
		b = bpf_demo_obj_get(KEY);
		if (!b) {
			bpf_demo_obj_put(a);
			failures++;
			break;
		}
		if (bpf_demo_obj_refs(KEY) < 2)
			failures++;
		if (bpf_demo_obj_value(a) != KEY * 1000 + 7 || bpf_demo_obj_value(b) != KEY * 1000 + 7)
			failures++;
		bpf_demo_obj_put(b);
		bpf_demo_obj_put(a);
	}
	return failures;
}

/* The reference count of object KEY: 0 once every loop has ended. */
SEC("syscall")
int refs(void *ctx)
{
	return bpf_demo_obj_refs(KEY);
}
