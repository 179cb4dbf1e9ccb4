// SPDX-License-Identifier: GPL-2.0
/*
 * BPF programs calling the kfuncs of kfunc_demo.ko that every supported
 * kernel (6.12+) has. Each returns a value the test cases check
 * (cases/common.cases). Built with clang-19 -g -O2 -target bpf against the
 * kernel's vmlinux.h and the header `kfunc-btf header kfunc_demo.ko` prints.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kfunc_demo_kfuncs.h"

/* Kernel kfuncs used to get a trusted task pointer (registered for syscall
 * programs by the kernel itself). */
extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

char LICENSE[] SEC("license") = "GPL";

/* What the kfuncs returned inside a program, beyond its return value: read
 * back after the run by scripts/demo.sh (`kload run ... --globals`). */
u64 add_wrap_sum;	/* add_wrap: the full u64 bpf_demo_add returned */
u32 gp_key;		/* obj_get_put: o->key of the acquired object */
u64 gp_value;		/* obj_get_put: bpf_demo_obj_value(o) */
u32 gp_refs_held;	/* obj_get_put: bpf_demo_obj_refs(2) while o is held */
u32 gp_refs_after;	/* obj_get_put: bpf_demo_obj_refs(2) after the put */
u32 field_key;		/* obj_field: o->key, read directly */
u64 field_value;	/* obj_field: o->value, read directly */
s32 tp_pid;		/* task_pid: the pid bpf_get_current_pid_tgid() gave */
s32 tp_kfunc;		/* task_pid: bpf_demo_task_pid(task) */

/* Scalar kfunc: 40 + 2. */
SEC("syscall")
int add(void *ctx)
{
	return bpf_demo_add(40, 2);
}

/* Scalar kfunc, wrapping: (2^64 - 1) + 3 = 2. */
SEC("syscall")
int add_wrap(void *ctx)
{
	add_wrap_sum = bpf_demo_add(~0ULL, 3);
	return add_wrap_sum;
}

/* acquire + ret_null / release: the value of object 2 (2007), after checking
 * that the reference count was 1 while held and is 0 again after release. */
SEC("syscall")
int obj_get_put(void *ctx)
{
	struct DemoObj *o;
	u64 v;

	o = bpf_demo_obj_get(2);
	if (!o)
		return -1;
	gp_key = o->key;
	v = bpf_demo_obj_value(o);
	gp_value = v;
	gp_refs_held = bpf_demo_obj_refs(2);
	if (gp_refs_held != 1) {
		bpf_demo_obj_put(o);
		return -2;
	}
	bpf_demo_obj_put(o);
	gp_refs_after = bpf_demo_obj_refs(2);
	if (gp_refs_after != 0)
		return -3;
	return v;
}

/* A referenced module object's fields are readable directly (BTF-typed
 * pointer): object 1 holds 1007. */
SEC("syscall")
int obj_field(void *ctx)
{
	struct DemoObj *o;
	u64 v;

	o = bpf_demo_obj_get(1);
	if (!o)
		return -1;
	field_key = o->key;
	field_value = o->value;
	v = o->value + o->key;
	bpf_demo_obj_put(o);
	return v; /* 1007 + 1 */
}

/* ret_null: an unknown key gives NULL. */
SEC("syscall")
int obj_missing(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(99);

	if (o) {
		bpf_demo_obj_put(o);
		return 0;
	}
	return 1;
}

/* Kernel struct argument: the pid our kfunc reads from the task_struct of
 * the running loader equals the pid the helper reports. */
SEC("syscall")
int task_pid(void *ctx)
{
	s32 pid = (s32)bpf_get_current_pid_tgid();
	struct task_struct *t;
	int r;

	t = bpf_task_from_pid(pid);
	if (!t)
		return -1;
	r = bpf_demo_task_pid(t);
	bpf_task_release(t);
	tp_pid = pid;
	tp_kfunc = r;
	return r == pid ? 1 : -2;
}

/* Sleepable kfunc from a (sleepable) syscall program: 21 * 2. */
SEC("syscall")
int sleepy(void *ctx)
{
	return bpf_demo_sleepy(21);
}

/* Limited to syscall programs: here it is allowed. */
SEC("syscall")
int syscall_only(void *ctx)
{
	return bpf_demo_syscall_only();
}

/* Buffer + size (`len__sz`): 1 + 2 + ... + 8 = 36. */
SEC("syscall")
int sum(void *ctx)
{
	u8 buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	return bpf_demo_sum(buf, sizeof(buf));
}

