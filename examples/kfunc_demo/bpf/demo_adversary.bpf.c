// SPDX-License-Identifier: GPL-2.0
/*
 * The adversary suite: what a hostile program passes for the safe
 * parameters of the demo's kfuncs, `bpf_demo_obj_value(obj: &DemoObj)`,
 * `bpf_demo_peek(obj: Option<&DemoObj>)`, the release kfunc
 * `bpf_demo_obj_put(obj: Arc<DemoObj>)` (whose entry takes the `Arc` back
 * with `from_raw`) and `bpf_demo_task_pid(task: &Task)`. The Rust functions
 * read `obj` as a valid, aligned, immutable `DemoObj` (and `task` as a live
 * task); every program here gives them
 * something else, and the verifier must refuse each one (the messages are
 * in cases/adversary-<kernel>.cases).
 *
 * What makes it refuse the memory forms (stack, map value, packet,
 * ringbuf): DemoObj's BTF ends with the zero-length array `__kfunc_object`
 * that kfunc-btf appends, so it is not a "struct of scalars" for which the
 * verifier would accept any readable memory of its size; it demands a
 * pointer with DemoObj's own BTF id.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kfunc_demo_kfuncs.h"

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

struct big_value {
	u64 words[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct big_value);
} values SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} records SEC(".maps");

struct holder {
	struct DemoObj __attribute__((btf_type_tag("kptr_untrusted"))) *obj;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct holder);
} holders SEC(".maps");

/* A scalar: an address the program made up. */
SEC("syscall")
int value_scalar(void *ctx)
{
	return bpf_demo_obj_value((const struct DemoObj *)8);
}

/* A fake object on the program's own stack, aligned. */
SEC("syscall")
int value_stack(void *ctx)
{
	struct DemoObj fake = {};

	return bpf_demo_obj_value(&fake);
}

/* Stack memory at an odd address: a misaligned `&DemoObj` (arm64's atomic
 * instructions fault on such an address). */
SEC("syscall")
int value_stack_misaligned(void *ctx)
{
	u64 buf[4] = {};

	return bpf_demo_obj_value((const struct DemoObj *)((u8 *)buf + 1));
}

/* An array map value: user space may write it (mmap, update) while the
 * kfunc reads it through a `noalias` reference. */
SEC("syscall")
int value_map(void *ctx)
{
	u32 key = 0;
	struct big_value *v = bpf_map_lookup_elem(&values, &key);

	if (!v)
		return 0;
	return bpf_demo_obj_value((const struct DemoObj *)v);
}

/* Packet data of a tc program. */
SEC("tc")
int value_packet(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	if (data + 16 > end)
		return 0;
	return bpf_demo_obj_value((const struct DemoObj *)data);
}

/* A ringbuf record: a referenced pointer, but to plain memory. */
SEC("syscall")
int value_ringbuf(void *ctx)
{
	struct DemoObj *r = bpf_ringbuf_reserve(&records, 16, 0);
	u64 v;

	if (!r)
		return 0;
	v = bpf_demo_obj_value(r);
	bpf_ringbuf_discard(r, 0);
	return v;
}

/* A trusted, referenced pointer to another struct type (a task). */
SEC("syscall")
int value_other_type(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1);
	u64 v;

	if (!t)
		return 0;
	v = bpf_demo_obj_value((const struct DemoObj *)t);
	bpf_task_release(t);
	return v;
}

/* The release kfunc given another type's referenced pointer. */
SEC("syscall")
int put_other_type(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1);

	if (!t)
		return 0;
	bpf_demo_obj_put((struct DemoObj *)t);
	return 0;
}

/* An untrusted DemoObj pointer (loaded from a __kptr_untrusted field). */
SEC("syscall")
int value_untrusted(void *ctx)
{
	u32 key = 0;
	struct holder *h = bpf_map_lookup_elem(&holders, &key);
	struct DemoObj *o;

	if (!h)
		return 0;
	o = h->obj;
	if (!o)
		return 0;
	return bpf_demo_obj_value(o);
}

/* A pointer used after the program released it. */
SEC("syscall")
int value_released(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);

	if (!o)
		return 0;
	bpf_demo_obj_put(o);
	return bpf_demo_obj_value(o);
}

/* A real object's pointer moved into the object (o + 8): not a DemoObj. */
SEC("syscall")
int value_offset(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);
	u64 v;

	if (!o)
		return 0;
	v = bpf_demo_obj_value((const struct DemoObj *)((const u8 *)o + 8));
	bpf_demo_obj_put(o);
	return v;
}

