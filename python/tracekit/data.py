"""BPF's data methods: tables, perf buffers and trace_pipe, BCC-compatible.

A mixin of the BPF class (bpf.py).
"""

from .table import make_table
from ._text import to_str


class DataMethods:
    # -- tables -----------------------------------------------------------------------------
    def get_table(self, name, keytype=None, leaftype=None, reducer=None):
        """The table for map `name`; keytype/leaftype override the ctypes types taken from
        the program, reducer (per-CPU tables) folds the per-CPU values of each leaf."""
        name = to_str(name)
        custom = keytype is not None or leaftype is not None or reducer is not None
        if custom or name not in self._tables:
            if name not in self._map_meta:
                raise KeyError("no table named '%s' (tables: %s)" % (name, ", ".join(sorted(self._map_meta)) or "none"))
            table = make_table(self, name, self._map_meta[name], keytype, leaftype, reducer)
            if custom:
                return table
            self._tables[name] = table
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

    def _ring_loop(self):
        return self._events.ring

    def ring_buffer_poll(self, timeout=-1):
        """Waits up to timeout ms for ring buffer events, then runs their callbacks."""
        self._ring_loop().poll(timeout)

    def ring_buffer_consume(self):
        """Runs the ring buffer callbacks for whatever is there, without waiting."""
        self._ring_loop().consume()

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

