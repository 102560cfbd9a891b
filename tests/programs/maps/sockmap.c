// BPF_SOCKMAP: sock_ops adds sockets, an sk_msg program redirects by index.
// tk-load: add_socket=SOCK_OPS redirect_msg=SK_MSG
#include <uapi/linux/bpf.h>

BPF_SOCKMAP(socks, 64);

int add_socket(struct bpf_sock_ops *skops) {
    u32 key = skops->local_port % 64;
    if (skops->op == BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB)
        socks.sock_map_update(skops, &key, BPF_ANY);
    return 1;
}

int redirect_msg(struct sk_msg_md *msg) {
    return socks.msg_redirect_map(msg, msg->remote_port % 64, BPF_F_INGRESS);
}
