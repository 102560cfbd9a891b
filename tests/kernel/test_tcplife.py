"""tracekit tcplife reports a session's ports, bytes each way and duration."""

import json
import os

from support.processes import tool
from tcp_workload import transfer

NBYTES = 3 * 1024 * 1024


def test_reports_bytes_each_way():
    life = tool("tcplife")
    try:
        life.wait_for(b"RX_KB")
        client_port, server_port = transfer(NBYTES)
        out = life.wait_for(("%d" % server_port).encode())
        life.wait_for(b"\n", timeout=5)
    finally:
        life.stop()
    rows = [l.split() for l in out.splitlines()[1:] if l.strip()]
    client = [r for r in rows if int(r[3]) == client_port and int(r[5]) == server_port]
    assert client, out
    pid, comm, laddr, lport, raddr, rport, tx_kb, rx_kb, ms = client[0]
    assert int(pid) == os.getpid()
    assert (laddr, raddr) == (b"127.0.0.1", b"127.0.0.1")
    assert int(tx_kb) == NBYTES // 1024 and int(rx_kb) == 0
    assert float(ms) > 0


def test_json_carries_exact_bytes():
    life = tool("tcplife", "--json", "-p", str(os.getpid()))
    try:
        import time
        deadline = time.time() + 60
        found = None
        while time.time() < deadline and not found:
            client_port, server_port = transfer(5000)
            try:
                life.wait_for(('"lport": %d' % client_port).encode(), timeout=1)
                found = client_port
            except AssertionError:
                continue
    finally:
        life.stop()
    record = [json.loads(l) for l in life.out.splitlines() if ('"lport": %d' % found).encode() in l][0]
    # The kernel's counters (tcp_sock bytes_acked/bytes_received) also count SYN and FIN.
    assert 5000 <= record["tx_bytes"] <= 5002 and record["rx_bytes"] <= 1
    assert record["rport"] == server_port and record["pid"] == os.getpid()
