"""tracekit dbslower shows a slow marker query of a scratch PostgreSQL server (USDT probes) and
of a scratch MariaDB server (uprobes on dispatch_command: Debian's build has no probes), with
its text and latency, and leaves faster queries out."""

import os
import signal

from runtime_workloads import json_lines
from support.processes import tool


def slow_queries(server, args, queries, marker, as_json=False):
    slower = tool("dbslower", *args)
    try:
        slower.wait_for(b"Tracing database queries", stderr=as_json)
        for sql in queries:
            server.query(sql)
        slower.wait_for(marker.encode())
        slower.stop(signal.SIGINT)
    finally:
        slower.stop()
    return slower


def test_postgres_slow_query(postgres_server):
    marker = "tk_pg_slow_%d" % os.getpid()
    fast = "SELECT 'tk_pg_fast_%d'" % os.getpid()
    slow = "SELECT pg_sleep(0.2), '%s'" % marker
    slower = slow_queries(postgres_server, ["postgres", "-m", "100"], [fast, slow], marker)
    lines = slower.out.decode().splitlines()
    assert lines[0].startswith("Tracing database queries for pids %d" % postgres_server.pid)
    assert lines[0].endswith(" slower than 100 ms...")
    assert lines[1].split() == ["TIME(s)", "PID", "MS", "QUERY"]
    mine = [l.split(None, 3) for l in lines[2:] if "tk_pg_" in l]
    assert [r[3] for r in mine] == [slow]  # the fast one stays under the threshold
    assert 200 <= float(mine[0][2]) < 2000
    assert int(mine[0][1]) != postgres_server.pid  # a backend the server forked for the client


def test_postgres_json(postgres_server):
    marker = "tk_pg_json_%d" % os.getpid()
    slow = "SELECT pg_sleep(0.15), '%s'" % marker
    slower = slow_queries(postgres_server, ["postgres", "--json", "-m", "0"], [slow], marker, as_json=True)
    records = [r for r in json_lines(slower.out) if marker in r["query"]]
    assert len(records) == 1 and records[0]["query"] == slow
    assert 150 <= records[0]["ms"] < 2000 and records[0]["time_s"] > 0


def test_mariadb_slow_query_through_uprobes(mariadb_server):
    marker = "tk_my_slow_%d" % os.getpid()
    slow = "SELECT SLEEP(0.2), '%s'" % marker
    slower = slow_queries(mariadb_server, ["mysql", "-p", str(mariadb_server.pid), "-m", "100", "--verbose"],
                          ["SELECT 'tk_my_fast'", slow], marker)
    mine = [l.split(None, 3) for l in slower.out.decode().splitlines() if "tk_my_" in l]
    assert [(int(r[1]), r[3]) for r in mine] == [(mariadb_server.pid, slow)]
    assert 200 <= float(mine[0][2]) < 2000
    assert b"uprobes on mariadbd:dispatch_command" in slower.err
