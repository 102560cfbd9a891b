// BPF_CPUMAP: spread packets over CPUs by the receive queue.
#include <uapi/linux/bpf.h>

BPF_CPUMAP(cpumap, 16);
BPF_ARRAY(rx_by_queue, u64, 64);

int xdp_spread(struct xdp_md *ctx) {
    u32 queue = ctx->rx_queue_index;
    int q = queue & 63;
    rx_by_queue.increment(q);
    return cpumap.redirect_map(queue % 16, 0);
}
