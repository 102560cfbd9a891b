"""kprobes and kretprobes: the perf PMU path, the legacy tracefs path (forced, and for
kretprobes with maxactive), event_re, event_off, the probe quota, and what a kernel without
kprobes (this host) says. Real kprobes run in the vmtest guest (tests/vmtest/run)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from tracekit import BPF, NotFoundError, NotSupportedError
from tracekit._native import core
from support.processes import TIMEOUT_SCALE, probe_events

KPROBES, KPROBES_WHY, KPROBES_FEATURE = core.capability("kprobes")
needs_kprobes = pytest.mark.skipif(not KPROBES, reason="no kprobes: %s" % KPROBES_WHY)

PROGRAM = r"""
BPF_HASH(calls, u32, u64);
BPF_HASH(returns, u32, u64);
int on_entry(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != PID) return 0;
    u32 k = 0;
    calls.increment(k);
    return 0;
}
int on_return(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != PID) return 0;
    u32 k = PT_REGS_RC(ctx);
    returns.increment(k);
    return 0;
}
"""


def program(pid=None):
    return PROGRAM.replace("PID", str(pid or os.getpid()))


def calls(b):
    v = b["calls"].get(b["calls"].Key(0))
    return v.value if v else 0


def nanosleeps(n):
    for _ in range(n):
        time.sleep(0.001)


def kprobe_events():
    return probe_events().get("kprobe_events", "")


# -- a kernel without kprobes ---------------------------------------------------------------

@pytest.mark.skipif(KPROBES, reason="this kernel has kprobes")
def test_without_kprobes_a_kernel_function_fails_naming_the_feature():
    with BPF(text=program()) as b:
        with pytest.raises(NotSupportedError) as e:
            b.attach_kprobe(event="do_nanosleep", fn_name="on_entry")
        assert e.value.feature == "CONFIG_KPROBES"
        assert "do_nanosleep" in str(e.value) and "syscall" in str(e.value)
        with pytest.raises(NotSupportedError, match="do_nano"):
            b.attach_kretprobe(event_re="^do_nano", fn_name="on_return")
    assert BPF.get_kprobe_functions(b".*") == []


# -- kprobes --------------------------------------------------------------------------------

@needs_kprobes
def test_kprobe_and_kretprobe_count_exactly_the_workload():
    with BPF(text=program()) as b:
        b.attach_kprobe(event="do_nanosleep", fn_name="on_entry")
        b.attach_kretprobe(event="do_nanosleep", fn_name="on_return")
        assert b.num_open_kprobes() == 2
        nanosleeps(5)
        assert calls(b) == 5
        assert {k.value: v.value for k, v in b["returns"].items()} == {0: 5}
        b.detach_kprobe(event="do_nanosleep")
        b.detach_kretprobe(event="do_nanosleep")
        assert b.num_open_kprobes() == 0
        nanosleeps(2)
        assert calls(b) == 5
    assert "tracekit" not in kprobe_events()


@needs_kprobes
def test_event_re_attaches_only_probeable_matches():
    with BPF(text=program()) as b:
        b.attach_kprobe(event_re=r"^(do_nanosleep|hrtimer_nanosleep)$", fn_name="on_entry")
        assert sorted(b._links.keys("kprobe")) == ["p_do_nanosleep", "p_hrtimer_nanosleep"]
        nanosleeps(3)
        assert calls(b) == 6
    functions = BPF.get_kprobe_functions(b"^do_nanosleep$")
    assert functions == [b"do_nanosleep"]


@needs_kprobes
def test_blacklisted_functions_are_not_offered():
    root = core.debugfs_root()
    with open(os.path.join(root, "kprobes", "blacklist")) as f:
        blacklisted = [line.split()[1] for line in f if len(line.split()) > 1]
    assert blacklisted
    offered = set(BPF.get_kprobe_functions(b".*"))
    assert offered and not offered.intersection(name.encode() for name in blacklisted)


@needs_kprobes
def test_event_off_probes_inside_the_function_and_bad_offsets_are_named():
    with BPF(text=program()) as b:
        # Traceable x86_64 functions start with a 5-byte call to __fentry__ (after a 4-byte
        # endbr64 with IBT); offsets inside an instruction are refused.
        attached = None
        for offset in (5, 9, 4):
            try:
                b.attach_kprobe(event="do_nanosleep", event_off=offset, fn_name="on_entry")
                attached = offset
                break
            except Exception:  # noqa: BLE001 - try the next instruction boundary
                continue
        assert attached is not None, "no instruction boundary found after do_nanosleep's prologue"
        assert "do_nanosleep'+%d" % attached in b.attachments()[0]
        nanosleeps(3)
        assert calls(b) == 3
        with pytest.raises(Exception, match=r"do_nanosleep'\+1"):
            b.attach_kprobe(event="do_nanosleep", event_off=1, fn_name="on_return")


@needs_kprobes
def test_missing_function_is_named():
    with BPF(text=program()) as b:
        with pytest.raises((NotFoundError, Exception), match="no_such_kernel_function"):
            b.attach_kprobe(event="no_such_kernel_function", fn_name="on_entry")


@needs_kprobes
def test_kretprobe_maxactive_goes_through_tracefs_and_is_removed():
    with BPF(text=program()) as b:
        b.attach_kretprobe(event="do_nanosleep", fn_name="on_return", maxactive=16)
        description = b.attachments()[0]
        assert "via tracefs event tracekit/r_%d_" % os.getpid() in description
        events = kprobe_events()
        assert "r16:tracekit/r_%d_" % os.getpid() in events, events
        nanosleeps(4)
        assert {k.value: v.value for k, v in b["returns"].items()} == {0: 4}
    assert "tracekit/" not in kprobe_events()


@needs_kprobes
def test_probe_quota_counts_kprobes(monkeypatch):
    monkeypatch.setenv("TRACEKIT_PROBE_LIMIT", "3")
    with BPF(text=program()) as b:
        with pytest.raises(RuntimeError, match="limit of 3"):
            b.attach_kprobe(event_re=r"^vfs_", fn_name="on_entry")
        assert b.num_open_kprobes() == 0


LEGACY_CHILD = r"""
import os, sys, time
from tracekit import BPF
b = BPF(text=%r.replace("PID", str(os.getpid())))
b.attach_kprobe(event="do_nanosleep", fn_name="on_entry")
b.attach_kretprobe(event="do_nanosleep", fn_name="on_return")
print(" | ".join(b.attachments()), flush=True)
for _ in range(3): time.sleep(0.001)
print(sorted((k.value, v.value) for k, v in b["calls"].items()), flush=True)
sys.stdin.readline()
"""


def start_legacy_child():
    return subprocess.Popen([sys.executable, "-c", LEGACY_CHILD % PROGRAM], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ, TRACEKIT_LEGACY_PROBES="1"))


@needs_kprobes
def test_legacy_tracefs_kprobes_are_removed_on_exit():
    child = start_legacy_child()
    try:
        description = child.stdout.readline()
        assert "via tracefs event tracekit/p_%d_" % child.pid in description
        assert "tracekit/p_%d_" % child.pid in kprobe_events()
        assert child.stdout.readline().strip() == "[(0, 3)]"  # its own three sleeps
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=60 * TIMEOUT_SCALE) == 0
    finally:
        if child.poll() is None:
            child.kill()
    assert "tracekit/" not in kprobe_events()


@needs_kprobes
def test_reset_trace_removes_what_a_killed_process_left():
    child = start_legacy_child()
    child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait()
    leftover = kprobe_events()
    assert "tracekit/p_%d_" % child.pid in leftover  # SIGKILL: nobody could remove them
    tracekit = [sys.executable, "-c", "import sys; from tracekit.cli import main; sys.exit(main(sys.argv[1:]))"]
    out = subprocess.run(tracekit + ["reset-trace"], capture_output=True, text=True, check=True).stdout
    assert "removed tracekit/p_%d_" % child.pid in out and "removed tracekit/r_%d_" % child.pid in out
    assert "tracekit/" not in kprobe_events()