/* Writing a field of a real object: the kfuncs read it through `&DemoObj`
 * (read-only but for its atomics), so BPF must not write it. */
SEC("syscall")
int obj_write(void *ctx)
{
	struct DemoObj *o = (struct DemoObj *)bpf_demo_obj_get(1);

	if (!o)
		return 0;
	o->value = 1;
	bpf_demo_obj_put(o);
	return 0;
}

/* Option<&DemoObj> (__nullable): NULL is fine, but not a stack object. */
SEC("syscall")
int peek_stack(void *ctx)
{
	struct DemoObj fake = {};

	return bpf_demo_peek(&fake);
}

/* The release kfunc given a ringbuf record: referenced, so release's own
 * check passes; only the object type stops it ("forged release"). */
SEC("syscall")
int put_ringbuf(void *ctx)
{
	struct DemoObj *r = bpf_ringbuf_reserve(&records, 16, 0);

	if (!r)
		return 0;
	bpf_demo_obj_put(r);
	return 0;
}

/* Option<&DemoObj> given a map value. */
SEC("syscall")
int peek_map(void *ctx)
{
	u32 key = 0;
	struct big_value *v = bpf_map_lookup_elem(&values, &key);

	if (!v)
		return 0;
	return bpf_demo_peek((const struct DemoObj *)v);
}

/* The release kfunc given packet data. */
SEC("tc")
int put_packet(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	if (data + 16 > end)
		return 0;
	bpf_demo_obj_put((struct DemoObj *)data);
	return 0;
}

/* The release kfunc given a stack object. */
SEC("syscall")
int put_stack(void *ctx)
{
	struct DemoObj fake = {};

	bpf_demo_obj_put(&fake);
	return 0;
}

/* A reference released twice. */
SEC("syscall")
int put_twice(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(1);

	if (!o)
		return 0;
	bpf_demo_obj_put(o);
	bpf_demo_obj_put(o);
	return 0;
}

/* The control: a real object, acquired, read through both kfuncs and
 * released, is accepted and gives the object's payload (key 2: 2007). */
SEC("syscall")
int real_object(void *ctx)
{
	struct DemoObj *o = bpf_demo_obj_get(2);
	u64 v;

	if (!o)
		return 0;
	v = bpf_demo_obj_value(o) + bpf_demo_peek(o) + bpf_demo_peek(0);
	bpf_demo_obj_put(o);
	return v;
}

/* Copied<DemoArgs>: the verifier accepts plain memory for a data struct,
 * but not NULL, a made-up address or memory shorter than the struct. */
SEC("syscall")
int args_null(void *ctx)
{
	return bpf_demo_args_eval((const struct DemoArgs *)0);
}

SEC("syscall")
int args_scalar(void *ctx)
{
	return bpf_demo_args_eval((const struct DemoArgs *)64);
}

SEC("syscall")
int args_short(void *ctx)
{
	u64 buf = 1;	/* 8 bytes; DemoArgs has 16 */

	return bpf_demo_args_eval((const struct DemoArgs *)&buf);
}

/* RacyBytes with its size: the verifier checks `len` readable bytes at
 * `buf`, and refuses NULL (even with size 0) and made-up addresses. */
SEC("syscall")
int bytes_null(void *ctx)
{
	return bpf_demo_sum((const u8 *)0, 0);
}

SEC("syscall")
int bytes_scalar(void *ctx)
{
	return bpf_demo_sum((const u8 *)64, 8);
}

/* `bpf_demo_task_pid(task: &Task)`, a kernel object borrowed as the kernel
 * crate's wrapper: a fake task on the program's stack. task_struct is not a
 * struct of scalars, so the verifier demands a task_struct pointer. */
SEC("syscall")
int task_stack(void *ctx)
{
	u64 buf[32] = {};

	return bpf_demo_task_pid((struct task_struct *)buf);
}

/* An untrusted task pointer: a pointer field walked from a trusted task
 * (`parent` is not on the verifier's list of trusted task fields). */
SEC("syscall")
int task_untrusted(void *ctx)
{
	struct task_struct *t = bpf_task_from_pid(1);
	int r;

	if (!t)
		return 0;
	r = bpf_demo_task_pid(t->parent);
	bpf_task_release(t);
	return r;
}
