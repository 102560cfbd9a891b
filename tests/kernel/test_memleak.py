"""tracekit memleak: a test program leaks N blocks of a known size from a uniquely named
function and frees as many from another; memleak shows N x size outstanding with the leaking
function in the stack, and nothing of the freed ones (user mode, -p and -c); in kernel mode,
System V messages the test queues show as outstanding kmallocs from msgsnd until the queue is
removed."""

import ctypes
import json
import re
import signal

import pytest

from support.build import Target, leaky
from support.processes import tool

LEAKS, SIZE = 7, 1234


def last_report(out):
    """{stack's first frames joined by ';': (bytes, allocations)} and the -a lines of the last
    text report."""
    text = out.decode()
    report = text[text.rindex("] Top "):]
    stacks = {}
    for size, count, frames in re.findall(r"\t(\d+) bytes in (\d+) allocations from stack\n((?:\t\t.*\n?)*)", report):
        names = [line.split("\t")[-1] for line in frames.strip("\n").split("\n")]
        stacks[";".join(names)] = (int(size), int(count))
    allocs = re.findall(r"\taddr = ([0-9a-f]+) size = (\d+)", report)
    return stacks, [(int(a, 16), int(s)) for a, s in allocs]


def test_pid_mode_shows_the_leaks_with_their_stack_and_not_the_frees():
    with Target([leaky(), str(LEAKS), str(SIZE)]) as target:
        shown = tool("memleak", "-p", str(target.pid), "-o", "0", "-a")
        too_young = tool("memleak", "-p", str(target.pid), "-o", "60000")
        try:
            shown.wait_for(b"Attaching to pid %d" % target.pid)
            too_young.wait_for(b"Attaching to pid %d" % target.pid)
            first = int(target.command("go").split()[1], 16)
            shown.stop(signal.SIGINT)
            too_young.stop(signal.SIGINT)
        finally:
            shown.stop()
            too_young.stop()
    stacks, allocs = last_report(shown.out)
    leaking = [(v, k) for k, v in stacks.items() if "tk_leaky_function+" in k]
    assert [v for v, _ in leaking] == [(LEAKS * SIZE, LEAKS)], shown.out
    assert re.match(r"tk_leaky_function\+0x[0-9a-f]+ \[leaky\];main\+", leaking[0][1])
    assert not any("tk_tidy_function" in k for k in stacks)
    assert (first, SIZE) in allocs and [s for _, s in allocs].count(SIZE) == LEAKS
    young, _ = last_report(too_young.out)
    assert not any("tk_leaky_function" in k for k in young)


def test_trace_prints_each_allocation_and_free():
    with Target([leaky(), "3", "4321"]) as target:
        traced = tool("memleak", "-p", str(target.pid), "-t")
        try:
            traced.wait_for(b"ADDRESS")
            first = int(target.command("go").split()[1], 16)
            traced.wait_until(lambda out: out.count(b" 4321 ") >= 9, "9 calls of 4321 bytes")
        finally:
            traced.stop()
    rows = [l.split() for l in traced.out.splitlines()[2:] if b" 4321 " in l]
    assert all(int(r[1]) == target.pid for r in rows)
    assert [r[2] for r in rows] == [b"alloc", b"alloc", b"free"] * 3  # leak, calloc, free
    assert int(rows[0][4], 16) == first


def test_command_mode_combined_json():
    out = tool("memleak", "-c", "%s 5 3000 auto 1" % leaky(), "--combined-only", "--json", "1")
    out.proc.wait(timeout=60)
    out.stop()
    assert out.proc.returncode == 0, out.err
    assert b"Executing '" in out.err and b"Attaching to pid" in out.err
    reports = [json.loads(l) for l in out.out.splitlines() if l.startswith(b"{")]  # the command prints too
    final = reports[-1]
    leaking = [s for s in final["stacks"] if s["stack"][0].startswith("tk_leaky_function+")]
    assert [(s["bytes"], s["allocations"]) for s in leaking] == [(15000, 5)]
    assert leaking[0]["stack"][1].startswith("main+") and len(leaking[0]["addresses"]) == len(leaking[0]["stack"])
    assert not any("tk_tidy_function" in frame for s in final["stacks"] for frame in s["stack"])
    assert final["top"] == 10 and [s["bytes"] for s in final["stacks"]] == sorted((s["bytes"] for s in final["stacks"]), reverse=True)


class MessageQueue:
    """A private System V message queue (IPC_PRIVATE); removed on exit."""

    def __init__(self):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.id = self.libc.msgget(0, 0o1600)
        assert self.id >= 0, ctypes.get_errno()

    def send(self, count, size):
        message = ctypes.create_string_buffer(8 + size)
        ctypes.c_long.from_buffer(message).value = 1  # mtype
        for _ in range(count):
            assert self.libc.msgsnd(self.id, message, size, 0o4000) == 0, ctypes.get_errno()  # IPC_NOWAIT

    def remove(self):
        if self.id >= 0:
            self.libc.msgctl(self.id, 0, None)  # IPC_RMID frees the queued messages at once
            self.id = -1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def msgsnd_stack(stacks):
    mine = [v for k, v in stacks.items() if "do_msgsnd" in k]
    return mine[0] if mine else (0, 0)


def test_kernel_mode_shows_queued_messages_until_they_are_freed():
    # A message of 900 bytes is one kmalloc of its 48-byte header + text: 948 -> 1024 bytes;
    # 16 of them fit in a queue's default 16 KiB.
    traced = tool("memleak", "-o", "0", "-z", "900", "-Z", "1024", "1")
    try:
        traced.wait_for(b"Attaching to kernel allocators")
        with MessageQueue() as queue:
            queue.send(16, 900)
            traced.wait_until(lambda out: b"] Top " in out and msgsnd_stack(last_report(out)[0]) == (16 * 1024, 16),
                              "16 queued messages")
            seen = len(traced.out)
            queue.remove()
            traced.wait_until(lambda out: out[seen:].count(b"] Top ") >= 2, "two more reports")
    finally:
        traced.stop()
    assert msgsnd_stack(last_report(traced.out)[0]) == (0, 0)


@pytest.mark.parametrize("args", [["-z", "100", "-Z", "10"], ["-p", "1", "-c", "true"], ["-c", "'unclosed"],
                                  ["-o", "-1"], ["-T", "0"], ["0"]])
def test_bad_values_are_usage_errors(args):
    from support.processes import run_tool
    out = run_tool("memleak", *args)
    assert out.returncode == 2 and b"usage: memleak" in out.stderr, out
