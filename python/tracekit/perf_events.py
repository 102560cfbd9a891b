"""BPF's perf-event methods (BCC's attach_perf_event) and BCC's perf constants. A mixin of the
BPF class. Hardware events fall back to the software cpu-clock where the CPU has no PMU (most
VMs); the attachment's description says so (BPF.attachments())."""

from ._native import core
from ._text import to_str


class PerfType:
    HARDWARE = 0
    SOFTWARE = 1
    TRACEPOINT = 2
    HW_CACHE = 3
    RAW = 4
    BREAKPOINT = 5


class PerfHWConfig:
    CPU_CYCLES = 0
    INSTRUCTIONS = 1
    CACHE_REFERENCES = 2
    CACHE_MISSES = 3
    BRANCH_INSTRUCTIONS = 4
    BRANCH_MISSES = 5
    BUS_CYCLES = 6
    STALLED_CYCLES_FRONTEND = 7
    STALLED_CYCLES_BACKEND = 8
    REF_CPU_CYCLES = 9


class PerfSWConfig:
    CPU_CLOCK = 0
    TASK_CLOCK = 1
    PAGE_FAULTS = 2
    CONTEXT_SWITCHES = 3
    CPU_MIGRATIONS = 4
    PAGE_FAULTS_MIN = 5
    PAGE_FAULTS_MAJ = 6
    ALIGNMENT_FAULTS = 7
    EMULATION_FAULTS = 8
    DUMMY = 9
    BPF_OUTPUT = 10


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
