"""tracekit dbstat puts a scratch PostgreSQL server's slow marker query in the histogram slot
of its latency."""

import os
import signal

from support.processes import tool


def test_postgres_latency_histogram(postgres_server):
    stat = tool("dbstat", "postgres", "-m", "100")
    try:
        stat.wait_for(b"Tracing database queries")
        postgres_server.query("SELECT pg_sleep(0.2), 'tk_dbstat_%d'" % os.getpid())
        stat.stop(signal.SIGINT)
    finally:
        stat.stop()
    lines = stat.out.decode().splitlines()
    assert any(l.strip().startswith("query latency (ms)") for l in lines)
    slots = {tuple(int(x) for x in l.split(":")[0].split("->")): int(l.split(":")[1].split()[0])
             for l in lines if "->" in l}
    assert slots[(128, 255)] == 1  # 200 ms; the faster queries are under -m 100
    assert sum(slots.values()) == 1


def test_microseconds_json(postgres_server):
    stat = tool("dbstat", "postgres", "-u", "-m", "50", "--json")
    try:
        stat.wait_for(b"Tracing database queries", stderr=True)
        postgres_server.query("SELECT pg_sleep(0.07), 'tk_dbstat_%d'" % os.getpid())
        stat.stop(signal.SIGINT)
    finally:
        stat.stop()
    import json
    histogram = json.loads([l for l in stat.out.decode().splitlines() if l.strip()][0])
    assert histogram["val_type"] == "query latency (us)"
    counted = {(b["interval-start"], b["interval-end"]): b["count"] for b in histogram["data"] if b["count"]}
    assert counted == {(65536, 131071): 1}  # 70 ms
