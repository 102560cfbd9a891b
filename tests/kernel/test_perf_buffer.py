"""Events submitted with perf_submit() arrive through open_perf_buffer() and decode with
event() into the struct the program submitted, field by field."""

import os
import subprocess
import time

from tracekit import BPF

PROGRAM = r"""
#include <linux/sched.h>

struct data_t {
    u32 pid;
    u32 ppid;
    u64 ts;
    char comm[TASK_COMM_LEN];
    char filename[64];
};

BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_execve) {
    struct data_t data = {};
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    data.pid = bpf_get_current_pid_tgid() >> 32;
    data.ppid = task->real_parent->tgid;
    data.ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    bpf_probe_read_user_str(&data.filename, sizeof(data.filename), args->filename);
    events.perf_submit(args, &data, sizeof(data));
    return 0;
}
"""


def test_events_decode_with_the_submitted_layout():
    marker = "/bin/true"
    with BPF(text=PROGRAM) as b:
        seen = []

        def on_event(cpu, data, size):
            e = b["events"].event(data)
            seen.append((e.pid, e.ppid, e.comm, e.filename, e.ts))

        b["events"].open_perf_buffer(on_event)
        child = subprocess.Popen([marker])
        child.wait()
        deadline = time.time() + 10
        while not any(s[0] == child.pid for s in seen) and time.time() < deadline:
            b.perf_buffer_poll(timeout=200)
    mine = [s for s in seen if s[0] == child.pid]
    assert mine, seen
    pid, ppid, comm, filename, ts = mine[0]
    assert ppid == os.getpid()
    assert filename == marker.encode()
    # At sys_enter_execve the comm is still the parent's (python3), as BCC's execsnoop shows.
    assert comm.startswith(b"python")
    assert ts > 0


def test_event_struct_has_the_program_field_names():
    with BPF(text=PROGRAM) as b:
        cls = type(b["events"].event(0 if False else __import__("ctypes").addressof(
            (__import__("ctypes").c_char * 128)())))
        names = [f[0] for f in cls._fields_ if not f[0].startswith("__pad")]
        assert names == ["pid", "ppid", "ts", "comm", "filename"]
