"""tracekit compactsnoop reports the compaction a child starts by writing to
/proc/sys/vm/compact_memory (the kernel's own, safe, manual compaction): one line per
populated zone, in the child, whole-zone (order -1), synchronous, with a known status."""

import json
import os
import re
import subprocess

import pytest

from support.processes import PYTHON, tool

TRIGGER = "/proc/sys/vm/compact_memory"
STATUSES = {"not_suitable_zone", "skipped", "deferred", "no_suitable_page", "continue", "complete",
            "partial_skipped", "contended", "success"}
# Renames itself, waits for a byte, asks the kernel to compact all memory.
CHILD = """
import sys
open("/proc/self/comm", "w").write("tk-compactor")
sys.stdin.read(1)
with open("%s", "w") as f:
    f.write("1")
""" % TRIGGER


def populated_zones():
    """[(node, "ZONE_NAME")] of the zones with pages, in /proc/zoneinfo's order."""
    zones = []
    with open("/proc/zoneinfo") as f:
        for line in f:
            head = re.match(r"^Node (\d+), zone\s+(\S+)", line)
            if head:
                zone = (int(head.group(1)), "ZONE_" + head.group(2).upper())
            present = re.match(r"^\s+present\s+(\d+)$", line)
            if present and int(present.group(1)) > 0:
                zones.append(zone)
    return zones


def test_reports_each_zone_of_a_manual_compaction():
    if not os.path.exists(TRIGGER):
        pytest.skip("no %s (CONFIG_COMPACTION)" % TRIGGER)
    child = subprocess.Popen([PYTHON, "-c", CHILD], stdin=subprocess.PIPE)
    text = tool("compactsnoop", "-T", "-p", str(child.pid))
    as_json = None
    zones = populated_zones()
    try:
        text.wait_for(b"STATUS")
        as_json = tool("compactsnoop", "-e", "--json", "-p", str(child.pid))
        as_json.wait_for(b"Tracing compaction", stderr=True)
        child.communicate(b"g", timeout=120)
        assert child.returncode == 0
        text.wait_until(lambda out: out.count(b"tk-compactor") >= len(zones), "a line per zone")
        as_json.wait_until(lambda out: out.count(b"tk-compactor") >= len(zones), "a record per zone")
    finally:
        text.stop()
        if as_json:
            as_json.stop()
        child.kill()
    lines = text.out.decode().splitlines()
    assert lines[0].split() == ["TIME(s)", "COMM", "PID", "NODE", "ZONE", "ORDER", "MODE", "LAT(ms)", "STATUS"]
    rows = [l.split() for l in lines[1:]]
    assert [(int(r[3]), r[4]) for r in rows] == zones
    assert all(r[1:3] == ["tk-compactor", str(child.pid)] and r[5:7] == ["-1", "SYNC"] for r in rows), lines
    assert all(float(r[7]) >= 0 and r[8] in STATUSES for r in rows)
    times = [float(r[0]) for r in rows]
    assert times[0] == 0 and times == sorted(times)
    records = [json.loads(l) for l in as_json.out.splitlines()]
    assert [(r["node"], r["zone"], r["order"], r["mode"]) for r in records] == [z + (-1, "SYNC") for z in zones]
    assert all(r["pid"] == r["tid"] == child.pid and r["status"] in STATUSES for r in records)
    # -e: the zone's watermarks from /proc/zoneinfo (min < low < high); FRAGIDX only with kprobes
    assert all(0 < r["min"] < r["low"] < r["high"] and r["free"] > 0 for r in records)
