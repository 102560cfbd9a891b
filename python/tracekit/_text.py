"""str and bytes at the boundary with BCC code: BCC accepts either for names and program text
and hands bytes back; tracekit works in str inside. printb and ArgString are BCC's helpers for
tools that keep command-line and kernel strings as bytes (re-exported by tracekit.utils)."""

import sys


def to_str(value):
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return value.decode()
    return str(value)


def to_bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode()


def printb(s, file=sys.stdout, nl=1):
    """Writes bytes to a text stream without decoding them (BCC's printb)."""
    buf = file.buffer if hasattr(file, "buffer") else file
    buf.write(s)
    if nl:
        buf.write(b"\n")
    file.flush()


class ArgString:
    """An argparse type that keeps command-line strings as bytes, as BCC tools compare them."""

    def __init__(self, s):
        self.s = s.encode() if isinstance(s, str) else s

    def __bytes__(self):
        return self.s

    def __str__(self):
        return self.s.decode(errors="replace")
