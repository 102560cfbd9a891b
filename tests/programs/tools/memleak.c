// memleak: outstanding allocations by stack, from uprobes on malloc/free.
#include <uapi/linux/ptrace.h>

struct alloc_info_t {
    u64 size;
    u64 timestamp_ns;
    int stack_id;
};

struct combined_alloc_info_t {
    u64 total_size;
    u64 number_of_allocs;
};

BPF_HASH(sizes, u64);
BPF_HASH(allocs, u64, struct alloc_info_t, 1000000);
BPF_HASH(memptrs, u64, u64);
BPF_STACK_TRACE(stack_traces, 10240);
BPF_HASH(combined_allocs, u64, struct combined_alloc_info_t, 10240);

static inline void update_statistics_add(u64 stack_id, u64 sz) {
    struct combined_alloc_info_t *existing_cinfo;
    struct combined_alloc_info_t cinfo = {0};
    existing_cinfo = combined_allocs.lookup(&stack_id);
    if (existing_cinfo != 0)
        cinfo = *existing_cinfo;
    cinfo.total_size += sz;
    cinfo.number_of_allocs += 1;
    combined_allocs.update(&stack_id, &cinfo);
}

int malloc_enter(struct pt_regs *ctx, size_t size) {
    u64 pid = bpf_get_current_pid_tgid();
    u64 size64 = size;
    sizes.update(&pid, &size64);
    return 0;
}

int malloc_exit(struct pt_regs *ctx) {
    u64 address = PT_REGS_RC(ctx);
    u64 pid = bpf_get_current_pid_tgid();
    u64 *size64 = sizes.lookup(&pid);
    struct alloc_info_t info = {0};
    if (size64 == 0)
        return 0;
    info.size = *size64;
    sizes.delete(&pid);
    if (address != 0) {
        info.timestamp_ns = bpf_ktime_get_ns();
        info.stack_id = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
        allocs.update(&address, &info);
        update_statistics_add(info.stack_id, info.size);
    }
    return 0;
}

int free_enter(struct pt_regs *ctx, void *address) {
    u64 addr = (u64)address;
    struct alloc_info_t *info = allocs.lookup(&addr);
    if (info == 0)
        return 0;
    allocs.delete(&addr);
    return 0;
}
