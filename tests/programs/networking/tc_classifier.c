// A tc classifier counting packets by protocol and sending the first bytes to user space.
// tk-load: classify=SCHED_CLS
#include <uapi/linux/bpf.h>
#include <uapi/linux/pkt_cls.h>
#include <linux/if_ether.h>

struct pkt_t {
    u32 len;
    u16 protocol;
};

BPF_ARRAY(by_proto, u64, 65536);
BPF_PERF_OUTPUT(packets);

int classify(struct __sk_buff *skb) {
    int proto = bpf_ntohs(skb->protocol);
    by_proto.increment(proto);
    struct pkt_t p = {.len = skb->len, .protocol = proto};
    packets.perf_submit_skb(skb, skb->len > 64 ? 64 : skb->len, &p, sizeof(p));
    return TC_ACT_OK;
}
