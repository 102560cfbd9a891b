// A cgroup_skb egress program: allow everything, count IPv6 packets.
// tk-load: egress=CGROUP_SKB
#include <uapi/linux/bpf.h>
#include <linux/if_ether.h>

BPF_ARRAY(ipv6_packets, u64, 1);

int egress(struct __sk_buff *skb) {
    if (skb->protocol == bpf_htons(ETH_P_IPV6)) {
        int zero = 0;
        ipv6_packets.increment(zero);
    }
    return 1;
}
