// mysqld_qslower: slow queries from the query__start/query__done USDT probes (the readers
// below are what the USDT support generates for the two programs).
// tk-cflags: -DMIN_NS=1000000
#include <uapi/linux/ptrace.h>

__TK_USDT_READER _bpf_readarg_do_start_1(struct pt_regs *ctx, void *dest, size_t len) {
    u64 v = ctx->di;
    __builtin_memcpy(dest, &v, len < sizeof(v) ? len : sizeof(v));
    return 0;
}

struct start_t {
    u64 ts;
    char *query;
};

struct data_t {
    u32 pid;
    u64 ts;
    u64 delta;
    char query[64];
};

BPF_HASH(start_tmp, u32, struct start_t);
BPF_PERF_OUTPUT(events);

int do_start(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid();
    struct start_t start = {};
    start.ts = bpf_ktime_get_ns();
    bpf_usdt_readarg(1, ctx, &start.query);
    start_tmp.update(&pid, &start);
    return 0;
}

int do_done(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid();
    struct start_t *sp = start_tmp.lookup(&pid);
    if (sp == 0)
        return 0;
    u64 delta = bpf_ktime_get_ns() - sp->ts;
    if (delta >= MIN_NS) {
        struct data_t data = {.pid = pid, .ts = sp->ts, .delta = delta};
        bpf_probe_read_user(&data.query, sizeof(data.query), (void *)sp->query);
        events.perf_submit(ctx, &data, sizeof(data));
    }
    start_tmp.delete(&pid);
    return 0;
}
