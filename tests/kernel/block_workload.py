"""Block I/O the disk tool tests can trace: O_DIRECT writes that reach a real block device."""

import os
import subprocess

import pytest

# A directory on a block-device filesystem (the vmtest guest has only 9p and tmpfs).
SCRATCH = "/var/tmp"


def require_block_device():
    major = os.major(os.stat(SCRATCH).st_dev)
    if major == 0:
        pytest.skip("%s is not on a block device here (no disk to trace)" % SCRATCH)


def direct_write(nbytes):
    """Writes nbytes with O_DIRECT through dd; returns dd's pid."""
    path = os.path.join(SCRATCH, "tk-bio-%d" % os.getpid())
    try:
        dd = subprocess.Popen(["dd", "if=/dev/zero", "of=" + path, "bs=1M",
                               "count=%d" % (nbytes >> 20), "oflag=direct"],
                              stderr=subprocess.DEVNULL)
        dd.wait()
        return dd.pid
    finally:
        if os.path.exists(path):
            os.unlink(path)
