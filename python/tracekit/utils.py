"""tracekit.utils (bcc.utils): small helpers BCC scripts import."""

import os
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


# Libraries that give a runtime away when the executable's name does not (an embedded JVM,
# a python3.11 binary called "myapp", node built as a shared library...).
_LANGUAGE_LIBRARIES = {
    "java": ("libjvm",),
    "node": ("libnode",),
    "perl": ("libperl",),
    "php": ("libphp",),
    "python": ("libpython",),
    "ruby": ("libruby",),
}


def detect_language(candidates, pid):
    """Which of `candidates` ("c", "java", "node", "perl", "php", "python", "ruby"...) process
    `pid` runs: by the executable's name, else by the runtime library it has mapped. None if
    neither tells."""
    try:
        exe = os.path.basename(os.readlink("/proc/%d/exe" % pid))
    except OSError:
        return None
    for candidate in candidates:
        if exe.startswith(candidate):
            return candidate
    try:
        with open("/proc/%d/maps" % pid) as f:
            mapped = {os.path.basename(line.split()[-1]) for line in f if "/" in line}
    except OSError:
        return None
    for candidate in candidates:
        prefixes = _LANGUAGE_LIBRARIES.get(candidate, ("lib%s" % candidate,))
        if any(name.startswith(prefixes) for name in mapped):
            return candidate
    return None
