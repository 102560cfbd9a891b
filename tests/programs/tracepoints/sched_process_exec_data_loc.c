// sched:sched_process_exec carries the file name as a __data_loc field, read with
// TP_DATA_LOC_READ_CONST.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct event_t {
    u32 pid;
    u32 old_pid;
    char filename[128];
};

BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct event_t e = {};
    e.pid = args->pid;
    e.old_pid = args->old_pid;
    TP_DATA_LOC_READ_CONST(e.filename, filename, sizeof(e.filename));
    events.perf_submit(args, &e, sizeof(e));
    return 0;
}
