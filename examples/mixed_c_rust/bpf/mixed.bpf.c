// SPDX-License-Identifier: GPL-2.0
/*
 * One program calling the C kfuncs and the Rust kfuncs of kfunc_mixed.ko.
 * The Rust ones come from `kfunc-btf header`; the C ones are declared here,
 * as for any C module.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kfunc_mixed_kfuncs.h"

/* the C part's module type (not in vmlinux.h) */
struct mixed_pair {
	u32 a;
	u32 b;
};

extern u32 bpf_mixed_c_mul(u32 a, u32 b) __ksym;
extern u32 bpf_mixed_c_pair_sum(struct mixed_pair *p, u32 p__sz) __ksym;

char LICENSE[] SEC("license") = "GPL";

/* 6 * 7 + (1 + 2) + 2 * 10 + (30 + 12) = 107 */
SEC("syscall")
int both(void *ctx)
{
	struct mixed_pair p = { .a = 30, .b = 12 };

	return bpf_mixed_c_mul(6, 7) + bpf_mixed_rs_add(1, 2) +
	       (u32)bpf_mixed_rs_twice(10) + bpf_mixed_c_pair_sum(&p, sizeof(p));
}
