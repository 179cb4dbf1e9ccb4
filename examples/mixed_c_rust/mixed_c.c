// SPDX-License-Identifier: GPL-2.0
/*
 * The C part of kfunc_mixed: two C kfuncs in a C kfunc set, registered for
 * syscall programs the C way. The kernel's resolve_btfids fills this set's
 * ids in .BTF_ids; `kfunc-btf apply`, which renumbers the module's BTF
 * afterwards, must re-resolve them (kbuild/src/btf_ids.rs) or this
 * registration fails with -EINVAL.
 */
#include <linux/module.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>

/* A module type in the C kfuncs' prototypes: its id moves too. */
struct mixed_pair {
	u32 a;
	u32 b;
};

__bpf_kfunc_start_defs();

__bpf_kfunc u32 bpf_mixed_c_mul(u32 a, u32 b)
{
	return a * b;
}

__bpf_kfunc u32 bpf_mixed_c_pair_sum(struct mixed_pair *p, u32 p__sz)
{
	return p__sz >= sizeof(*p) ? p->a + p->b : 0;
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(mixed_c_set)
BTF_ID_FLAGS(func, bpf_mixed_c_mul)
BTF_ID_FLAGS(func, bpf_mixed_c_pair_sum)
BTF_KFUNCS_END(mixed_c_set)

static const struct btf_kfunc_id_set mixed_c_ids = {
	.owner = THIS_MODULE,
	.set = &mixed_c_set,
};

/* Called by the Rust part's module init (mixed_main.rs). */
int kfunc_mixed_c_register(void);
int kfunc_mixed_c_register(void)
{
	return register_btf_kfunc_id_set(BPF_PROG_TYPE_SYSCALL, &mixed_c_ids);
}
