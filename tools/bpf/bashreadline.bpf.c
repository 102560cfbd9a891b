// bashreadline: lines typed into bash, from a uretprobe on readline() (in bash, which links
// it in statically, or in the libreadline given with -s), for processes named "bash".
#include <linux/sched.h>

struct line_event {
  u32 pid;
  char line[80];
};

BPF_PERF_OUTPUT(events);

int readline_return(struct pt_regs *ctx) {
  char *line = (char *)PT_REGS_RC(ctx);
  if (!line) return 0;  // end of input
  char comm[TASK_COMM_LEN] = {};
  bpf_get_current_comm(&comm, sizeof(comm));
  if (comm[0] != 'b' || comm[1] != 'a' || comm[2] != 's' || comm[3] != 'h' || comm[4] != 0) return 0;
  struct line_event e = {.pid = bpf_get_current_pid_tgid() >> 32};
  bpf_probe_read_user_str(&e.line, sizeof(e.line), line);
  events.perf_submit(ctx, &e, sizeof(e));
  return 0;
}
