// <bcc/proto.h> in a socket filter: header layouts for sizes and offsets, packet bytes read
// with load_half/load_byte.
// tk-load: ip_filter=SOCKET_FILTER
#include <uapi/linux/bpf.h>
#include <linux/if_ether.h>
#include <bcc/proto.h>

BPF_ARRAY(protocols, u64, 256);

int ip_filter(struct __sk_buff *skb) {
    u64 type = load_half(skb, 12);  // ethernet_t's type follows two 6-byte addresses
    if (type != ETH_P_IP)
        return 0;
    int proto = load_byte(skb, sizeof(struct ethernet_t) + offsetof(struct ip_t, nextp));
    protocols.increment(proto);
    return -1;
}
