"""tracekit drsnoop reports the reclaim a child does when it reads a 96 MiB file inside a
32 MiB memory cgroup (--memcg: the cgroup's limit reclaim), with its pid, comm, latency and
pages reclaimed. Global direct reclaim (the default) needs the whole machine short of memory,
which a test cannot cause safely on a shared host: that path is the same program on the
vmscan:mm_vmscan_direct_reclaim_* tracepoints, checked here only for attaching."""

import json
import os
import subprocess

import pytest

from support import memcg
from support.processes import PYTHON, tool

# Renames itself, waits for a byte, reads the file given, says how many bytes it read.
CHILD = """
import sys
open("/proc/self/comm", "w").write("tk-reclaimer")
sys.stdin.read(1)
total = 0
with open(sys.argv[1], "rb", buffering=0) as f:
    while True:
        chunk = f.read(1 << 20)
        if not chunk:
            break
        total += len(chunk)
print(total, flush=True)
"""
SIZE = 96 << 20


@pytest.fixture
def uncached_file(tmp_path):
    """A 96 MiB file whose pages are not in the page cache (so reading it charges the reader)."""
    path = tmp_path / "tk-drsnoop-data"
    with open(path, "wb") as f:
        for _ in range(SIZE >> 20):
            f.write(b"\x07" * (1 << 20))
        f.flush()
        os.fsync(f.fileno())
        os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    return str(path)


def test_memcg_reclaim_of_a_reader(uncached_file):
    reason = memcg.unavailable()
    if reason:
        pytest.skip(reason)
    with memcg.MemoryCgroup(32 << 20, "tk-drsnoop") as cgroup:
        child = subprocess.Popen([PYTHON, "-c", CHILD, uncached_file], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        cgroup.add(child.pid)
        text = tool("drsnoop", "--memcg", "-T", "-U", "-p", str(child.pid))
        as_json = None
        try:
            text.wait_for(b"PAGES")
            as_json = tool("drsnoop", "--memcg", "--json", "-p", str(child.pid))
            as_json.wait_for(b"Tracing direct reclaim", stderr=True)
            out, _ = child.communicate(b"g", timeout=120)
            assert int(out) == SIZE
            text.wait_for(b"tk-reclaimer")
            as_json.wait_for(b"tk-reclaimer")
        finally:
            text.stop()
            if as_json:
                as_json.stop()
            child.kill()
            child.wait()
    lines = text.out.decode().splitlines()
    assert lines[0].split() == ["TIME(s)", "UID", "KIND", "COMM", "PID", "LAT(ms)", "PAGES"]
    rows = [l.split() for l in lines[1:]]
    assert rows and all(r[1:5] == ["0", "memcg", "tk-reclaimer", str(child.pid)] for r in rows), lines
    assert float(rows[0][0]) == 0 and all(float(r[5]) >= 0 for r in rows)
    assert sum(int(r[6]) for r in rows) > 0  # it had to free page cache to go on reading
    records = [json.loads(l) for l in as_json.out.splitlines()]
    assert all(r["pid"] == r["tid"] == child.pid and r["kind"] == "memcg" and r["uid"] == 0 for r in records)
    assert all(r["lat_ms"] == r["lat_ns"] / 1e6 for r in records) and sum(r["pages"] for r in records) > 0


def test_global_direct_reclaim_probes_attach():
    snoop = tool("drsnoop", "--verbose", "-d", "1")
    snoop.proc.wait(timeout=120)
    snoop.stop()
    assert snoop.proc.returncode == 0, snoop.err
    assert b"attached tracepoint vmscan:mm_vmscan_direct_reclaim_begin" in snoop.err
    assert b"attached tracepoint vmscan:mm_vmscan_direct_reclaim_end" in snoop.err
    assert b"memcg" not in snoop.err
    assert snoop.out.splitlines()[0].split() == [b"COMM", b"PID", b"LAT(ms)", b"PAGES", b"FREE(KB)"]