/* The same kfuncs from a tc (SCHED_CLS) program: the module registered the
 * tc hook too. */
SEC("tc")
int tc_add(struct __sk_buff *skb)
{
	return bpf_demo_add(40, 2);
}

SEC("tc")
int tc_obj(struct __sk_buff *skb)
{
	struct DemoObj *o = bpf_demo_obj_get(3);
	u64 v;

	if (!o)
		return -1;
	v = bpf_demo_obj_value(o);
	bpf_demo_obj_put(o);
	return v; /* 3007 */
}

/*
 * Narrow integers and bool. A program passes a full 64-bit register and the
 * verifier does not range-check it, so these set the register by hand (the
 * C compiler would truncate a constant argument itself) and call the kfunc
 * with an out-of-range value. The kfunc's generated entry converts as C
 * does: u8 keeps the low byte, i16 the low 16 bits, bool is "not zero".
 */
#define CALL_WITH_R1(func, r1)						\
	({								\
		u64 __r;						\
		asm volatile("r1 = " #r1 " ll;"				\
			     "call %[f];"				\
			     "%[r] = r0;"				\
			     : [r] "=r"(__r)				\
			     : [f] "i"(func)				\
			     : "r0", "r1", "r2", "r3", "r4", "r5");	\
		__r;							\
	})

/* Plain C calls of the same kfuncs (in range: 7 + 1 + (-5)): clang emits a
 * kfunc's BTF only for a direct call, and libbpf needs it to resolve the
 * calls in the asm above. */
SEC("syscall")
int narrow_plain(void *ctx)
{
	return bpf_demo_u8(7) + bpf_demo_bool(1) + bpf_demo_i16(-5);
}

u64 narrow_u8_ret;	/* narrow_u8: bpf_demo_u8(0x1ff) */
u64 narrow_bool_ret;	/* narrow_bool: bpf_demo_bool(2) */
u64 narrow_bool_high_ret; /* narrow_bool_high: bpf_demo_bool(1 << 32) */
u64 narrow_i16_ret;	/* narrow_i16: bpf_demo_i16(0x18000) */

/* 0x1ff for a u8: 255 (the return is the kfunc's u32, zero-extended). */
SEC("syscall")
int narrow_u8(void *ctx)
{
	narrow_u8_ret = CALL_WITH_R1(bpf_demo_u8, 0x1ff);
	return narrow_u8_ret;
}

/* 2 for a bool: true, so 1 (not 2). */
SEC("syscall")
int narrow_bool(void *ctx)
{
	narrow_bool_ret = CALL_WITH_R1(bpf_demo_bool, 2);
	return narrow_bool_ret;
}

/* Only bit 32 set: the whole register is not zero, so true (a body that
 * read only the low 32 bits would say false). */
SEC("syscall")
int narrow_bool_high(void *ctx)
{
	narrow_bool_high_ret = CALL_WITH_R1(bpf_demo_bool, 0x100000000);
	return narrow_bool_high_ret;
}

/* 0x18000 for an i16: 0x8000, i.e. -32768, sign-extended to the i64
 * return: the full register is -32768. */
SEC("syscall")
int narrow_i16(void *ctx)
{
	narrow_i16_ret = CALL_WITH_R1(bpf_demo_i16, 0x18000);
	if ((s64)narrow_i16_ret != -32768)
		return 1;
	return (s64)narrow_i16_ret;
}

/* Plain data by copy: a DemoArgs on the stack (10 * 4 + 2). */
SEC("syscall")
int args_stack(void *ctx)
{
	struct DemoArgs args = { .a = 10, .b = 2, .scale = 4 };

	return bpf_demo_args_eval(&args);
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct DemoArgs);
} demo_args SEC(".maps");

/* The same from a map value, which user space could write meanwhile: the
 * kfunc reads a copy (5 * 8 + 2). */
SEC("syscall")
int args_map(void *ctx)
{
	u32 key = 0;
	struct DemoArgs *v = bpf_map_lookup_elem(&demo_args, &key);

	if (!v)
		return 0;
	v->a = 5;
	v->b = 2;
	v->scale = 8;
	return bpf_demo_args_eval(v);
}

/* At an odd stack address: the copy is made byte by byte, so alignment does
 * not matter (7 * 6 + 0). */
SEC("syscall")
int args_misaligned(void *ctx)
{
	u8 buf[1 + sizeof(struct DemoArgs)] = {};

	buf[1] = 7;		/* a = 7 (little endian) */
	buf[1 + 12] = 6;	/* scale = 6 */
	return bpf_demo_args_eval((const struct DemoArgs *)(buf + 1));
}
