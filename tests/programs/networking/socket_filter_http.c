// A socket filter keeping TCP packets to port 80 (raw socket, BCC's http filter style).
// tk-load: http_filter=SOCKET_FILTER
#include <uapi/linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <bcc/proto.h>

int http_filter(struct __sk_buff *skb) {
    if (load_half(skb, 12) != ETH_P_IP)
        return 0;
    if (load_byte(skb, ETH_HLEN + offsetof(struct ip_t, nextp)) != IPPROTO_TCP)
        return 0;
    u32 ip_header_length = (load_byte(skb, ETH_HLEN) & 0x0F) << 2;
    u32 dport = load_half(skb, ETH_HLEN + ip_header_length + offsetof(struct tcp_t, dst_port));
    if (dport == 80)
        return -1;  // keep the whole packet
    return 0;
}
