// Constants BTF has no trace of (TASK_COMM_LEN, O_CREAT, S_ISREG, PAGE_SIZE, AF_INET6...)
// are there in BTF mode, with the same values the kernel headers give.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/socket.h>
#include <linux/mm.h>
#include <linux/kdev_t.h>

BPF_ARRAY(consts, u64, 8);

TRACEPOINT_PROBE(sched, sched_process_exec) {
    int i = 0;
    u64 v;
    v = TASK_COMM_LEN; consts.update(&i, &v); i++;
    v = O_CREAT | O_TRUNC; consts.update(&i, &v); i++;
    v = S_ISREG(S_IFREG) ? 1 : 0; consts.update(&i, &v); i++;
    v = PAGE_SIZE; consts.update(&i, &v); i++;
    v = AF_INET6; consts.update(&i, &v); i++;
    v = PF_KTHREAD; consts.update(&i, &v); i++;
    v = MINORBITS; consts.update(&i, &v); i++;
    return 0;
}
