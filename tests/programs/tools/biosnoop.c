// biosnoop, kprobe style: struct request pointers as keys, disk names and sizes read from the
// request (kernel pointers), the issuing process remembered at queue time.
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>
#include <linux/blkdev.h>

struct val_t {
    u32 pid;
    char name[TASK_COMM_LEN];
};

struct data_t {
    u32 pid;
    u64 rwflag;
    u64 delta;
    u64 sector;
    u64 len;
    u64 ts;
    char disk_name[DISK_NAME_LEN];
    char name[TASK_COMM_LEN];
};

BPF_HASH(start, struct request *);
BPF_HASH(infobyreq, struct request *, struct val_t);
BPF_PERF_OUTPUT(events);

int trace_pid_start(struct pt_regs *ctx, struct request *req) {
    struct val_t val = {};
    if (bpf_get_current_comm(&val.name, sizeof(val.name)) == 0) {
        val.pid = bpf_get_current_pid_tgid() >> 32;
        infobyreq.update(&req, &val);
    }
    return 0;
}

int trace_req_start(struct pt_regs *ctx, struct request *req) {
    u64 ts = bpf_ktime_get_ns();
    start.update(&req, &ts);
    return 0;
}

int trace_req_completion(struct pt_regs *ctx, struct request *req) {
    u64 *tsp = start.lookup(&req);
    if (tsp == 0)
        return 0;
    struct data_t data = {};
    u64 ts = bpf_ktime_get_ns();
    data.delta = ts - *tsp;
    data.ts = ts / 1000;
    struct val_t *valp = infobyreq.lookup(&req);
    if (valp) {
        data.pid = valp->pid;
        bpf_probe_read_kernel(&data.name, sizeof(data.name), valp->name);
    }
    data.len = req->__data_len;
    data.sector = req->__sector;
    struct gendisk *disk = req->q->disk;
    if (disk)
        bpf_probe_read_kernel_str(&data.disk_name, sizeof(data.disk_name), disk->disk_name);
    data.rwflag = !!((req->cmd_flags & REQ_OP_MASK) == REQ_OP_WRITE);
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&req);
    infobyreq.delete(&req);
    return 0;
}
