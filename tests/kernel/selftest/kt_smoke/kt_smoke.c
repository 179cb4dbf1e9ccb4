// SPDX-License-Identifier: GPL-2.0
/* The harness self-test module: one C kfunc for syscall programs. */
#include <linux/module.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
__bpf_kfunc_start_defs();
__bpf_kfunc u32 kt_smoke_add(u32 a, u32 b) { return a + b; }
__bpf_kfunc_end_defs();
BTF_KFUNCS_START(kt_smoke_set)
BTF_ID_FLAGS(func, kt_smoke_add)
BTF_KFUNCS_END(kt_smoke_set)
static const struct btf_kfunc_id_set kt_smoke_ids = { .owner = THIS_MODULE, .set = &kt_smoke_set };
static int __init kt_smoke_init(void) { return register_btf_kfunc_id_set(BPF_PROG_TYPE_SYSCALL, &kt_smoke_ids); }
static void __exit kt_smoke_exit(void) {}
module_init(kt_smoke_init);
module_exit(kt_smoke_exit);
MODULE_LICENSE("GPL");
