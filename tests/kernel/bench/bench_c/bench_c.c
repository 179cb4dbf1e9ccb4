// SPDX-License-Identifier: GPL-2.0
/*
 * bench_c: the C half of the Rust-vs-C kfunc call-cost benchmark.
 *
 * The same kfuncs as the Rust module examples/bench_kfuncs (bench_rs), with
 * the same bodies, declared the way C modules do: a scalar add, an
 * acquire/release pair over a refcounted module object, and on Linux 7.0+ a
 * kfunc with an implicit struct bpf_prog_aux argument. Registered for tc
 * programs, whose test runs accept a repeat count.
 */
#include <linux/atomic.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/module.h>

/* A refcounted object BPF programs hold references to (bench_rs's
 * BenchRsObj: key, a 32-bit atomic count, a payload). */
struct bench_c_obj {
	u32 key;
	atomic_t refcnt;
	u64 value;
};

#define BENCH_C_OBJS 4
#define BENCH_C_OBJ(k) { .key = (k), .refcnt = ATOMIC_INIT(0), .value = (k) * 1000 + 7 }

static struct bench_c_obj bench_c_objs[BENCH_C_OBJS] = {
	BENCH_C_OBJ(0), BENCH_C_OBJ(1), BENCH_C_OBJ(2), BENCH_C_OBJ(3),
};

__bpf_kfunc_start_defs();

/* a + b, wrapping. */
__bpf_kfunc u64 bpf_bench_c_add(u64 a, u64 b)
{
	return a + b;
}

/* A reference to the object of key, or NULL for an unknown key. */
__bpf_kfunc struct bench_c_obj *bpf_bench_c_get(u32 key)
{
	struct bench_c_obj *o;

	if (key >= BENCH_C_OBJS)
		return NULL;
	o = &bench_c_objs[key];
	atomic_inc(&o->refcnt);
	return o;
}

/* Releases a reference taken with bpf_bench_c_get. */
__bpf_kfunc void bpf_bench_c_put(struct bench_c_obj *o)
{
	atomic_dec(&o->refcnt);
}

#ifdef KF_IMPLICIT_ARGS
/* The calling program's id; BPF calls it without arguments and the
 * verifier passes the program's own aux (Linux 7.0+). */
__bpf_kfunc u32 bpf_bench_c_id(struct bpf_prog_aux *aux)
{
	return aux->id;
}
#endif

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(bench_c_set)
BTF_ID_FLAGS(func, bpf_bench_c_add)
BTF_ID_FLAGS(func, bpf_bench_c_get, KF_ACQUIRE | KF_RET_NULL)
BTF_ID_FLAGS(func, bpf_bench_c_put, KF_RELEASE)
#ifdef KF_IMPLICIT_ARGS
BTF_ID_FLAGS(func, bpf_bench_c_id, KF_IMPLICIT_ARGS)
#endif
BTF_KFUNCS_END(bench_c_set)

static const struct btf_kfunc_id_set bench_c_ids = {
	.owner = THIS_MODULE,
	.set = &bench_c_set,
};

static int __init bench_c_init(void)
{
	int err = register_btf_kfunc_id_set(BPF_PROG_TYPE_SCHED_CLS, &bench_c_ids);

	if (!err)
		pr_info("bench_c: kfuncs registered for tc programs\n");
	return err;
}

static void __exit bench_c_exit(void)
{
}

module_init(bench_c_init);
module_exit(bench_c_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("C kfuncs of the Rust-vs-C call-cost benchmark");
