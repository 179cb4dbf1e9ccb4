// SPDX-License-Identifier: GPL-2.0
/*
 * Programs the verifier must REJECT (cases/<kernel>.cases give the expected
 * message of each; 7.3 names registers where 6.12 names arguments).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kfunc_demo_kfuncs.h"

char LICENSE[] SEC("license") = "GPL";

/* An acquired reference is never released. */
SEC("syscall")
int leak(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);

	if (!o)
		return 0;
	return 1;
}

/* A ret_null result is dereferenced without a NULL check. */
SEC("syscall")
int no_null_check(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);
	u64 v = o->value;

	if (o)
		bpf_demo_obj_put(o);
	return v;
}

/* A ret_null result is passed to the release kfunc without a NULL check. */
SEC("syscall")
int put_no_null_check(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);

	bpf_demo_obj_put(o);
	return 0;
}

/* Wrong argument type: a DemoObj where a task_struct is expected. */
SEC("syscall")
int wrong_type(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);
	int r;

	if (!o)
		return 0;
	r = bpf_demo_task_pid((struct task_struct *)o);
	bpf_demo_obj_put(o);
	return r;
}

/* The buffer is 8 bytes, the size argument says 16. */
SEC("syscall")
int sum_too_long(void *ctx)
{
	u8 buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	return bpf_demo_sum(buf, 16);
}

/* A program type the module did not register its kfuncs for. */
SEC("socket")
int socket_add(struct __sk_buff *skb)
{
	return bpf_demo_add(1, 2);
}

/* A kfunc limited to syscall programs, called from tc (registered hook,
 * refused by the generated filter). */
SEC("tc")
int tc_syscall_only(struct __sk_buff *skb)
{
	return bpf_demo_syscall_only();
}

/* A sleepable kfunc from a non-sleepable program. */
SEC("tc")
int tc_sleepy(struct __sk_buff *skb)
{
	return bpf_demo_sleepy(1);
}

/* NULL for a reference parameter (`obj: &DemoObj`): the BTF makes the
 * verifier require a valid pointer (KF_TRUSTED_ARGS before 7.0, the default
 * from 7.0), so the program is refused before it can run. */
SEC("syscall")
int value_null(void *ctx)
{
	return bpf_demo_obj_value((const struct DemoObj *)0);
}

/* A maybe-NULL pointer (an unchecked ret_null result) for a reference
 * parameter. */
SEC("syscall")
int value_maybe_null(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);
	u64 v = bpf_demo_obj_value(o);

	if (o)
		bpf_demo_obj_put(o);
	return v;
}
