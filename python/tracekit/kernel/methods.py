"""The kernel-facing methods of the BPF class (BCC's names): what the kernel supports
(capabilities.py) and the bpf_trace_printk() output (trace_pipe.py)."""

import os

from .._native import core
from .._text import to_str
from .capabilities import get_kprobe_functions, get_tracepoints, supported


class KernelMethods:
    """Capability queries (static, as in BCC) and trace_pipe reading."""

    @staticmethod
    def get_kprobe_functions(event_re):
        return get_kprobe_functions(event_re)

    @staticmethod
    def get_tracepoints(tp_re):
        return get_tracepoints(tp_re)

    @staticmethod
    def tracepoint_exists(category, event):
        return core.tracepoint_exists(to_str(category), to_str(event))

    @staticmethod
    def support_raw_tracepoint():
        return supported("raw_tracepoints")

    @staticmethod
    def support_raw_tracepoint_in_module():
        # Module tracepoints need module BTF (5.11+); the raw tracepoint probe runs in vmlinux.
        return supported("raw_tracepoints") and os.path.isdir("/sys/kernel/btf") and \
            len(os.listdir("/sys/kernel/btf")) > 1

    @staticmethod
    def support_kfunc():
        return supported("fentry")

    @staticmethod
    def support_lsm():
        return supported("lsm")

    @staticmethod
    def support_ringbuf():
        return supported("ringbuf")

    @staticmethod
    def kernel_struct_has_field(struct_name, field_name):
        return core.kernel_struct_has_field(to_str(struct_name), to_str(field_name))

    @staticmethod
    def kernel_enum_has_val(enum_name, value_name):
        return core.kernel_enum_has_value(to_str(enum_name), to_str(value_name))

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
