// A kprobe argument that is a kernel pointer: request -> disk -> major, as biosnoop reads it.
#include <uapi/linux/ptrace.h>
#include <linux/blkdev.h>
#include <linux/blk-mq.h>

struct key_t {
    u32 major;
    u32 minor;
};

BPF_HASH(requests, struct key_t);

int trace_req_start(struct pt_regs *ctx, struct request *req) {
    struct key_t key = {};
    struct gendisk *disk = req->q->disk;
    if (!disk)
        return 0;
    key.major = disk->major;
    key.minor = disk->first_minor;
    requests.increment(key);
    return 0;
}
