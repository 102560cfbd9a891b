"""tracekit dbstat puts a scratch PostgreSQL server's slow marker query in the histogram slot
of its latency."""

import json
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
    # the 200 ms query, alone: the faster ones are under -m 100 (a loaded machine may make it
    # last longer, never shorter)
    assert sum(slots.values()) == 1
    slot = next(s for s, count in slots.items() if count)
    assert 128 <= slot[0] < 2048


def test_microseconds_json(postgres_server):
    stat = tool("dbstat", "postgres", "-u", "-m", "50", "--json")
    try:
        stat.wait_for(b"Tracing database queries", stderr=True)
        postgres_server.query("SELECT pg_sleep(0.07), 'tk_dbstat_%d'" % os.getpid())
        stat.stop(signal.SIGINT)
    finally:
        stat.stop()
    histogram = json.loads([l for l in stat.out.decode().splitlines() if l.strip()][0])
    assert histogram["val_type"] == "query latency (us)"
    counted = {(b["interval-start"], b["interval-end"]): b["count"] for b in histogram["data"] if b["count"]}
    # the 70 ms query alone (at least 65536 us: slower on a loaded machine, never faster)
    assert list(counted.values()) == [1]
    assert 65536 <= list(counted)[0][0] < 2 ** 21
