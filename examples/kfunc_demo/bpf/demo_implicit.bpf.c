// SPDX-License-Identifier: GPL-2.0
/*
 * Linux 7.0+: kfuncs with an implicit `struct bpf_prog_aux *` argument. BPF
 * programs call the interface (no aux argument); the verifier passes the
 * calling program's own aux, so the result is the program's id.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "kfunc_demo_kfuncs.h"

/* The BTF-only implementation prototype: declared here only to show that a
 * direct call is refused. */
extern u32 bpf_demo_prog_id_impl(struct bpf_prog_aux *aux) __ksym __weak;

char LICENSE[] SEC("license") = "GPL";

/* add_prog_id: the full value bpf_demo_add_prog_id(5) returned, read back by
 * scripts/demo.sh (`kload run ... --globals`). */
u64 apid_sum;

/* Returns the calling program's id (checked against the id libbpf got). */
SEC("syscall")
int prog_id(void *ctx)
{
	return bpf_demo_prog_id();
}

/* An explicit argument before the implicit one: (5 + id) - 5 = id. */
SEC("syscall")
int add_prog_id(void *ctx)
{
	apid_sum = bpf_demo_add_prog_id(5);
	return apid_sum - 5;
}

/* The same from a tc program. */
SEC("tc")
int tc_prog_id(struct __sk_buff *skb)
{
	return bpf_demo_prog_id();
}

/* REJECT: calling the BTF-only implementation directly. */
SEC("syscall")
int impl_direct(void *ctx)
{
	return bpf_demo_prog_id_impl((void *)0);
}
