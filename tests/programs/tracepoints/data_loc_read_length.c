// TP_DATA_LOC_READ: the length stored in the __data_loc field, bounded for the verifier by
// reading into a buffer of the largest size (net:netif_receive_skb's device name).
#include <uapi/linux/ptrace.h>

struct name_t {
    char name[64];
};

BPF_PERCPU_ARRAY(scratch, struct name_t, 1);
BPF_HASH(packets, struct name_t);

TRACEPOINT_PROBE(net, netif_receive_skb) {
    int zero = 0;
    struct name_t *n = scratch.lookup(&zero);
    if (!n)
        return 0;
    if ((args->data_loc_name >> 16) > sizeof(n->name))
        return 0;
    unsigned short off = args->data_loc_name & 0xFFFF;
    bpf_probe_read_kernel(n->name, sizeof(n->name), (char *)args + off);
    packets.increment(*n);
    return 0;
}
