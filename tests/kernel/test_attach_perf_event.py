"""perf_event programs: software clock sampling per CPU and per process, and hardware events
that fall back to the software cpu-clock where the CPU has no PMU (as in VMs)."""

import os
import subprocess
import sys
import time

import pytest

from tracekit import BPF
from tracekit import PerfHWConfig, PerfSWConfig, PerfType
from tracekit._native import core

SAMPLES = r"""
BPF_HASH(by_cpu, u32, u64);
BPF_HASH(by_pid, u32, u64);
int on_sample(struct bpf_perf_event_data *ctx) {
    u32 cpu = bpf_get_smp_processor_id();
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    by_cpu.increment(cpu);
    by_pid.increment(pid);
    return 0;
}
"""


def spin(seconds):
    end = time.time() + seconds
    while time.time() < end:
        pass


def pinned_spin(cpu, seconds):
    """Spins on `cpu` only, then restores this process's CPU set."""
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu})
    try:
        spin(seconds)
    finally:
        os.sched_setaffinity(0, before)


def online_cpus():
    return sorted(os.sched_getaffinity(0))


def test_cpu_clock_has_an_event_on_every_cpu_sampling_at_the_asked_frequency():
    cpu = online_cpus()[-1]
    with BPF(text=SAMPLES) as b:
        b.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.CPU_CLOCK,
                            fn_name="on_sample", sample_freq=200)
        assert b.attachments()[0].endswith("on %d CPUs" % len(online_cpus()))
        pinned_spin(cpu, 0.5)
        b.detach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.CPU_CLOCK)
        counts = {k.value: v.value for k, v in b["by_cpu"].items()}
    # 200 Hz for 0.5 s on the CPU kept busy: ~100 samples.
    assert 60 <= counts.get(cpu, 0) <= 140, counts


def test_one_cpu_event_samples_only_that_cpu():
    cpus = online_cpus()
    with BPF(text=SAMPLES) as b:
        b.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.CPU_CLOCK,
                            fn_name="on_sample", sample_period=2000000, cpu=cpus[0])
        assert b.attachments()[0].endswith("on CPU %d" % cpus[0])
        for cpu in cpus:
            pinned_spin(cpu, 0.2)
        counts = {k.value: v.value for k, v in b["by_cpu"].items()}
    assert set(counts) == {cpus[0]}
    assert counts[cpus[0]] >= 50  # every 2 ms for the 0.2 s spent there (and any other work)


def test_per_process_sampling_sees_only_that_process():
    spinner = subprocess.Popen([sys.executable, "-c", "import time\nt=time.time()\nwhile time.time()-t<1.5: pass"])
    try:
        with BPF(text=SAMPLES) as b:
            b.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.TASK_CLOCK,
                                fn_name="on_sample", sample_period=1000000, pid=spinner.pid)
            spinner.wait()
            pids = {k.value: v.value for k, v in b["by_pid"].items()}
    finally:
        spinner.kill()
        spinner.wait()
    assert set(pids) == {spinner.pid}
    assert pids[spinner.pid] > 100  # 1 sample per ms of its CPU time


def test_hardware_event_samples_or_falls_back_to_cpu_clock():
    with BPF(text=SAMPLES) as b:
        b.attach_perf_event(ev_type=PerfType.HARDWARE, ev_config=PerfHWConfig.CPU_CYCLES,
                            fn_name="on_sample", sample_freq=100, cpu=online_cpus()[0])
        pinned_spin(online_cpus()[0], 0.4)
        description = b.attachments()[0]
        assert sum(v.value for v in b["by_cpu"].values()) > 0
    if core.capability("perf_hardware")[0]:
        assert "software cpu-clock" not in description
    else:
        assert "no hardware PMU: software cpu-clock instead" in description


def test_perf_event_needs_a_period_or_frequency():
    with BPF(text=SAMPLES) as b:
        with pytest.raises(ValueError, match="sample_period or sample_freq"):
            b.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.CPU_CLOCK, fn_name="on_sample")
