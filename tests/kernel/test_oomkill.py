"""tracekit oomkill reports an OOM kill the test provokes inside a memory cgroup of 128 MiB:
a holder process takes 80 MiB, then a trigger process allocates until the cgroup is full; the
kernel kills the holder (the larger) while the trigger allocates. The line names both, and
the pages: the cgroup's limit where kprobes exist (oom_kill_process's totalpages), else the
holder's resident pages (oom:mark_victim)."""

import json
import re
import subprocess

import pytest

from support import memcg
from support.processes import PYTHON, tool

LIMIT = 128 << 20
PAGE = 4096

# Renames itself, waits for a byte, then allocates `size` bytes (touched), says so and waits.
HOLDER = """
import sys
open("/proc/self/comm", "w").write("tk-oom-holder")
sys.stdin.read(1)
held = b"\\x01" * (80 << 20)
print("held", flush=True)
sys.stdin.read(1)
"""
# Renames itself, waits for a byte, then allocates 4 MiB at a time up to 72 MiB.
TRIGGER = """
import sys
open("/proc/self/comm", "w").write("tk-oom-trigger")
sys.stdin.read(1)
chunks = [b"\\x02" * (4 << 20) for _ in range(18)]
print("done", flush=True)
"""


def start(script, cgroup):
    proc = subprocess.Popen([PYTHON, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    cgroup.add(proc.pid)
    return proc


@pytest.fixture
def cgroup():
    reason = memcg.unavailable()
    if reason:
        pytest.skip(reason)
    with memcg.MemoryCgroup(LIMIT, "tk-oom") as group:
        yield group


def test_reports_the_victim_and_the_trigger(cgroup):
    text = tool("oomkill")
    as_json = holder = trigger = None
    try:
        text.wait_for(b"Ctrl-C to end.")
        as_json = tool("oomkill", "--json")  # compiled once: this one starts from the cache
        as_json.wait_for(b"Ctrl-C to end.", stderr=True)
        holder = start(HOLDER, cgroup)
        trigger = start(TRIGGER, cgroup)
        holder.stdin.write(b"g")
        holder.stdin.flush()
        assert holder.stdout.readline() == b"held\n"
        trigger.stdin.write(b"g")
        trigger.stdin.flush()
        assert trigger.stdout.readline() == b"done\n"  # the trigger survived...
        assert holder.wait(timeout=30) == -9           # ...the holder was killed
        text.wait_for(b'OOM kill of PID %d ("tk-oom-holder")' % holder.pid)
        as_json.wait_for(b'"pid": %d' % holder.pid)
    finally:
        text.stop()
        if as_json:
            as_json.stop()
        for proc in (holder, trigger):
            if proc:
                proc.kill()
                proc.wait()
    kprobes = b"oom_kill_process" in text.out
    line = [l for l in text.out.decode().splitlines() if "OOM kill of PID %d " % holder.pid in l][0]
    match = re.match(r'\d\d:\d\d:\d\d Triggered by PID (\d+) \("(.*)"\), OOM kill of PID \d+ \("tk-oom-holder"\), '
                     r'(\d+) (pages|pages resident), loadavg: (\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+)$', line)
    assert match, line
    assert (int(match.group(1)), match.group(2)) == (trigger.pid, "tk-oom-trigger")
    pages = int(match.group(3))
    record = [json.loads(l) for l in as_json.out.splitlines() if b'"pid": %d,' % holder.pid in l][0]
    assert (record["triggered_by_pid"], record["triggered_by_comm"], record["comm"]) == (
        trigger.pid, "tk-oom-trigger", "tk-oom-holder")
    if kprobes:
        assert match.group(4) == "pages" and pages == LIMIT // PAGE  # the cgroup's limit
        assert record["pages"] == pages
    else:
        # The holder's 80 MiB, plus the interpreter itself.
        assert match.group(4) == "pages resident" and (80 << 20) // PAGE <= pages <= LIMIT // PAGE
        assert record["rss_pages"] == pages and record["vm_pages"] >= pages
