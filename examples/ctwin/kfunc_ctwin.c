// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc_ctwin: the C twins of examples/kfunc_demo's kfuncs, declared as C
 * modules declare kfuncs (same names, parameter names and types as the
 * Rust ones). Never loaded together with kfunc_demo: the verifier finds a
 * kfunc's address by name. The bodies only need to be plausible; what is
 * compared is the BTF of the prototypes.
 */
#include <linux/module.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/sched.h>
#include <linux/slab.h>

/* An object: kfunc-btf ends every #[derive(BtfType)] struct with the
 * zero-length array __kfunc_object, so that the verifier takes only a
 * pointer to a real DemoObj (not a program's stack or a map value, which it
 * accepts for a struct of scalars). A C module that wants the same
 * guarantee declares it the same way. */
struct DemoObj {
	u32 key;
	u64 value;
	u8 __kfunc_object[0];
};

/* Plain data (#[btf(data)]): a struct of scalars, passed by pointer from
 * the program's stack or a map value. */
struct DemoArgs {
	u64 a;
	u32 b;
	u32 scale;
};

/* Live objects per key: the Rust module's objects are owned by an Arc
 * (one strong count per reference a program holds); the C twin allocates
 * one object per reference. */
static atomic_t live[4];

__bpf_kfunc_start_defs();

__bpf_kfunc u64 bpf_demo_add(u64 a, u64 b)
{
	return a + b;
}

__bpf_kfunc struct DemoObj *bpf_demo_obj_get(u32 key)
{
	struct DemoObj *obj;

	if (key >= ARRAY_SIZE(live))
		return NULL;
	obj = kmalloc(sizeof(*obj), GFP_ATOMIC);
	if (!obj)
		return NULL;
	obj->key = key;
	obj->value = (u64)key * 1000 + 7;
	atomic_inc(&live[key]);
	return obj;
}

__bpf_kfunc void bpf_demo_obj_put(struct DemoObj *obj)
{
	atomic_dec(&live[obj->key]);
	kfree(obj);
}

__bpf_kfunc u64 bpf_demo_obj_value(const struct DemoObj *obj)
{
	return obj->value;
}

__bpf_kfunc u64 bpf_demo_peek(const struct DemoObj *obj__nullable)
{
	return obj__nullable ? obj__nullable->value : 0;
}

__bpf_kfunc u64 bpf_demo_args_eval(const struct DemoArgs *args)
{
	return args->a * args->scale + args->b;
}

__bpf_kfunc u32 bpf_demo_obj_refs(u32 key)
{
	return key < ARRAY_SIZE(live) ? atomic_read(&live[key]) : U32_MAX;
}

__bpf_kfunc u32 bpf_demo_u8(u8 x)
{
	return x;
}

__bpf_kfunc u32 bpf_demo_bool(bool b)
{
	return b;
}

__bpf_kfunc s64 bpf_demo_i16(s16 x)
{
	return x;
}

__bpf_kfunc s32 bpf_demo_task_pid(struct task_struct *task)
{
	return task->pid;
}

__bpf_kfunc u32 bpf_demo_sleepy(u32 x)
{
	return x;
}

__bpf_kfunc u32 bpf_demo_syscall_only(void)
{
	return 7;
}

__bpf_kfunc u64 bpf_demo_sum(const u8 *buf, u32 len__sz)
{
	u64 s = 0;
	u32 i;

	for (i = 0; i < len__sz; i++)
		s += buf[i];
	return s;
}

#ifdef KF_IMPLICIT_ARGS
__bpf_kfunc u32 bpf_demo_prog_id(struct bpf_prog_aux *aux)
{
	return aux->id;
}

__bpf_kfunc u64 bpf_demo_add_prog_id(u32 x, struct bpf_prog_aux *aux)
{
	return (u64)x + aux->id;
}
#endif

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(ctwin_set)
BTF_ID_FLAGS(func, bpf_demo_add)
BTF_ID_FLAGS(func, bpf_demo_obj_get, KF_ACQUIRE | KF_RET_NULL)
BTF_ID_FLAGS(func, bpf_demo_obj_put, KF_RELEASE)
BTF_ID_FLAGS(func, bpf_demo_obj_value)
BTF_ID_FLAGS(func, bpf_demo_peek)
BTF_ID_FLAGS(func, bpf_demo_args_eval)
BTF_ID_FLAGS(func, bpf_demo_obj_refs)
BTF_ID_FLAGS(func, bpf_demo_u8)
BTF_ID_FLAGS(func, bpf_demo_bool)
BTF_ID_FLAGS(func, bpf_demo_i16)
BTF_ID_FLAGS(func, bpf_demo_task_pid)
BTF_ID_FLAGS(func, bpf_demo_sleepy, KF_SLEEPABLE)
BTF_ID_FLAGS(func, bpf_demo_syscall_only)
BTF_ID_FLAGS(func, bpf_demo_sum)
#ifdef KF_IMPLICIT_ARGS
BTF_ID_FLAGS(func, bpf_demo_prog_id, KF_IMPLICIT_ARGS)
BTF_ID_FLAGS(func, bpf_demo_add_prog_id, KF_IMPLICIT_ARGS)
#endif
BTF_KFUNCS_END(ctwin_set)

static const struct btf_kfunc_id_set ctwin_ids = {
	.owner = THIS_MODULE,
	.set = &ctwin_set,
};

static int __init ctwin_init(void)
{
	return register_btf_kfunc_id_set(BPF_PROG_TYPE_SYSCALL, &ctwin_ids);
}

static void __exit ctwin_exit(void)
{
}

module_init(ctwin_init);
module_exit(ctwin_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("C twins of kfunc_demo's kfuncs (BTF comparison)");
