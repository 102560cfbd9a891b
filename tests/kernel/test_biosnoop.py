"""tracekit biosnoop reports the test's O_DIRECT writes: submitter, disk, type, bytes."""

import json
import time

from block_workload import direct_write, require_block_device
from support.processes import TIMEOUT_SCALE, tool


def test_reports_direct_writes_with_submitter_and_size():
    require_block_device()
    snoop = tool("biosnoop", "-Q")
    try:
        snoop.wait_for(b"LAT(ms)")
        pid = direct_write(4 << 20)
        out = snoop.wait_for(b" W ")
        time.sleep(0.5)
    finally:
        snoop.stop()
    rows = [l.split() for l in snoop.out.splitlines()[1:] if l.strip()]
    writes = [r for r in rows if int(r[2]) == pid and r[4] == b"W"]
    assert writes, out
    assert all(r[1] == b"dd" for r in writes)
    assert sum(int(r[6]) for r in writes) >= 4 << 20
    assert all(float(r[-1]) > 0 for r in writes)


def test_json_carries_submitter_type_and_bytes():
    require_block_device()
    snoop = tool("biosnoop", "--json", "-Q")
    try:
        # JSON mode prints no header: write until one write shows, then trace a whole one.
        deadline = time.time() + 60 * TIMEOUT_SCALE
        while time.time() < deadline:
            try:
                snoop.wait_for(b'"pid": %d,' % direct_write(1 << 20), timeout=1)
                break
            except AssertionError:
                continue
        pid = direct_write(4 << 20)
        snoop.wait_for(b'"pid": %d,' % pid)
        time.sleep(0.5)
    finally:
        snoop.stop()
    records = [json.loads(l) for l in snoop.out.splitlines()]
    writes = [r for r in records if r["pid"] == pid and r["t"] == "W"]
    assert writes and all(r["comm"] == "dd" for r in writes)
    assert sum(r["bytes"] for r in writes) >= 4 << 20
    assert all(r["lat_ms"] > 0 and r["que_ms"] >= 0 and r["disk"] for r in writes)
