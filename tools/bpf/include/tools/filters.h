// Filters every tool shares, from typed -D defines (tracekit.tools.cli): -p PID and -t TID.
#pragma once

// True when the event of the task with this bpf_get_current_pid_tgid() value is to be
// dropped: FILTER_PID names a process (tgid), FILTER_TID a thread.
static __always_inline int filtered_out_task(u64 pid_tgid) {
#ifdef FILTER_PID
  if ((pid_tgid >> 32) != FILTER_PID) return 1;
#endif
#ifdef FILTER_TID
  if ((u32)pid_tgid != FILTER_TID) return 1;
#endif
  return 0;
}
