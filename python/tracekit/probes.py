"""BPF's attach methods (kprobes, tracepoints, raw tracepoints, uprobes), BCC-compatible.

A mixin of the BPF class (bpf.py): each method names what it attaches and keeps the native Link
in self._links (attach.py), keyed as BCC keys them.
"""

import os

from ._native import core
from ._text import to_bytes, to_str


class ProbeMethods:
    # -- kprobes ----------------------------------------------------------------------------
    @staticmethod
    def get_syscall_prefix():
        return to_bytes(core.kernel_info()["syscall_prefix"])

    @staticmethod
    def get_syscall_fnname(name):
        return ProbeMethods.get_syscall_prefix() + to_bytes(name)

    def attach_kprobe(self, event=b"", event_off=0, fn_name=b"", event_re=b""):
        event, fn_name = to_str(event), to_str(fn_name)
        if event_re:
            matches = ProbeMethods.get_kprobe_functions(event_re)
            if not matches:
                raise ValueError("no kprobe-able function matches %r" % to_str(event_re))
            for fn in matches:
                self.attach_kprobe(event=fn, event_off=event_off, fn_name=fn_name)
            return self
        link = core.attach_kprobe(self._object, fn_name, event, event_off, False)
        self._links.add("kprobe", "p_" + event.replace("+", "_").replace(".", "_"), link)
        return self

    def attach_kretprobe(self, event=b"", fn_name=b"", event_re=b"", maxactive=0):
        event, fn_name = to_str(event), to_str(fn_name)
        if event_re:
            matches = ProbeMethods.get_kprobe_functions(event_re)
            if not matches:
                raise ValueError("no kprobe-able function matches %r" % to_str(event_re))
            for fn in matches:
                self.attach_kretprobe(event=fn, fn_name=fn_name, maxactive=maxactive)
            return self
        link = core.attach_kprobe(self._object, fn_name, event, 0, True)
        self._links.add("kprobe", "r_" + event.replace("+", "_").replace(".", "_"), link)
        return self

    def detach_kprobe(self, event, fn_name=None):
        self._links.remove("kprobe", "p_" + to_str(event).replace("+", "_").replace(".", "_"))

    def detach_kretprobe(self, event, fn_name=None):
        self._links.remove("kprobe", "r_" + to_str(event).replace("+", "_").replace(".", "_"))

    @staticmethod
    def get_kprobe_functions(event_re):
        """Functions matching event_re that kprobes can attach to; empty without kprobes."""
        import re
        if not core.kernel_info()["kprobes"]:
            return []
        pattern = re.compile(to_bytes(event_re))
        root = core.tracefs_root()
        blacklist = set()
        try:
            with open("/sys/kernel/debug/kprobes/blacklist", "rb") as f:
                blacklist = {line.split()[1] for line in f if len(line.split()) > 1}
        except OSError:
            pass
        found = []
        with open(os.path.join(root, "available_filter_functions"), "rb") as f:
            for line in f:
                fn = line.split()[0] if line.strip() else b""
                if fn and pattern.match(fn) and fn not in blacklist and not fn.startswith(b"__ftrace"):
                    found.append(fn)
        return found

    # -- tracepoints ------------------------------------------------------------------------
    def attach_tracepoint(self, tp=b"", tp_re=b"", fn_name=b""):
        tp, fn_name = to_str(tp), to_str(fn_name)
        if tp_re:
            for category, event in ProbeMethods._matching_tracepoints(to_str(tp_re)):
                self.attach_tracepoint(tp="%s:%s" % (category, event), fn_name=fn_name)
            return self
        category, sep, event = tp.partition(":")
        if not sep:
            raise ValueError("tracepoint %r: expected 'category:event'" % tp)
        link = core.attach_tracepoint(self._object, fn_name, category, event)
        self._links.add("tracepoint", tp, link)
        return self

    def detach_tracepoint(self, tp=b""):
        self._links.remove("tracepoint", to_str(tp))

    @staticmethod
    def _matching_tracepoints(tp_re):
        import re
        pattern = re.compile(tp_re)
        events = os.path.join(core.tracefs_root(), "events")
        out = []
        for category in sorted(os.listdir(events)):
            path = os.path.join(events, category)
            if not os.path.isdir(path):
                continue
            for event in sorted(os.listdir(path)):
                if os.path.isdir(os.path.join(path, event)) and pattern.match("%s:%s" % (category, event)):
                    out.append((category, event))
        return out

    @staticmethod
    def tracepoint_exists(category, event):
        return core.tracepoint_exists(to_str(category), to_str(event))

    def attach_raw_tracepoint(self, tp=b"", fn_name=b""):
        tp, fn_name = to_str(tp), to_str(fn_name)
        link = core.attach_raw_tracepoint(self._object, fn_name, tp)
        self._links.add("raw_tracepoint", tp, link)
        return self

    def detach_raw_tracepoint(self, tp=b""):
        self._links.remove("raw_tracepoint", to_str(tp))

    # -- uprobes ----------------------------------------------------------------------------
    @staticmethod
    def find_library(libname):
        """The path of a shared library from its short name ("c" -> libc.so.6's path)."""
        from .binaries import find_library
        path = find_library(to_str(libname))
        return to_bytes(path) if path else None

    @staticmethod
    def find_exe(bin_path):
        from .binaries import find_exe
        path = find_exe(to_str(bin_path))
        return to_bytes(path) if path else None

    def _binary_path(self, name):
        from .binaries import resolve_binary
        return resolve_binary(to_str(name))

    def attach_uprobe(self, name=b"", sym=b"", sym_re=b"", addr=None, fn_name=b"", pid=-1, sym_off=0):
        return self._attach_uprobe(name, sym, addr, fn_name, pid, sym_off, False)

    def attach_uretprobe(self, name=b"", sym=b"", sym_re=b"", addr=None, fn_name=b"", pid=-1):
        return self._attach_uprobe(name, sym, addr, fn_name, pid, 0, True)

    def _attach_uprobe(self, name, sym, addr, fn_name, pid, sym_off, retprobe):
        path = self._binary_path(name)
        sym, fn_name = to_str(sym), to_str(fn_name)
        link = core.attach_uprobe(self._object, fn_name, path, sym, addr or 0, sym_off, retprobe, pid)
        key = "%s_%s_%s" % ("r" if retprobe else "p", path, sym or hex(addr or 0))
        self._links.add("uprobe", key, link)
        return self

    def detach_uprobe(self, name=b"", sym=b"", addr=None, pid=-1):
        path = self._binary_path(name)
        self._links.remove("uprobe", "p_%s_%s" % (path, to_str(sym) or hex(addr or 0)))

    def detach_uretprobe(self, name=b"", sym=b"", addr=None, pid=-1):
        path = self._binary_path(name)
        self._links.remove("uprobe", "r_%s_%s" % (path, to_str(sym) or hex(addr or 0)))

    # -- counts -----------------------------------------------------------------------------
    def num_open_kprobes(self):
        return self._links.count("kprobe")

    def num_open_uprobes(self):
        return self._links.count("uprobe")

    def num_open_tracepoints(self):
        return self._links.count("tracepoint", "raw_tracepoint")

    def attachments(self):
        """How each probe was attached (e.g. 'kprobe clone via tracepoint ...')."""
        return self._links.descriptions()

