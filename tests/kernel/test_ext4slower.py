"""tracekit ext4slower reports the test's writes, fsync and reads of an ext4 file. On kernels
without kprobes it works at syscall level and says so."""

import json
import os
import time

import pytest

from support.processes import TIMEOUT_SCALE, tool
from tracekit._native import core

# An ext4 directory to write in: the vmtest guest has no ext4 of its own, so in_guest.sh makes
# one on a RAM disk and names it here.
SCRATCH = os.environ.get("TRACEKIT_TEST_EXT4_DIR", "/var/tmp")


def require_ext4():
    with open("/proc/self/mountinfo") as f:
        mounts = [l.split() for l in f]
    best = max((m for m in mounts if SCRATCH.startswith(m[4])), key=lambda m: len(m[4]))
    fstype = best[best.index("-") + 1]
    if fstype != "ext4":
        pytest.skip("%s is on %s, not ext4, here" % (SCRATCH, fstype))


def test_reports_write_fsync_read_of_marker_file():
    require_ext4()
    name = "tk-ext4-%d" % os.getpid()
    path = os.path.join(SCRATCH, name)
    snoop = tool("ext4slower", "0", "-p", str(os.getpid()))
    try:
        snoop.wait_for(b"FILENAME")
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.write(fd, b"w" * 12288)
        os.fsync(fd)
        os.close(fd)
        fd = os.open(path, os.O_RDONLY)
        os.lseek(fd, 4096, os.SEEK_SET)
        assert len(os.read(fd, 1 << 20)) == 8192
        os.close(fd)
        out = snoop.wait_for(b" R ")
    finally:
        snoop.stop()
        if os.path.exists(path):
            os.unlink(path)
    header = out.splitlines()[0]
    # ext4's own functions through kprobes where there are kprobes, else the labelled
    # syscall-level approximation.
    assert (b"syscall level" in header) == (not core.kernel_info()["kprobes"]), header
    rows = [l.split() for l in out.splitlines()[2:] if l.endswith(name.encode())]
    kinds = [r[3] for r in rows]
    assert kinds[:3] == [b"O", b"W", b"S"], rows
    write = rows[1]
    assert int(write[2]) == os.getpid() and int(write[4]) == 12288
    read = [r for r in rows if r[3] == b"R"][0]
    assert int(read[4]) == 8192 and int(read[5]) == 4  # OFF_KB


def test_json_carries_exact_bytes_and_offsets():
    require_ext4()
    name = "tk-ext4-json-%d" % os.getpid()
    path = os.path.join(SCRATCH, name)
    snoop = tool("ext4slower", "--json", "0", "-p", str(os.getpid()))
    try:
        # JSON mode prints no header: open the file until an open shows.
        deadline = time.time() + 60 * TIMEOUT_SCALE
        while time.time() < deadline:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            try:
                snoop.wait_for(name.encode(), timeout=1)
                break
            except AssertionError:
                continue
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
        os.write(fd, b"j" * 12288)
        os.fsync(fd)
        os.close(fd)
        fd = os.open(path, os.O_RDONLY)
        os.lseek(fd, 4096, os.SEEK_SET)
        assert len(os.read(fd, 1 << 20)) == 8192
        os.close(fd)
        snoop.wait_for(b'"t": "R"')
    finally:
        snoop.stop()
        if os.path.exists(path):
            os.unlink(path)
    records = [json.loads(l) for l in snoop.out.splitlines()]
    mine = [r for r in records if r["filename"] == name]
    assert all(r["pid"] == os.getpid() for r in mine)
    write = [r for r in mine if r["t"] == "W"][0]
    assert write["bytes"] == 12288 and write["offset"] == 0
    assert [r["t"] for r in mine if r["t"] in "WS"] == ["W", "S"]
    read = [r for r in mine if r["t"] == "R"][0]
    assert (read["bytes"], read["offset"], read["off_kb"]) == (8192, 4096, 4)
    assert all(r["lat_us"] >= 0 and abs(r["lat_ms"] - r["lat_us"] / 1000) < 0.001 for r in mine)
