// BPF_SOCKHASH keyed by the connection's 4-tuple: sock_hash_update() from sock_ops and
// msg_redirect_hash() from sk_msg, as BCC's sockmap example does.
// tk-load: bpf_sockhash=SOCK_OPS bpf_redir=SK_MSG
#include <uapi/linux/bpf.h>

struct sock_key {
    u32 remote_ip4;
    u32 local_ip4;
    u32 remote_port;
    u32 local_port;
};

BPF_SOCKHASH(sock_hash, struct sock_key, 65535);

int bpf_sockhash(struct bpf_sock_ops *skops) {
    u32 op = skops->op;
    if (op != BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB && op != BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB)
        return 0;
    if (skops->family != 2)  // AF_INET
        return 0;
    struct sock_key key = {};
    key.remote_ip4 = skops->remote_ip4;
    key.local_ip4 = skops->local_ip4;
    key.local_port = skops->local_port;
    key.remote_port = bpf_ntohl(skops->remote_port);
    sock_hash.sock_hash_update(skops, &key, BPF_NOEXIST);
    return 0;
}

int bpf_redir(struct sk_msg_md *msg) {
    if (msg->family != 2)
        return SK_PASS;
    struct sock_key key = {};
    key.remote_ip4 = msg->local_ip4;
    key.local_ip4 = msg->remote_ip4;
    key.local_port = bpf_ntohl(msg->remote_port);
    key.remote_port = msg->local_port;
    return sock_hash.msg_redirect_hash(msg, &key, BPF_F_INGRESS);
}
