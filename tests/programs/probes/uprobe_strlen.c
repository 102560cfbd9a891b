// A uprobe counting strlen() calls by the string's first bytes (argument 1 is a user pointer).
#include <uapi/linux/ptrace.h>

struct key_t {
    char c[16];
};

BPF_HASH(counts, struct key_t);

int count(struct pt_regs *ctx) {
    if (!PT_REGS_PARM1(ctx))
        return 0;
    struct key_t key = {};
    bpf_probe_read_user(&key.c, sizeof(key.c), (void *)PT_REGS_PARM1(ctx));
    counts.increment(key);
    return 0;
}
