"""tracekit tcpconnect reports a loopback connect the test makes."""

import json
import os
import socket
import time

from support.processes import TIMEOUT_SCALE, tool
from tcp_workload import transfer


def rows(out):
    return [l.split() for l in out.splitlines()[1:] if l.strip()]


def test_reports_connect_with_addresses_and_port():
    snoop = tool("tcpconnect", "-L", "-U")
    try:
        snoop.wait_for(b"DPORT")
        lport, port = transfer(1000)
        out = snoop.wait_for(("%d\n" % port).encode())
    finally:
        snoop.stop()
    mine = [r for r in rows(out) if int(r[-1]) == port]
    assert mine, out
    uid, pid, comm, ip, saddr, got_lport, daddr, dport = mine[0]
    assert (int(uid), int(pid), ip, saddr, daddr) == (0, os.getpid(), b"4", b"127.0.0.1", b"127.0.0.1")
    assert int(got_lport) == lport
    assert comm.startswith(b"python")


def test_port_filter_and_ipv6():
    snoop = tool("tcpconnect", "-6", "-P", "9,7")
    try:
        snoop.wait_for(b"DPORT")
        for port in (7, 8, 9):
            s = socket.socket(socket.AF_INET6)
            try:
                s.connect(("::1", port))  # refused: still a connect
            except OSError:
                pass
            s.close()
        transfer(10)  # IPv4: filtered out
        out = snoop.wait_for(b" 9\n")
    finally:
        snoop.stop()
    assert sorted(int(r[-1]) for r in rows(out) if int(r[0]) == os.getpid()) == [7, 9]
    assert all(r[2] == b"6" and r[3] == b"::1" for r in rows(out))


def test_count_mode_counts_each_flow():
    snoop = tool("tcpconnect", "-c", "-p", str(os.getpid()))
    try:
        snoop.wait_for(b"Tracing connect")
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        for _ in range(3):
            c = socket.create_connection(s.getsockname())
            c.close()
        snoop.stop()
    finally:
        snoop.stop()
    line = [l.split() for l in snoop.out.splitlines() if l.strip().endswith(b" 3")]
    assert line and line[0][2] == str(s.getsockname()[1]).encode(), snoop.out


def test_json_carries_addresses_ports_and_uid():
    snoop = tool("tcpconnect", "--json", "-L", "-U", "-p", str(os.getpid()))
    try:
        # JSON mode prints no header: connect until one connect shows.
        deadline = time.time() + 60 * TIMEOUT_SCALE
        while time.time() < deadline:
            try:
                snoop.wait_for(b'"dport": %d}' % transfer(10)[1], timeout=1)
                break
            except AssertionError:
                continue
        lport, port = transfer(1000)
        snoop.wait_for(b'"dport": %d}' % port)
    finally:
        snoop.stop()
    records = [json.loads(l) for l in snoop.out.splitlines()]
    mine = [r for r in records if r["dport"] == port]
    assert len(mine) == 1, records
    r = mine[0]
    assert (r["uid"], r["pid"], r["ip"], r["saddr"], r["daddr"]) == (0, os.getpid(), 4, "127.0.0.1", "127.0.0.1")
    assert r["lport"] == lport and r["comm"].startswith("python")
