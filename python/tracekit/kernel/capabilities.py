"""What the running kernel can do, found by trying it (kernel/capabilities.h), cached per
process (the BPF class offers them under BCC's names: methods.py).

``support_kfunc()`` is True only where a fentry program really attaches, not where the kernel
merely has BTF; ``get_kprobe_functions()`` is empty where kprobes cannot attach, so BCC-style
tools that test it fall back to their tracepoint path.
"""

import os
import re

from .._native import core
from .._text import to_bytes

_kprobe_functions = None


def capability(name):
    """(supported, detail, feature) of a kernel feature: "kprobes", "fentry", "lsm", ..."""
    return core.capability(name)


def supported(name):
    return core.capability(name)[0]


def _kprobe_blacklist():
    """Function names kprobes refuse (debugfs kprobes/blacklist; NOKPROBE_SYMBOL and the
    kprobe, entry and trampoline text ranges)."""
    try:
        path = os.path.join(core.debugfs_root(), "kprobes", "blacklist")
        with open(path, "rb") as f:
            return {fields[1] for fields in (line.split() for line in f) if len(fields) > 1}
    except Exception:  # noqa: BLE001 - no debugfs: the kernel will refuse them at attach time
        return set()


# Never probeable, whatever the blacklist says: NOKPROBE_SYMBOL markers, perf's own functions,
# static-call trampolines, compiler-split cold parts.
_UNSAFE = re.compile(rb"^(_kbl_addr_|__perf|perf_|__SCT__|__kprobes)|\.cold(\.\d+)?$")


def kprobe_functions():
    """Every kernel function a kprobe can attach to (bytes), cached; [] without kprobes.

    The text symbols of /proc/kallsyms (modules included), minus the kprobe blacklist (which
    covers NOKPROBE_SYMBOL functions and the entry, noinstr and kprobes text), minus what init
    freed. Not available_filter_functions: notrace functions can be kprobed too (the kernel
    uses a breakpoint there), e.g. 6.1's __x64_sys_getppid."""
    global _kprobe_functions
    if _kprobe_functions is not None:
        return _kprobe_functions
    if not supported("kprobes"):
        _kprobe_functions = []
        return _kprobe_functions
    blacklist = _kprobe_blacklist()
    entries = []
    init_begin = init_end = None
    with open("/proc/kallsyms", "rb") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 3:
                continue
            address, kind, name = int(fields[0], 16), fields[1], fields[2]
            if name == b"__init_begin":
                init_begin = address
            elif name == b"__init_end":
                init_end = address
            if kind in (b"t", b"T", b"w", b"W"):
                entries.append((address, name))
    seen = set()
    found = []
    for address, name in entries:
        if init_begin is not None and init_end is not None and init_begin <= address < init_end:
            continue
        if name in seen or name in blacklist or _UNSAFE.search(name):
            continue
        seen.add(name)
        found.append(name)
    _kprobe_functions = found
    return found


def get_kprobe_functions(event_re):
    pattern = re.compile(to_bytes(event_re))
    return [fn for fn in kprobe_functions() if pattern.match(fn)]


def get_tracepoints(tp_re):
    """["category:event"] (bytes) of the tracepoints whose name matches tp_re."""
    pattern = re.compile(to_bytes(tp_re))
    events = os.path.join(core.tracefs_root(), "events")
    out = []
    for category in sorted(os.listdir(events)):
        path = os.path.join(events, category)
        if not os.path.isdir(path):
            continue
        for event in sorted(os.listdir(path)):
            name = ("%s:%s" % (category, event)).encode()
            if os.path.isdir(os.path.join(path, event)) and pattern.match(name):
                out.append(name)
    return out
