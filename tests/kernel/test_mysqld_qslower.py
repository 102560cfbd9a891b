"""tracekit mysqld_qslower shows a slow marker query of a scratch MariaDB server."""

import os
import signal

from support.processes import run_tool, tool


def test_slow_query_with_threshold(mariadb_server):
    marker = "tk_qslower_%d" % os.getpid()
    slow = "SELECT SLEEP(0.3), '%s'" % marker
    qslower = tool("mysqld_qslower", str(mariadb_server.pid), "250")
    try:
        qslower.wait_for(b"QUERY")
        mariadb_server.query("SELECT SLEEP(0.1), 'tk_qslower_fast'")
        mariadb_server.query(slow)
        qslower.wait_for(marker.encode())
        qslower.stop(signal.SIGINT)
    finally:
        qslower.stop()
    lines = qslower.out.decode().splitlines()
    assert lines[0] == "Tracing MySQL server queries for PID %d slower than 250 ms..." % mariadb_server.pid
    rows = [l.split(None, 3) for l in lines[2:]]
    assert [(r[0], int(r[1]), r[3]) for r in rows] == [("0.000000", mariadb_server.pid, slow)]
    assert 300 <= float(rows[0][2]) < 3000


def test_not_a_mysql_server():
    out = run_tool("mysqld_qslower", str(os.getpid()))
    assert out.returncode == 1
    assert b"has neither the USDT probes query__start/query__done" in out.stderr
