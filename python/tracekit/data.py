"""BPF's data methods: tables, perf buffers and trace_pipe, BCC-compatible.

A mixin of the BPF class (bpf.py). Modules behind the methods are imported on first use, so
that `import tracekit` stays cheap for tools that never touch them.
"""

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
            from .table import make_table
            table = make_table(self, name, self._map_meta[name], keytype, leaftype, reducer)
            if custom:
                return table
            self._tables[name] = table
        return self._tables[name]

    def __getitem__(self, name):
        """b["name"]: the table of map `name` (see get_table)."""
        return self.get_table(name)

    def __contains__(self, name):
        return to_str(name) in self._map_meta

    def __iter__(self):
        """The names of the program's maps."""
        return iter(self._map_meta)

    def __len__(self):
        return len(self._map_meta)

    # -- events -----------------------------------------------------------------------------
    def perf_buffer_poll(self, timeout=-1):
        """Waits up to timeout ms (-1: until an event arrives) for events of the perf buffers
        opened with open_perf_buffer(), then calls their callbacks. The wait releases the GIL."""
        self._events.poll(timeout)

    def perf_buffer_consume(self):
        """Calls the perf buffer callbacks for whatever is buffered, without waiting."""
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

    # -- symbols (symbols.py) ---------------------------------------------------------------
    @staticmethod
    def ksym(addr, show_module=False, show_offset=False):
        """The kernel function at addr as bytes: b"name", b"name+0x1f" (show_offset),
        b"name [kernel]" / b"name [ext4]" (show_module), b"[unknown]" if none."""
        from . import symbols
        return symbols.ksym(addr, show_module, show_offset)

    @staticmethod
    def ksymname(name):
        """The address of kernel symbol `name` (or "module:name"), -1 if unknown."""
        from . import symbols
        return symbols.ksymname(name)

    @staticmethod
    def sym(addr, pid, show_module=False, show_offset=False, demangle=True):
        """The function at user address addr of process pid (pid < 0: the kernel), as
        ksym() formats it; addr may also be a frame of a build-id stack trace."""
        from . import symbols
        return symbols.sym(addr, pid, show_module, show_offset, demangle)

    @staticmethod
    def _sym_cache(pid):
        from . import symbols
        return symbols.SymbolCache(pid)

    @staticmethod
    def add_module(modname):
        """Registers an ELF file to symbolize build-id stack traces with."""
        from . import symbols
        return symbols.add_module(modname)

    @staticmethod
    def get_user_functions_and_addresses(name, sym_re):
        from . import symbols
        return symbols.get_user_functions_and_addresses(name, sym_re)

    @staticmethod
    def get_user_functions(name, sym_re):
        from . import symbols
        return set(fn for fn, _addr in symbols.get_user_functions_and_addresses(name, sym_re))

    @staticmethod
    def get_user_addresses(name, sym_re):
        from . import symbols
        return set(addr for _fn, addr in symbols.get_user_functions_and_addresses(name, sym_re))

    # -- programs as code -------------------------------------------------------------------
    def dump_func(self, func_name):
        """The instructions of BPF function func_name as bytes (8 per instruction), as
        compiled (map references unrelocated)."""
        from ._native import core
        return core.elf_function_bytes(self._elf, to_str(func_name))

    def disassemble_func(self, func_name):
        """func_name's instructions as text, in the verifier's syntax."""
        from .disassembler import disassemble_prog
        return disassemble_prog(func_name, self.dump_func(func_name))

    def decode_table(self, table_name, sizeinfo=False):
        """The key and leaf layouts of a table as C-like text."""
        from .disassembler import decode_map
        return decode_map(to_str(table_name), self[table_name], sizeinfo)

    # -- trace_pipe -------------------------------------------------------------------------
    def _trace_pipe(self):
        if self._trace is None:
            from .trace_pipe import TracePipe
            self._trace = TracePipe()
        return self._trace

    def trace_readline(self, nonblocking=False):
        """One line of bpf_trace_printk() output from trace_pipe (bytes, no newline); None
        when nonblocking and there is none."""
        return self._trace_pipe().readline(nonblocking)

    def trace_fields(self, nonblocking=False):
        """(task, pid, cpu, flags, ts, msg) of the next bpf_trace_printk() line."""
        return self._trace_pipe().fields(nonblocking)

    def trace_print(self, fmt=None):
        """Prints bpf_trace_printk() output until interrupted; fmt formats the fields, e.g.
        "{1} {5}" or "{task} {msg}"."""
        self._trace_pipe().print_lines(fmt)

