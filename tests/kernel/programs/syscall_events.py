#!/usr/bin/python3
"""Traces execve, openat, clone, kill and sync of one workload process with BCC-style syscall
kprobes and kretprobes (syscall__NAME arguments in the signature, PT_REGS_PARM1 of the syscall
wrapper, PT_REGS_RC, perf_submit and get_stackid on the program's context), and prints one
JSON line per event, sorted, with the workload's own pid replaced by "self".

Run it normally and with TRACEKIT_NO_KPROBES=1 on a kernel with kprobes: both paths (real
kprobes, syscall tracepoint twins) must print the same lines (tests/kernel/test_attach_syscall_fallback.py).
"""

import json
import os
import subprocess
import sys

from tracekit import BPF

MARKER = "/tmp/tk-syscall-events-marker"

PROGRAM = r"""
#include <uapi/linux/ptrace.h>

struct event {
    u32 kind;
    int user_stack;
    long a0, a1, a2, ret;
    char str[40];
};
BPF_PERF_OUTPUT(events);
BPF_HASH(watched, u32, u32);
struct user_stack { u64 ip[127]; };
BPF_TABLE("stacktrace", int, struct user_stack, stacks, 1024);

static __always_inline int watching(void) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    return watched.lookup(&pid) != 0;
}

static __always_inline void send(struct pt_regs *ctx, struct event *e) {
    e->user_stack = stacks.get_stackid(ctx, BPF_F_USER_STACK) >= 0;
    events.perf_submit(ctx, e, sizeof(*e));
}

int syscall__execve(struct pt_regs *ctx, const char __user *filename) {
    if (!watching()) return 0;
    struct event e = {.kind = 1};
    bpf_probe_read_user_str(e.str, sizeof(e.str), filename);
    send(ctx, &e);
    return 0;
}

int syscall__openat(struct pt_regs *ctx, int dfd, const char __user *filename, int flags, int mode) {
    if (!watching()) return 0;
    struct event e = {.kind = 2, .a0 = dfd, .a1 = flags, .a2 = mode};
    bpf_probe_read_user_str(e.str, sizeof(e.str), filename);
    send(ctx, &e);
    return 0;
}

/* No arguments in the signature: the wrapper's first parameter points to the user registers. */
int trace_clone(struct pt_regs *ctx) {
    if (!watching()) return 0;
    struct pt_regs *regs = (struct pt_regs *)PT_REGS_PARM1(ctx);
    struct event e = {.kind = 3};
    bpf_probe_read_kernel(&e.a0, sizeof(e.a0), &PT_REGS_PARM1(regs));
    send(ctx, &e);
    return 0;
}

int syscall__kill(struct pt_regs *ctx, int pid, int sig) {
    if (!watching()) return 0;
    struct event e = {.kind = 4, .a0 = pid, .a1 = sig};
    send(ctx, &e);
    return 0;
}

int trace_sync(struct pt_regs *ctx) {
    if (!watching()) return 0;
    struct event e = {.kind = 5};
    send(ctx, &e);
    return 0;
}

RETURNS
"""

RETURN = r"""
int return_%(name)s(struct pt_regs *ctx) {
    if (!watching()) return 0;
    struct event e = {.kind = %(kind)d, .ret = PT_REGS_RC(ctx)};
    send(ctx, &e);
    return 0;
}
"""

SYSCALLS = [("execve", "syscall__execve"), ("openat", "syscall__openat"), ("clone", "trace_clone"),
            ("kill", "syscall__kill"), ("sync", "trace_sync")]
KIND_NAMES = {1: "execve", 2: "openat", 3: "clone", 4: "kill", 5: "sync"}

WORKLOAD = r"""
import os, signal, sys
print("ready", flush=True)
sys.stdin.readline()
fd = os.open(%r, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o640)
os.close(fd)
os.kill(os.getpid(), 0)
os.kill(os.getpid(), signal.SIGWINCH)
child = os.fork()
if child == 0:
    os._exit(0)
os.waitpid(child, 0)
os.sync()
os.execv("/bin/true", ["/bin/true"])
""" % MARKER


def main():
    returns = "".join(RETURN % {"name": name, "kind": 100 + kind}
                      for kind, name in KIND_NAMES.items())
    b = BPF(text=PROGRAM.replace("RETURNS", returns))
    for name, fn in SYSCALLS:
        event = b.get_syscall_fnname(name)
        b.attach_kprobe(event=event, fn_name=fn)
        b.attach_kretprobe(event=event, fn_name="return_" + name)
    lines = []

    # The workload starts Python (opening many files) before it says "ready"; only what it
    # does after "go" is watched.
    workload = subprocess.Popen([sys.executable, "-c", WORKLOAD], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert workload.stdout.readline() == b"ready\n"

    def on_event(cpu, data, size):
        e = b["events"].event(data)
        kind = e.kind
        record = {"event": KIND_NAMES.get(kind, KIND_NAMES.get(kind - 100, "?")) + ("" if kind < 100 else " return"),
                  "user_stack": bool(e.user_stack)}
        if kind < 100:
            record.update(args=[e.a0, e.a1, e.a2], str=e.str.decode(errors="replace"))
            if kind == 4 and e.a0 == workload.pid:
                record["args"][0] = "self"
        else:
            ret = e.ret
            if kind == 103 and ret > 0:
                ret = "child pid"
            record["ret"] = ret
        lines.append(json.dumps(record, sort_keys=True))

    b["events"].open_perf_buffer(on_event)
    b["watched"][b["watched"].Key(workload.pid)] = b["watched"].Leaf(1)
    workload.stdin.write(b"go\n")
    workload.stdin.close()
    workload.wait()
    for _ in range(5):
        b.perf_buffer_poll(timeout=200)
    print("\n".join(sorted(lines)))
    sys.stderr.write("attached: %s\n" % " | ".join(b.attachments()))
    os.unlink(MARKER)


if __name__ == "__main__":
    main()
