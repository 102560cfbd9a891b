"""tracekit numamove counts NUMA-balancing page migrations each second. This host (and the
guest) has a single NUMA node, where the kernel never moves a page for NUMA balancing, so the
test can show the lines and their zero counts, not a migration; the reason names it tells
NUMA migrations from others by come from the kernel's own tracepoint format."""

import json

from support.processes import run_tool
from tracekit.tools import tracepoint_symbols


def numa_nodes():
    with open("/sys/devices/system/node/online") as f:
        text = f.read().strip()
    return sum(int(b) - int(a) + 1 if "-" in part else 1
               for part in text.split(",") for a, _, b in [part.partition("-")])


def test_prints_a_line_per_second():
    out = run_tool("numamove", "1", "2")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode().splitlines()
    assert lines[0].split() == ["TIME", "NUMA_migrations", "NUMA_migrations_ms"]
    rows = [l.split() for l in lines[1:]]
    assert len(rows) == 2 and all(len(r) == 3 and r[1].isdigit() and r[2].isdigit() for r in rows)
    if numa_nodes() == 1:
        assert all(r[1:] == ["0", "0"] for r in rows)


def test_json_splits_migrations_by_the_kernels_reasons():
    out = run_tool("numamove", "--json", "1", "1")
    assert out.returncode == 0 and b"Tracing page migrations" in out.stderr
    record = json.loads(out.stdout)
    known = dict(tracepoint_symbols.symbol_tables("migrate", "mm_migrate_pages"))["REC->reason"]
    assert "numa_misplaced" in known.values()
    assert set(record["by_reason"]) <= set(known.values())
    assert all(r["migrations"] > 0 and r["pages"] >= 0 and r["ms"] >= 0 for r in record["by_reason"].values())
    numa = record["by_reason"].get("numa_misplaced", {"migrations": 0, "ms": 0})
    assert (record["numa_migrations"], record["numa_migrations_ms"]) == (numa["migrations"], numa["ms"])
    if numa_nodes() == 1:
        assert record["numa_migrations"] == 0
