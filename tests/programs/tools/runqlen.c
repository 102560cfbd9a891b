// runqlen: sampled run queue length. The cfs_rq type is private to the scheduler, so only its
// leading fields are declared, as BCC's runqlen does.
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct cfs_rq_partial {
    struct load_weight load;
    unsigned int nr_running, h_nr_running;
};

BPF_HISTOGRAM(dist, unsigned int);

int do_perf_event(struct bpf_perf_event_data *ctx) {
    unsigned int len = 0;
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    struct cfs_rq_partial *my_q = (struct cfs_rq_partial *)task->se.cfs_rq;
    len = my_q->nr_running;
    if (len > 0)
        len--;
    dist.increment(len);
    return 0;
}
