// SPDX-License-Identifier: GPL-2.0
/* Programs of each test-runnable type, and one calling the kfunc from a
 * program type it is not registered for. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
extern u32 kt_smoke_add(u32 a, u32 b) __ksym;
SEC("syscall") int call_add(void *ctx) { return kt_smoke_add(40, 2); }
SEC("socket") int add_from_socket(struct __sk_buff *skb) { return kt_smoke_add(1, 2); }
SEC("socket") int plain_socket(struct __sk_buff *skb) { return 7; }
SEC("tc") int plain_tc(struct __sk_buff *skb) { return 3; }
SEC("xdp") int plain_xdp(struct xdp_md *x) { return 2; }
SEC("syscall") int prog_id_probe(void *ctx) { return 0; }
char LICENSE[] SEC("license") = "GPL";
