#!/usr/bin/python3
# BCC's sync_timing example: reports two sync() calls less than a second apart.
from bcc import BPF

b = BPF(text="""
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
    u64 ts, *tsp, delta, key = 0;

    // attempt to read stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output if time is less than 1 second
            bpf_trace_printk("%d\\n", delta / 1000000);
        }
        last.delete(&key);
    }

    // update stored timestamp
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
""")

b.attach_kprobe(event=b.get_syscall_fnname("sync"), fn_name="do_trace")
print("Tracing for quick sync's... Ctrl-C to end", flush=True)

while True:
    (task, pid, cpu, flags, ts, ms) = b.trace_fields()
    if ms.strip().isdigit():
        print("At time %.2f s: multiple syncs detected, last %s ms ago" % (ts, ms.decode()), flush=True)
        break
