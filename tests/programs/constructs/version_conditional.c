// LINUX_VERSION_CODE and KERNEL_VERSION exist in both header modes.
#include <uapi/linux/ptrace.h>
#include <linux/version.h>

BPF_ARRAY(version, u64, 1);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    int zero = 0;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 8, 0)
    u64 v = LINUX_VERSION_CODE;
#else
    u64 v = 0;
#endif
    version.update(&zero, &v);
    return 0;
}
