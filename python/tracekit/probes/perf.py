"""BPF's perf-event methods (BCC's attach_perf_event) (the perf constants live in enums.py). A mixin of the
BPF class. Hardware events fall back to the software cpu-clock where the CPU has no PMU (most
VMs); the attachment's description says so (BPF.attachments())."""

from .._native import core
from .._text import to_str


class PerfEventMethods:
    def attach_perf_event(self, ev_type=-1, ev_config=-1, fn_name=b"", sample_period=0, sample_freq=0,
                          pid=-1, cpu=-1, group_fd=-1):
        if ev_type < 0 or ev_config < 0:
            raise ValueError("attach_perf_event needs ev_type and ev_config (PerfType, PerfHWConfig/PerfSWConfig)")
        link = core.attach_perf_event(self._object, to_str(fn_name), ev_type, ev_config, sample_period,
                                      sample_freq, pid, cpu, group_fd)
        self._links.add("perf_event", (ev_type, ev_config), link)
        return self

    def detach_perf_event(self, ev_type=-1, ev_config=-1):
        self._links.remove("perf_event", (ev_type, ev_config))
