"""tracekit swapin needs kprobes: here it exits at once naming CONFIG_KPROBES; where kprobes
exist (the guest, with a swap device its in_guest.sh sets up) it counts the swap-ins of a
child that outgrows a 16 MiB memory cgroup and then reads its memory back."""

import json
import subprocess

import pytest

from support import memcg
from support.processes import PYTHON, run_tool_uncompiled, tool
from tracekit.kernel.capabilities import supported

HAS_KPROBES = supported("kprobes")

# Renames itself, waits for a byte, fills 48 MiB (most of it goes to swap in a 16 MiB cgroup),
# reads it all back, says how much it read.
CHILD = """
import sys
open("/proc/self/comm", "w").write("tk-swapper")
sys.stdin.read(1)
pages = [bytearray(b"\\x03" * 4096) for _ in range(48 * 256)]
print(sum(p[0] for p in pages), flush=True)
"""


@pytest.mark.skipif(HAS_KPROBES, reason="the kernel has kprobes: swapin runs (see the test below)")
def test_exits_at_once_naming_config_kprobes(tmp_path):
    out, compiled = run_tool_uncompiled("swapin", cache_dir=tmp_path / "cache")
    assert out.returncode == 1 and out.stdout == b""
    lines = out.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("swapin: needs CONFIG_KPROBES"), lines
    assert not compiled  # it refused before compiling anything


def active_swap():
    with open("/proc/swaps") as f:
        return len(f.read().splitlines()) > 1


@pytest.mark.skipif(not HAS_KPROBES, reason="no kprobes (CONFIG_KPROBES): swapin cannot run here")
def test_counts_the_swap_ins_of_a_process():
    if not active_swap():
        pytest.skip("no active swap device (/proc/swaps)")
    reason = memcg.unavailable()
    if reason:
        pytest.skip(reason)
    with memcg.MemoryCgroup(16 << 20, "tk-swapin", swap=True) as cgroup:
        child = subprocess.Popen([PYTHON, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        cgroup.add(child.pid)
        counted = tool("swapin", "-p", str(child.pid), "--json", "1")
        try:
            counted.wait_for(b"Counting swap ins.", stderr=True)
            out, _ = child.communicate(b"g", timeout=600)
            assert int(out) == 3 * 48 * 256
            counted.wait_until(lambda out: out.count(b"{") >= 2, "a report after the reads")
        finally:
            counted.stop()
            child.kill()
            child.wait()
    reports = [json.loads(l) for l in counted.out.splitlines() if l.strip()]
    mine = [p for r in reports for p in r["processes"]]
    assert all(p["pid"] == child.pid and p["comm"] == "tk-swapper" for p in mine)
    assert sum(p["count"] for p in mine) >= (48 - 16) * 256 // 2  # most of what went out came back
