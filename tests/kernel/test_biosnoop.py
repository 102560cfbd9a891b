"""tracekit biosnoop reports the test's O_DIRECT writes: submitter, disk, type, bytes."""

from block_workload import direct_write, require_block_device
from support.processes import tool


def test_reports_direct_writes_with_submitter_and_size():
    require_block_device()
    snoop = tool("biosnoop", "-Q")
    try:
        snoop.wait_for(b"LAT(ms)")
        pid = direct_write(4 << 20)
        out = snoop.wait_for(b" W ")
        import time
        time.sleep(0.5)
    finally:
        snoop.stop()
    rows = [l.split() for l in snoop.out.splitlines()[1:] if l.strip()]
    writes = [r for r in rows if int(r[2]) == pid and r[4] == b"W"]
    assert writes, out
    assert all(r[1] == b"dd" for r in writes)
    assert sum(int(r[6]) for r in writes) >= 4 << 20
    assert all(float(r[-1]) > 0 for r in writes)
