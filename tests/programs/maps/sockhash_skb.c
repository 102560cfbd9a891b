// sk_redirect_hash() from an sk_skb program, with BPF_SOCKHASH's default key (u32).
// tk-load: skb_verdict=SK_SKB
#include <uapi/linux/bpf.h>

BPF_SOCKHASH(by_port);

int skb_verdict(struct __sk_buff *skb) {
    u32 key = skb->local_port;
    return by_port.sk_redirect_hash(skb, &key, 0);
}
