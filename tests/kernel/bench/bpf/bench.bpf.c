// SPDX-License-Identifier: GPL-2.0
/*
 * The call-cost benchmark's BPF programs: one program per kfunc and
 * implementation, generated from one template, so the Rust kfuncs
 * (bench_rs.ko, examples/bench_kfuncs) and their C twins (bench_c.ko,
 * tests/kernel/bench/bench_c) are called by identical code. Each program
 * calls its kfunc BENCH_CALLS times (unrolled) and returns a value the
 * kernel tier checks; scripts/bench-kernel.sh runs them with a large
 * repeat count and subtracts the time of `empty`, the same program frame
 * without calls.
 *
 * -DBENCH_IMPLICIT (Linux 7.0+): also the implicit-argument kfuncs.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bench_rs_kfuncs.h"

/* The C module's kfuncs; its object type as BTF describes it. */
struct bench_c_obj {
	u32 key;
	atomic_t refcnt;
	u64 value;
};
extern u64 bpf_bench_c_add(u64 a, u64 b) __ksym;
extern struct bench_c_obj *bpf_bench_c_get(u32 key) __ksym;
extern void bpf_bench_c_put(struct bench_c_obj *o) __ksym;
#ifdef BENCH_IMPLICIT
extern u32 bpf_bench_c_id(void) __ksym;
#endif

char LICENSE[] SEC("license") = "GPL";

/* Calls per program; scripts/bench-kernel.sh divides by it. */
#define BENCH_CALLS 32
/* The object the acquire/release programs take (key 3 exists in both). */
#define BENCH_KEY 3

/* The frame of every program below, without a call: the baseline. */
SEC("tc")
int empty(struct __sk_buff *skb)
{
	return 7;
}

/* Scalar add: x = add(x, i) for i = 1..32, returns 1 + ... + 32 = 528. */
#define BENCH_ADD(impl)							\
SEC("tc")								\
int impl##_add(struct __sk_buff *skb)					\
{									\
	u64 x = 0;							\
									\
	_Pragma("unroll")						\
	for (int i = 1; i <= BENCH_CALLS; i++)				\
		x = bpf_bench_##impl##_add(x, i);			\
	return x;							\
}

/* Acquire + NULL check + release, 32 times; returns the sum of the keys
 * read through the acquired pointers (32 * 3 = 96), -1 on a NULL. A pair
 * counts as one call. */
#define BENCH_GET_PUT(impl, obj_t)					\
SEC("tc")								\
int impl##_get_put(struct __sk_buff *skb)				\
{									\
	u32 sum = 0;							\
									\
	_Pragma("unroll")						\
	for (int i = 0; i < BENCH_CALLS; i++) {				\
		obj_t *o = bpf_bench_##impl##_get(BENCH_KEY);		\
									\
		if (!o)							\
			return -1;					\
		sum += o->key;						\
		bpf_bench_##impl##_put(o);				\
	}								\
	return sum;							\
}

/* Implicit argument: the program's id, 32 times; returns the id (checked
 * against the id libbpf got), 0 if two calls disagree. */
#define BENCH_ID(impl)							\
SEC("tc")								\
int impl##_id(struct __sk_buff *skb)					\
{									\
	u32 id = bpf_bench_##impl##_id();				\
									\
	_Pragma("unroll")						\
	for (int i = 1; i < BENCH_CALLS; i++)				\
		if (bpf_bench_##impl##_id() != id)			\
			return 0;					\
	return id;							\
}

BENCH_ADD(rs)
BENCH_ADD(c)
BENCH_GET_PUT(rs, const struct BenchRsObj)
BENCH_GET_PUT(c, struct bench_c_obj)
#ifdef BENCH_IMPLICIT
BENCH_ID(rs)
BENCH_ID(c)
#endif
