// kvmexit: KVM exits counted by process, thread and exit reason, from the kvm:kvm_exit
// tracepoint (the kvm module's: present only while kvm is loaded). The reason is the
// hardware's: a VMX exit reason (isa 1: Intel, its basic reason in the low 16 bits) or an SVM
// exit code (isa 2: AMD).
//
// Defines: FILTER_PID, FILTER_TID, FILTER_VCPU.
#include <linux/sched.h>

#include "tools/filters.h"

struct key {
  u32 pid;
  u32 tid;
  u32 isa;
  u32 reason;
};

BPF_HASH(counts, struct key, u64, 10240);

TRACEPOINT_PROBE(kvm, kvm_exit) {
  u64 id = bpf_get_current_pid_tgid();
  if (filtered_out_task(id)) return 0;
#ifdef FILTER_VCPU
  if (args->vcpu_id != FILTER_VCPU) return 0;
#endif
  struct key key = {.pid = id >> 32, .tid = (u32)id, .isa = args->isa, .reason = args->exit_reason};
  if (key.isa == 1) key.reason &= 0xffff;  // VMX: the basic exit reason
  u64 zero = 0;
  u64 *count = counts.lookup_or_try_init(&key, &zero);
  if (count) __sync_fetch_and_add(count, 1);
  return 0;
}
