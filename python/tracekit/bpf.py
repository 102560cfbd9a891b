"""The BPF class: BCC's entry point, as a facade over tracekit's smaller modules.

    b = BPF(text=program)            # compile (or take from the cache) and load
    b.attach_kprobe(event=b.get_syscall_fnname("clone"), fn_name="hello")
    b["counts"].items()              # tables (table.py)
    b["events"].open_perf_buffer(cb); b.perf_buffer_poll()   # events (events.py)
    b.trace_print()                  # bpf_trace_printk output (trace_pipe.py)

Programs named kprobe__<fn>, kretprobe__<fn>, TRACEPOINT_PROBE(cat, ev) and
RAW_TRACEPOINT_PROBE(ev) attach when the object loads. Everything attached is detached by
cleanup(), at the end of a ``with`` block, at interpreter exit, and by the kernel if the process
dies, because every attachment is held by a file descriptor.
"""

import atexit
import os
import sys
import time
import weakref

from . import constants
from ._native import core
from ._text import to_bytes, to_str
from .attach import AttachRegistry
from .events import EventLoop
from .table import make_table

_live = weakref.WeakSet()


def _cleanup_all():
    for b in list(_live):
        b.cleanup()


atexit.register(_cleanup_all)


class BPF:
    """A compiled and loaded BPF program text, BCC-compatible."""

    class Function:
        """A program loaded with load_func(): its name and file descriptor."""

        def __init__(self, bpf, name, fd):
            self.bpf = bpf
            self.name = to_bytes(name)
            self.fd = fd

    # Program types for load_func(), as BCC names them.
    SOCKET_FILTER = 1
    KPROBE = constants.PROG_TYPE_KPROBE
    SCHED_CLS = 3
    SCHED_ACT = 4
    TRACEPOINT = constants.PROG_TYPE_TRACEPOINT
    XDP = constants.PROG_TYPE_XDP
    PERF_EVENT = constants.PROG_TYPE_PERF_EVENT
    RAW_TRACEPOINT = constants.PROG_TYPE_RAW_TRACEPOINT

    def __init__(self, src_file=b"", hdr_file=b"", text=None, debug=0, cflags=None,
                 usdt_contexts=None, allow_rlimit=True, device=None, attach_usdt_ignore_pid=False):
        self._object = None
        self._links = AttachRegistry()
        self._events = EventLoop()
        self._tables = {}
        self._trace = None
        self.debug = debug
        source, name = self._program_text(to_str(src_file), to_str(hdr_file), text)
        cflags = [to_str(f) for f in (cflags or [])]
        compiled = core.compile(source, name, cflags, debug)
        if compiled.debug_text:
            sys.stderr.write(compiled.debug_text)
        self._compiled_from_cache = compiled.from_cache
        self._metadata = core.json_loads(compiled.metadata)
        self._map_meta = {m["name"]: m for m in self._metadata["maps"]}
        self._object = core.Object(compiled.elf, compiled.metadata, bool(debug & constants.DEBUG_BPF))
        _live.add(self)
        try:
            self._attach_auto_programs()
        except BaseException:
            self.cleanup()
            raise
        if debug & constants.DEBUG_BPF and self._object.verifier_logs:
            sys.stderr.write(self._object.verifier_logs)

    @staticmethod
    def _program_text(src_file, hdr_file, text):
        if text is not None:
            source = to_str(text)
            name = "program.c"
        elif src_file:
            path = src_file
            if not os.path.isabs(path) and not os.path.exists(path):
                # BCC also looks next to the running script.
                candidate = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), path)
                if os.path.exists(candidate):
                    path = candidate
            with open(path) as f:
                source = f.read()
            name = path
        else:
            raise ValueError("BPF() needs text= or src_file=")
        if hdr_file:
            source = '#include "%s"\n' % hdr_file + source
        return source, name

    # -- auto-attach ------------------------------------------------------------------------
    def _attach_auto_programs(self):
        for prog in self._metadata["programs"]:
            kind, target, name = prog["kind"], prog.get("target", ""), prog["name"]
            if not target:
                continue
            if kind == "kprobe":
                self.attach_kprobe(event=target, fn_name=name)
            elif kind == "kretprobe":
                self.attach_kretprobe(event=target, fn_name=name)
            elif kind == "tracepoint":
                self.attach_tracepoint(tp=target, fn_name=name)
            elif kind == "raw_tracepoint":
                self.attach_raw_tracepoint(tp=target, fn_name=name)

    # -- programs ---------------------------------------------------------------------------
    def load_func(self, func_name, prog_type, device=None, attach_type=-1):
        name = to_str(func_name)
        return BPF.Function(self, name, self._object.program_fd(name, prog_type))

    def load_funcs(self, prog_type=KPROBE):
        return [self.load_func(p["name"], prog_type) for p in self._metadata["programs"]]

    # -- kprobes ----------------------------------------------------------------------------
    @staticmethod
    def get_syscall_prefix():
        return to_bytes(core.kernel_info()["syscall_prefix"])

    @staticmethod
    def get_syscall_fnname(name):
        return BPF.get_syscall_prefix() + to_bytes(name)

    def attach_kprobe(self, event=b"", event_off=0, fn_name=b"", event_re=b""):
        event, fn_name = to_str(event), to_str(fn_name)
        if event_re:
            matches = BPF.get_kprobe_functions(event_re)
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
            matches = BPF.get_kprobe_functions(event_re)
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
            for category, event in BPF._matching_tracepoints(to_str(tp_re)):
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

    # -- tables -----------------------------------------------------------------------------
    def get_table(self, name, keytype=None, leaftype=None, reducer=None):
        name = to_str(name)
        if name not in self._tables:
            if name not in self._map_meta:
                raise KeyError("no table named '%s'" % name)
            self._tables[name] = make_table(self, name, self._map_meta[name], keytype, leaftype)
        return self._tables[name]

    def __getitem__(self, name):
        return self.get_table(name)

    def __contains__(self, name):
        return to_str(name) in self._map_meta

    def __iter__(self):
        return iter(self._map_meta)

    def __len__(self):
        return len(self._map_meta)

    # -- events -----------------------------------------------------------------------------
    def perf_buffer_poll(self, timeout=-1):
        self._events.poll(timeout)

    def perf_buffer_consume(self):
        self._events.consume()

    kprobe_poll = perf_buffer_poll

    # -- trace_pipe -------------------------------------------------------------------------
    def _trace_pipe(self):
        if self._trace is None:
            from .trace_pipe import TracePipe
            self._trace = TracePipe()
        return self._trace

    def trace_readline(self, nonblocking=False):
        return self._trace_pipe().readline(nonblocking)

    def trace_fields(self, nonblocking=False):
        return self._trace_pipe().fields(nonblocking)

    def trace_print(self, fmt=None):
        self._trace_pipe().print_lines(fmt)

    # -- time -------------------------------------------------------------------------------
    @staticmethod
    def monotonic_time():
        return time.monotonic_ns()

    # -- lifetime ---------------------------------------------------------------------------
    def cleanup(self):
        """Detaches everything and releases the maps and programs."""
        self._links.close_all()
        self._events.close()
        if self._trace is not None:
            self._trace.close()
        self._tables.clear()
        self._object = None
        _live.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.cleanup()

    @staticmethod
    def free_bcc_memory():
        """BCC frees Clang's memory here; tracekit never keeps it. Kept for compatibility."""
        return 0
