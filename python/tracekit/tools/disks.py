"""Block device names for the disk tools: kernel dev_t values to names ("vda", "nvme0n1p2")
and back, from /sys/dev/block."""

import os

MINORBITS = 20  # the kernel's dev_t: (major << 20) | minor


def name_of(dev):
    """The name of kernel dev_t `dev`, or "?" when the device is unknown."""
    major, minor = dev >> MINORBITS, dev & ((1 << MINORBITS) - 1)
    try:
        with open("/sys/dev/block/%d:%d/uevent" % (major, minor)) as f:
            for line in f:
                if line.startswith("DEVNAME="):
                    return line.strip().split("=", 1)[1]
    except OSError:
        pass
    return "%d:%d" % (major, minor)


def dev_of(name):
    """The kernel dev_t of disk `name` (as in /sys/class/block), or None."""
    try:
        with open("/sys/class/block/%s/dev" % os.path.basename(name)) as f:
            major, minor = (int(x) for x in f.read().strip().split(":"))
    except (OSError, ValueError):
        return None
    return (major << MINORBITS) | minor


def disk_argument(text):
    """argparse type for -d DISK."""
    import argparse
    dev = dev_of(text)
    if dev is None:
        raise argparse.ArgumentTypeError("no block device named %r (see /sys/class/block)" % text)
    return dev
