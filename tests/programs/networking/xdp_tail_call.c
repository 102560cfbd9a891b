// XDP programs chained with a program array (tail calls by protocol).
#include <uapi/linux/bpf.h>
#include <linux/if_ether.h>

BPF_PROG_ARRAY(parsers, 8);

int xdp_entry(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *data_end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > data_end)
        return XDP_PASS;
    if (eth->h_proto == bpf_htons(ETH_P_IP))
        parsers.call(ctx, 0);
    else if (eth->h_proto == bpf_htons(ETH_P_IPV6))
        parsers.call(ctx, 1);
    return XDP_PASS;
}

int xdp_ipv4(struct xdp_md *ctx) {
    return XDP_PASS;
}
