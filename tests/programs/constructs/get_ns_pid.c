// bpf_get_current_pid_tgid, uid/gid, comm and cgroup id in one record.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct who_t {
    u32 pid;
    u32 tid;
    u32 uid;
    u32 gid;
    u64 cgroup;
    char comm[TASK_COMM_LEN];
};

BPF_RINGBUF_OUTPUT(who, 4);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    struct who_t w = {};
    u64 id = bpf_get_current_pid_tgid();
    u64 ug = bpf_get_current_uid_gid();
    w.pid = id >> 32;
    w.tid = id;
    w.uid = ug;
    w.gid = ug >> 32;
    w.cgroup = bpf_get_current_cgroup_id();
    bpf_get_current_comm(&w.comm, sizeof(w.comm));
    who.ringbuf_output(&w, sizeof(w), 0);
    return 0;
}
