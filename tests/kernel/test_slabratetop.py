"""tracekit slabratetop counts the slab allocations of a child that creates 300 AF_UNIX datagram
socket pairs: 600 sockets, each one object of sock_inode_cache (a cache with a constructor, so
the kernel never merges it with another and its name is its own), with their bytes."""

import json
import re
import subprocess

from support.processes import PYTHON, tool

PAIRS = 300
# Waits for a byte, creates the socket pairs (and keeps them), says so, waits.
CHILD = """
import socket, sys
sys.stdin.read(1)
pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM) for _ in range(%d)]
print("made", flush=True)
sys.stdin.read(1)
""" % PAIRS


def slabinfo_object_size(cache):
    with open("/proc/slabinfo") as f:
        for line in f:
            fields = line.split()
            if fields and fields[0] == cache:
                return int(fields[3])
    raise AssertionError("no %s in /proc/slabinfo" % cache)


def test_counts_a_childs_unix_sockets():
    child = subprocess.Popen([PYTHON, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    text = tool("slabratetop", "-C", "-r", "50", "-p", str(child.pid), "1")
    as_json = None
    try:
        text.wait_for(b"Hit Ctrl-C to end")
        as_json = tool("slabratetop", "--json", "-s", "allocs", "-p", str(child.pid), "1")
        as_json.wait_for(b"Hit Ctrl-C to end", stderr=True)
        child.stdin.write(b"g")
        child.stdin.flush()
        assert child.stdout.readline() == b"made\n"
        # every screen after the sockets were made: both tools have seen all of them
        text.wait_until(lambda out: out.count(b"loadavg:") >= 3, "three screens")
        as_json.wait_until(lambda out: out.count(b"\n") >= 3, "three screens")
    finally:
        text.stop()
        if as_json:
            as_json.stop()
        child.kill()
    object_size = slabinfo_object_size("sock_inode_cache")
    inodes = [tuple(map(int, m)) for m in re.findall(rb"\nsock_inode_cache +(\d+) +(\d+)\n", text.out)]
    assert sum(a for a, _ in inodes) == 2 * PAIRS, text.out
    assert all(b == a * object_size for a, b in inodes)
    assert b"CACHE                            ALLOCS      BYTES\n" in text.out
    screens = [json.loads(l) for l in as_json.out.splitlines()]
    rows = [r for s in screens for r in s["rows"] if r["cache"] == "sock_inode_cache"]
    assert sum(r["allocs"] for r in rows) == 2 * PAIRS and all(r["bytes"] == r["allocs"] * object_size for r in rows)
    for s in screens:  # -s allocs: most allocations first
        assert [r["allocs"] for r in s["rows"]] == sorted((r["allocs"] for r in s["rows"]), reverse=True)
