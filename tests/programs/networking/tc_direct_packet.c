// Direct packet access from a tc program (data/data_end), no probe reads involved.
// tk-load: count_ipv4=SCHED_CLS
#include <uapi/linux/bpf.h>
#include <uapi/linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

BPF_HASH(by_dst, u32);

int count_ipv4(struct __sk_buff *skb) {
    void *data = (void *)(long)skb->data;
    void *data_end = (void *)(long)skb->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
        return TC_ACT_OK;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
        return TC_ACT_OK;
    u32 daddr = ip->daddr;
    by_dst.increment(daddr);
    return TC_ACT_OK;
}
