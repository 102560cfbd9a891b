"""Attachments end with cleanup(), a with block, an exception, interpreter exit, SIGINT, SIGTERM
and SIGKILL, and nothing is left in tracefs or the kernel's program list afterwards.

fd-based attachments cannot outlive the process; the interesting cases use tracefs events
(TRACEKIT_LEGACY_PROBES=1: uprobes through uprobe_events), which tracekit must remove itself,
and, after SIGKILL, `tracekit reset-trace`."""

import os
import signal
import subprocess
import sys
import time

import pytest

from tracekit import BPF
from support.processes import TIMEOUT_SCALE, probe_events

PROGRAM = "BPF_HASH(n, u32, u64); int prog(struct pt_regs *ctx) { u32 k = 0; n.increment(k); return 0; }"
# A name of our own, to find this test's programs in `bpftool prog`.
CYCLE_PROGRAM = "int tk_cycle_probe(struct pt_regs *ctx) { return 0; }"


def test_cleanup_detaches_everything():
    b = BPF(text=PROGRAM)
    b.attach_uprobe(name="c", sym="getpid", fn_name="prog")
    b.attach_tracepoint(tp="syscalls:sys_enter_getppid", fn_name="prog")
    assert b.num_open_uprobes() == 1 and b.num_open_tracepoints() == 1
    b.cleanup()
    assert b.num_open_uprobes() == 0 and b.num_open_tracepoints() == 0


def count(b):
    v = b["n"].get(b["n"].Key(0))
    return v.value if v else 0


def test_detach_tracepoint_stops_counting():
    with BPF(text=PROGRAM) as b:
        b.attach_tracepoint(tp="syscalls:sys_enter_getppid", fn_name="prog")
        os.getppid()
        b.detach_tracepoint("syscalls:sys_enter_getppid")
        before = count(b)
        for _ in range(10):
            os.getppid()
        assert count(b) == before


def test_with_block_and_exception_detach():
    table = None
    with pytest.raises(RuntimeError):
        with BPF(text=PROGRAM) as b:
            b.attach_tracepoint(tp="syscalls:sys_enter_getpgid", fn_name="prog")
            table = b["n"]
            raise RuntimeError("boom")
    assert b.num_open_tracepoints() == 0
    assert b.attachments() == []
    del table


# -- child processes with tracefs (legacy) uprobes ------------------------------------------

CHILD = r"""
import os, signal, sys, time
from tracekit import BPF
b = BPF(text=%(program)r)
b.attach_uprobe(name="c", sym="getpid", fn_name=%(fn)r)
print("attached", flush=True)
mode = sys.argv[1]
if mode == "exit":
    sys.exit(0)                      # no cleanup(): atexit must do it
if mode == "exception":
    raise RuntimeError("uncaught")   # the traceback, then atexit
time.sleep(120)                      # waits for a signal
"""


def start_child(mode, legacy=True, program=PROGRAM, fn="prog"):
    env = dict(os.environ)
    if legacy:
        env["TRACEKIT_LEGACY_PROBES"] = "1"
    proc = subprocess.Popen([sys.executable, "-c", CHILD % {"program": program, "fn": fn}, mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    line = proc.stdout.readline()
    assert line == b"attached\n", proc.stderr.read()
    return proc


def uprobe_events_of(pid):
    return [l for l in probe_events().get("uprobe_events", "").splitlines() if "tracekit/p_%d_" % pid in l]


@pytest.mark.parametrize("mode,sig,status", [
    ("exit", None, 0),
    ("exception", None, 1),
    ("wait", signal.SIGINT, -signal.SIGINT),  # KeyboardInterrupt, atexit, then SIGINT status
    ("wait", signal.SIGTERM, -signal.SIGTERM),  # the handler cleans up, then dies of SIGTERM
], ids=["interpreter-exit", "exception", "SIGINT", "SIGTERM"])
def test_tracefs_events_are_removed_however_the_process_ends(mode, sig, status):
    proc = start_child(mode)
    assert uprobe_events_of(proc.pid), "the child's event should exist while it runs"
    if sig is not None:
        proc.send_signal(sig)
    assert proc.wait(timeout=60 * TIMEOUT_SCALE) == status
    assert uprobe_events_of(proc.pid) == []


def test_sigkill_leftovers_are_removed_by_reset_trace():
    proc = start_child("wait")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert uprobe_events_of(proc.pid)  # SIGKILL cannot be caught: the event stays...
    tracekit = [sys.executable, "-c", "import sys; from tracekit.cli import main; sys.exit(main(sys.argv[1:]))"]
    r = subprocess.run(tracekit + ["reset-trace"], capture_output=True, text=True)
    assert r.returncode == 0 and "removed tracekit/p_%d_" % proc.pid in r.stdout
    assert uprobe_events_of(proc.pid) == []  # ...until reset-trace


def test_reset_trace_leaves_running_processes_alone():
    proc = start_child("wait")
    try:
        tracekit = [sys.executable, "-c", "import sys; from tracekit.cli import main; sys.exit(main(sys.argv[1:]))"]
        subprocess.run(tracekit + ["reset-trace"], capture_output=True, check=True)
        assert uprobe_events_of(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
    assert uprobe_events_of(proc.pid) == []


# -- SIGKILL cycles --------------------------------------------------------------------------

def cycle_programs():
    out = subprocess.run(["bpftool", "prog", "show"], capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if "tk_cycle_probe" in l]


def wait_until_gone(check, seconds):
    """The kernel frees a dead process's programs asynchronously."""
    deadline = time.time() + seconds
    while check() and time.time() < deadline:
        time.sleep(0.1)
    return check()


def test_uprobe_sigkill_cycles_leave_nothing_behind():
    # 100 cycles on the host; the emulated vmtest guest does 10 (its kprobe run does 100).
    cycles = 100 if TIMEOUT_SCALE == 1 else 10
    assert cycle_programs() == []
    for _ in range(cycles):
        proc = start_child("wait", legacy=False, program=CYCLE_PROGRAM, fn="tk_cycle_probe")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert uprobe_events_of(proc.pid) == []
    assert "tracekit" not in probe_events().get("uprobe_events", "")
    assert wait_until_gone(cycle_programs, 10 * TIMEOUT_SCALE) == []
