"""Tracepoints (tp, tp_re), raw tracepoints and their detach, fired by a workload of this
process (getppid/getpgid, whose tracepoints nothing else on the machine uses for our pid)."""

import os

import pytest

from tracekit import BPF, NotFoundError

COUNT = r"""
BPF_HASH(hits, u32, u64);
int on_event(void *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != PID) return 0;
    u32 k = 0;
    hits.increment(k);
    return 0;
}
int on_raw(struct bpf_raw_tracepoint_args *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != PID) return 0;
    u32 k = ctx->args[1];  /* sys_enter(regs, id): the syscall number */
    hits.increment(k);
    return 0;
}
"""


def program():
    return COUNT.replace("PID", str(os.getpid()))


def hits(b, key=0):
    v = b["hits"].get(b["hits"].Key(key))
    return v.value if v is not None else 0


def test_tracepoint_counts_exactly_the_workload_and_stops_on_detach():
    with BPF(text=program()) as b:
        b.attach_tracepoint(tp="syscalls:sys_enter_getppid", fn_name="on_event")
        assert b.num_open_tracepoints() == 1
        for _ in range(7):
            os.getppid()
        assert hits(b) == 7
        b.detach_tracepoint(tp="syscalls:sys_enter_getppid")
        assert b.num_open_tracepoints() == 0
        os.getppid()
        assert hits(b) == 7


def test_tracepoint_regex_attaches_every_match():
    with BPF(text=program()) as b:
        b.attach_tracepoint(tp_re="syscalls:sys_(enter|exit)_getpgid$", fn_name="on_event")
        assert sorted(b._links.keys("tracepoint")) == ["syscalls:sys_enter_getpgid", "syscalls:sys_exit_getpgid"]
        for _ in range(3):
            os.getpgid(0)
        assert hits(b) == 6


def test_tracepoint_regex_without_match_says_so():
    with BPF(text=program()) as b:
        with pytest.raises(ValueError, match="no tracepoint matches"):
            b.attach_tracepoint(tp_re="nosuchcategory:.*", fn_name="on_event")


def test_get_tracepoints_and_tracepoint_exists():
    names = BPF.get_tracepoints(b"syscalls:sys_enter_getppid$")
    assert names == [b"syscalls:sys_enter_getppid"]
    assert BPF.tracepoint_exists(b"sched", b"sched_switch")
    assert not BPF.tracepoint_exists("sched", "no_such_event")


def test_raw_tracepoint_sees_syscall_numbers():
    with BPF(text=program()) as b:
        b.attach_raw_tracepoint(tp="sys_enter", fn_name="on_raw")
        for _ in range(4):
            os.getppid()
        assert hits(b, 110) >= 4  # __NR_getppid on x86_64
        b.detach_raw_tracepoint(tp="sys_enter")
        before = hits(b, 110)
        os.getppid()
        assert hits(b, 110) == before


def test_raw_tracepoint_that_does_not_exist_is_named():
    with BPF(text=program()) as b:
        with pytest.raises(NotFoundError, match="no_such_raw_tp"):
            b.attach_raw_tracepoint(tp="no_such_raw_tp", fn_name="on_raw")
