#!/usr/bin/python3
# A BCC script as BCC users write it (BCC's hello-world example style): prints the trace line of
# each clone() until it has seen as many as argv[1] asks.
import sys

from bcc import BPF

prog = """
int hello_world(void *ctx) {
    bpf_trace_printk("Hello, World! uid=%d\\n", bpf_get_current_uid_gid() & 0xFFFFFFFF);
    return 0;
}
"""

b = BPF(text=prog)
b.attach_kprobe(event=b.get_syscall_fnname("clone"), fn_name="hello_world")
print("READY", flush=True)
seen = 0
while seen < int(sys.argv[1]):
    (task, pid, cpu, flags, ts, msg) = b.trace_fields()
    if msg.startswith(b"Hello, World!"):
        print("%s %d %s" % (task.decode(), pid, msg.decode()), flush=True)
        seen += 1
