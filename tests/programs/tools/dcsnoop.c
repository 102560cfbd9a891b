// dcsnoop: dentry cache lookups and misses, with the name looked up.
#include <uapi/linux/ptrace.h>
#include <linux/fs.h>
#include <linux/sched.h>

#define MAX_FILE_LEN 64

enum lookup_type { LOOKUP_MISS, LOOKUP_REFERENCE };

struct entry_t {
    char name[MAX_FILE_LEN];
};

struct data_t {
    u32 pid;
    enum lookup_type type;
    char comm[TASK_COMM_LEN];
    char filename[MAX_FILE_LEN];
};

BPF_HASH(entrybypid, u32, struct entry_t);
BPF_PERF_OUTPUT(events);

int trace_fast(struct pt_regs *ctx, struct nameidata *nd, struct path *path) {
    struct data_t data = {.type = LOOKUP_REFERENCE};
    data.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    return 1;
}

int kprobe__d_lookup(struct pt_regs *ctx, const struct dentry *parent, const struct qstr *name) {
    u32 tid = bpf_get_current_pid_tgid();
    struct entry_t entry = {};
    const char *fname = name->name;
    if (fname)
        bpf_probe_read_kernel(&entry.name, sizeof(entry.name), (void *)fname);
    entrybypid.update(&tid, &entry);
    return 0;
}

int kretprobe__d_lookup(struct pt_regs *ctx) {
    u32 tid = bpf_get_current_pid_tgid();
    struct entry_t *ep = entrybypid.lookup(&tid);
    if (ep == 0 || PT_REGS_RC(ctx) != 0) {
        entrybypid.delete(&tid);
        return 0;
    }
    struct data_t data = {.type = LOOKUP_MISS};
    data.pid = tid;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    bpf_probe_read_kernel(&data.filename, sizeof(data.filename), ep->name);
    events.perf_submit(ctx, &data, sizeof(data));
    entrybypid.delete(&tid);
    return 0;
}
