// BPF_XSKMAP: hand packets to an AF_XDP socket bound to the receive queue, if there is one.
#include <uapi/linux/bpf.h>

BPF_XSKMAP(xsks_map, 8);

int xdp_sock_prog(struct xdp_md *ctx) {
    int index = ctx->rx_queue_index;
    if (xsks_map.lookup(&index))
        return xsks_map.redirect_map(index, 0);
    return XDP_PASS;
}
