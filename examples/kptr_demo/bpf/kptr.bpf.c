// SPDX-License-Identifier: GPL-2.0
/*
 * kptr_demo's objects kept in a map: `store` puts a referenced KptrObj into
 * a map value field with bpf_kptr_xchg, `take` (a second program, sharing
 * the map through its pin) exchanges it out and releases it, `drop_entry`
 * deletes the entry while it holds an object (the kernel then calls the
 * module's destructor), `refs` reports the object's reference count. The map
 * is pinned by name (/sys/fs/bpf/kptr_map) so it outlives each program run.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kptr_demo_kfuncs.h"

char LICENSE[] SEC("license") = "GPL";

#define KEY 1	/* the object the programs use: value 1007 */

struct map_value {
	struct KptrObj __kptr *obj;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, u32);
	__type(value, struct map_value);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} kptr_map SEC(".maps");

static struct map_value *slot(void)
{
	struct map_value zero = {};
	struct map_value *v;
	u32 k = 0;

	v = bpf_map_lookup_elem(&kptr_map, &k);
	if (v)
		return v;
	bpf_map_update_elem(&kptr_map, &k, &zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(&kptr_map, &k);
}

/* Stores a new reference; returns the count afterwards (1: the map's). */
SEC("syscall")
int store(void *ctx)
{
	struct map_value *v = slot();
	struct KptrObj *o, *old;

	if (!v)
		return -1;
	o = bpf_kptr_obj_get(KEY);
	if (!o)
		return -2;
	old = bpf_kptr_xchg(&v->obj, o);
	if (old) {
		bpf_kptr_obj_put(old);
		return -3;
	}
	return bpf_kptr_obj_refs(KEY);
}

/* Takes the stored reference out, reads it, releases it: the payload
 * (1007) if the count is then back to 0. */
SEC("syscall")
int take(void *ctx)
{
	struct map_value *v;
	struct KptrObj *o;
	u32 k = 0;
	u64 val;

	v = bpf_map_lookup_elem(&kptr_map, &k);
	if (!v)
		return -1;
	o = bpf_kptr_xchg(&v->obj, NULL);
	if (!o)
		return -2;
	val = bpf_kptr_obj_value(o);
	bpf_kptr_obj_put(o);
	return bpf_kptr_obj_refs(KEY) == 0 ? (int)val : -3;
}

/* Deletes the entry, which holds an object: 100 + the count afterwards. */
SEC("syscall")
int drop_entry(void *ctx)
{
	u32 k = 0;
	long r;

	r = bpf_map_delete_elem(&kptr_map, &k);
	if (r)
		return r;
	return 100 + bpf_kptr_obj_refs(KEY);
}

SEC("syscall")
int refs(void *ctx)
{
	return bpf_kptr_obj_refs(KEY);
}

/* A KBox-owned object: made, read, given back (which frees it). Returns the
 * payload if no box is alive afterwards. */
SEC("syscall")
int kbox(void *ctx)
{
	struct KptrBox *b = bpf_kptr_box_new(5);
	u64 v;

	if (!b)
		return -1;
	if (bpf_kptr_box_count() != 1) {
		bpf_kptr_box_free(b);
		return -2;
	}
	v = bpf_kptr_box_free(b);
	return bpf_kptr_box_count() == 0 ? (int)v : -3;
}
