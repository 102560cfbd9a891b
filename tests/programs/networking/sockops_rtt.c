// A sock_ops program reading the context's fields and asking for RTT callbacks.
// tk-load: rtt_ops=SOCK_OPS
#include <uapi/linux/bpf.h>

BPF_HISTOGRAM(srtt_us);

int rtt_ops(struct bpf_sock_ops *skops) {
    switch (skops->op) {
    case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB:
    case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB:
        bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_RTT_CB_FLAG);
        break;
    case BPF_SOCK_OPS_RTT_CB:
        srtt_us.increment(bpf_log2l(skops->srtt_us >> 3));
        break;
    }
    return 1;
}
