// BPF_PERCPU_CGROUP_STORAGE: per-CPU packet counts of a cgroup.
// tk-load: count_ingress=CGROUP_SKB
#include <uapi/linux/bpf.h>

struct counters {
    u64 packets;
    u64 bytes;
};

BPF_PERCPU_CGROUP_STORAGE(ingress, struct counters);

int count_ingress(struct __sk_buff *skb) {
    struct counters *c = ingress.get_local_storage(0);
    c->packets++;
    c->bytes += skb->len;
    return 1;
}
