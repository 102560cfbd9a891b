"""Reading bpf_trace_printk() output from tracefs' trace_pipe, BCC style."""

import os
import re

from .._native import core

# "<task>-<pid> [(<tgid>)] [<cpu>] <flags> <timestamp>: <event>: <message>"
_LINE = re.compile(rb"^\s*(?P<task>.*?)-(?P<pid>\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(?P<cpu>\d+)\]\s+"
                   rb"(?P<flags>\S+)\s+(?P<ts>\d+\.\d+):\s+(?P<rest>.*)$")


def parse_line(line):
    """(task, pid, cpu, flags, ts, msg) of a trace_pipe line, or None for other lines."""
    m = _LINE.match(line)
    if not m:
        return None
    rest = m.group("rest")
    # After the timestamp comes the event name ("bpf_trace_printk") or, on some kernels, a
    # symbol or address, then ": " and the message.
    sep = rest.find(b": ")
    msg = rest[sep + 2:] if sep >= 0 else rest
    return (m.group("task"), int(m.group("pid")), int(m.group("cpu")), m.group("flags"),
            float(m.group("ts")), msg)


class TracePipe:
    def __init__(self):
        self._file = None
        self._nonblocking = None

    def _open(self, nonblocking):
        if self._file is None:
            path = os.path.join(core.tracefs_root(), "trace_pipe")
            self._file = open(path, "rb")
        if nonblocking != self._nonblocking:
            os.set_blocking(self._file.fileno(), not nonblocking)
            self._nonblocking = nonblocking
        return self._file

    def readline(self, nonblocking=False):
        """One line without its newline; None when nonblocking and nothing is there."""
        f = self._open(nonblocking)
        try:
            line = f.readline()
        except BlockingIOError:
            return None
        if not line:
            return None
        return line.rstrip(b"\n")

    def fields(self, nonblocking=False):
        while True:
            line = self.readline(nonblocking)
            if line is None:
                if nonblocking:
                    return (None,) * 6
                continue
            if line.startswith(b"CPU:"):  # "CPU:N [LOST n EVENTS]"
                continue
            parsed = parse_line(line)
            if parsed is not None:
                return parsed

    def print_lines(self, fmt=None):
        import sys
        while True:
            if fmt:
                fields = self.fields()
                if fields[0] is None:
                    continue
                task, pid, cpu, flags, ts, msg = fields
                task, flags, msg = (v.decode(errors="replace") for v in (task, flags, msg))
                # BCC's form is positional ("{1} {5}"); names work too ("{pid} {msg}").
                line = fmt.format(task, pid, cpu, flags, ts, msg, task=task, pid=pid, cpu=cpu, flags=flags,
                                  ts=ts, msg=msg)
            else:
                line = self.readline()
                if line is None:
                    continue
                line = line.decode(errors="replace")
            print(line)
            sys.stdout.flush()

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None
