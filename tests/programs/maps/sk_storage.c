// BPF_SK_STORAGE: per-socket data created by a sock_ops program.
// tk-load: sockops_storage=SOCK_OPS
#include <uapi/linux/bpf.h>

struct conn_info {
    u64 established_ns;
    u32 callbacks;
};

BPF_SK_STORAGE(conns, struct conn_info);

int sockops_storage(struct bpf_sock_ops *skops) {
    struct bpf_sock *sk = skops->sk;
    if (!sk)
        return 1;
    struct conn_info *info = conns.sk_storage_get(sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
    if (!info)
        return 1;
    info->callbacks++;
    if (skops->op == BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB)
        info->established_ns = bpf_ktime_get_ns();
    if (skops->op == BPF_SOCK_OPS_STATE_CB)
        conns.sk_storage_delete(sk);
    return 1;
}
