// sk_redirect_map() from an sk_skb verdict program.
// tk-load: verdict=SK_SKB
#include <uapi/linux/bpf.h>

BPF_SOCKMAP(peers, 16);

int verdict(struct __sk_buff *skb) {
    return peers.sk_redirect_map(skb, 0, 0);
}
