"""tracekit.utils (bcc.utils): small helpers BCC scripts import."""

import sys


def printb(s, file=sys.stdout, nl=1):
    """Writes bytes to a text stream without decoding them (BCC's printb)."""
    buf = file.buffer if hasattr(file, "buffer") else file
    buf.write(s)
    if nl:
        buf.write(b"\n")
    file.flush()


def _read_cpu_range(path):
    cpus = []
    with open(path) as f:
        for part in f.read().strip().split(","):
            if "-" in part:
                lo, hi = part.split("-")
                cpus.extend(range(int(lo), int(hi) + 1))
            elif part:
                cpus.append(int(part))
    return cpus


def get_online_cpus():
    return _read_cpu_range("/sys/devices/system/cpu/online")


def get_possible_cpus():
    return _read_cpu_range("/sys/devices/system/cpu/possible")


class ArgString:
    """An argparse type that keeps command-line strings as bytes, as BCC tools compare them."""

    def __init__(self, s):
        self.s = s.encode() if isinstance(s, str) else s

    def __bytes__(self):
        return self.s

    def __str__(self):
        return self.s.decode(errors="replace")
