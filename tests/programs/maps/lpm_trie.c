// BPF_LPM_TRIE: longest-prefix match of IPv4 destinations (the key starts with the prefix
// length, as the kernel requires).
#include <uapi/linux/ptrace.h>
#include <net/sock.h>

struct ipv4_lpm_key {
    u32 prefixlen;
    u32 addr;
};

BPF_LPM_TRIE(allowed, struct ipv4_lpm_key, u64, 128);

int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk) {
    struct ipv4_lpm_key key = {.prefixlen = 32};
    key.addr = sk->__sk_common.skc_daddr;
    u64 *hits = allowed.lookup(&key);
    if (hits)
        __sync_fetch_and_add(hits, 1);
    return 0;
}
