"""tracekit bpflist counts the BPF maps and programs a test process holds, by object (a dup()ed
program fd counts once), and with -v/-vv the probes tracefs names it the owner of."""

import json
import os
import random

import pytest

from support.build import Target, bpf_holder
from support.processes import run_tool

UPROBE_EVENTS = "/sys/kernel/tracing/uprobe_events"


def rows_of(out, pid):
    rows = [l.split() for l in out.splitlines() if l.split()[:1] == [b"%d" % pid]]
    return {r[2].decode(): (r[1].decode(), int(r[3])) for r in rows}


def test_counts_maps_and_programs_of_a_process():
    with Target([bpf_holder(), "3", "2"]) as holder:
        out = run_tool("bpflist")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].split() == [b"PID", b"COMM", b"TYPE", b"COUNT"]
    assert rows_of(out.stdout, holder.pid) == {"map": ("bpf_holder", 3), "prog": ("bpf_holder", 2)}


class NamedUprobe:
    """A uprobe defined in tracefs (not enabled) under BCC's naming, "..._bcc_<pid>", so that it
    belongs to `pid` for bpflist; removed on exit."""

    def __init__(self, binary, pid):
        self.event = "tktest%d/p_holder_bcc_%d" % (random.randrange(1 << 30), pid)
        self.definition = "p:%s %s:0x%x" % (self.event, binary, 0x1000)

    def __enter__(self):
        self._write(self.definition)
        return self

    def __exit__(self, *exc):
        self._write("-:" + self.event)

    @staticmethod
    def _write(line):
        fd = os.open(UPROBE_EVENTS, os.O_WRONLY | os.O_APPEND)  # tracefs: no seek, as open("a") does
        try:
            os.write(fd, line.encode() + b"\n")
        finally:
            os.close(fd)


def test_verbose_counts_and_lists_owned_probes():
    if not os.path.exists(UPROBE_EVENTS):
        pytest.skip("no tracefs uprobe_events (CONFIG_UPROBE_EVENTS)")
    with Target([bpf_holder(), "1", "1"]) as holder, NamedUprobe(bpf_holder(), holder.pid) as probe:
        counted = run_tool("bpflist", "-v")
        listed = run_tool("bpflist", "-vv")
        as_json = run_tool("bpflist", "-vv", "--json")
    assert rows_of(counted.stdout, holder.pid) == {"map": ("bpf_holder", 1), "prog": ("bpf_holder", 1),
                                                   "uprobe": ("bpf_holder", 1)}
    text = listed.stdout.decode()
    uprobes = text[text.index("open uprobes:\n"):text.index("\nPID ")]
    assert [l for l in uprobes.splitlines() if probe.event in l] == [
        "p:%s %s:0x%016x" % (probe.event, bpf_holder(), 0x1000)]
    record = json.loads(as_json.stdout)
    mine = sorted((r["type"], r["count"], r["comm"]) for r in record["processes"] if r["pid"] == holder.pid)
    assert mine == [("map", 1, "bpf_holder"), ("prog", 1, "bpf_holder"), ("uprobe", 1, "bpf_holder")]
    assert any(probe.event in d for d in record["uprobes"])
