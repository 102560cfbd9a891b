// BPF_CGROUP_STORAGE and get_local_storage(): bytes sent by each cgroup.
// tk-load: count_egress=CGROUP_SKB
#include <uapi/linux/bpf.h>

BPF_CGROUP_STORAGE(egress_bytes, u64);

int count_egress(struct __sk_buff *skb) {
    u64 *bytes = egress_bytes.get_local_storage(0);
    __sync_fetch_and_add(bytes, skb->len);
    return 1;
}
