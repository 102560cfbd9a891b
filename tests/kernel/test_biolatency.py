"""tracekit biolatency counts the test's O_DIRECT writes in its latency histogram."""

import json
import signal

from block_workload import direct_write, require_block_device
from histograms import sections, total
from support.processes import tool


def run_with_writes(*args):
    lat = tool("biolatency", *args)
    try:
        lat.wait_for(b"Hit Ctrl-C to end", stderr="-j" in args)  # with JSON, the banner is on stderr
        for _ in range(3):
            direct_write(2 << 20)
        lat.stop(signal.SIGINT)
    finally:
        lat.stop()
    return lat.out


def test_histogram_counts_the_writes():
    require_block_device()
    out = run_with_writes("-Q")
    assert b"usecs" in out and b"distribution" in out
    assert total(out) >= 6  # 3 x 2 MiB in requests of at most ~1 MiB


def test_per_disk_sections_name_the_disk():
    require_block_device()
    out = run_with_writes("-D", "-m")
    hist = sections(out)
    assert b"msecs" in out
    assert any(label and label.startswith(b"vd") or label and label.startswith(b"sd") or
               label and label.startswith(b"nvme") for label in hist), out


def test_json_histogram_parses():
    require_block_device()
    out = run_with_writes("-j")
    records = [json.loads(l) for l in out.splitlines() if l.strip()]  # stdout holds only JSON
    assert records and sum(b["count"] for b in records[-1]["data"]) >= 6


def test_per_flags_sections_show_the_writes():
    require_block_device()
    out = run_with_writes("-F")
    hist = sections(out)
    writes = [h for label, h in hist.items() if label and b"Write" in label]
    assert writes, out
    assert sum(sum(h.values()) for h in writes) >= 6  # 3 x 2 MiB in requests of at most ~1 MiB
