// BPF_DEVMAP and redirect_map(): forward every packet to the interface at index 0.
#include <uapi/linux/bpf.h>

BPF_DEVMAP(tx_port, 1);

int xdp_redirect_map(struct xdp_md *ctx) {
    return tx_port.redirect_map(0, 0);
}

int xdp_dummy(struct xdp_md *ctx) {
    return XDP_PASS;
}
