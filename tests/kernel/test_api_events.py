"""Events to Python: perf buffers and ring buffers through callbacks (BCC's API) and through
the batch API, with lost events counted. The program submits one event per getppid(2) call
of this process, numbered in order, so the test knows exactly what must arrive."""

import contextlib
import ctypes as ct
import io
import os
import time

import pytest

from tracekit import BPF

PROGRAM = r"""
struct event_t {
    u32 pid;
    u32 seq;
    u64 ts;
    char comm[16];
    u64 pad[4];
};

BPF_ARRAY(tk_config, u32, 1);
BPF_ARRAY(sequence, u32, 1);
BPF_PERF_OUTPUT(perf_events);
BPF_TABLE("ringbuf", int, int, ring_events, 1 << 20);
BPF_ARRAY(ring_drops, u64, 1);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    int zero = 0;
    u32 *pid = tk_config.lookup(&zero);
    if (!pid || *pid != (bpf_get_current_pid_tgid() >> 32))
        return 0;
    struct event_t e = {};
    u32 *seq = sequence.lookup(&zero);
    if (!seq)
        return 0;
    e.seq = *seq;  /* one thread of this process makes the calls */
    *seq += 1;
    e.pid = *pid;
    e.ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&e.comm, sizeof(e.comm));
    perf_events.perf_submit(args, &e, sizeof(e));
    if (ring_events.ringbuf_output(&e, sizeof(e), 0) != 0)
        ring_drops.increment(zero);
    return 0;
}
"""


@pytest.fixture
def b():
    with BPF(text=PROGRAM) as b:
        b["tk_config"][0] = os.getpid()
        yield b


def produce(n):
    for _ in range(n):
        os.getppid()


def poll_until(poll, done, timeout=10):
    deadline = time.time() + timeout
    while not done() and time.time() < deadline:
        poll()


def test_event_struct_is_the_submitted_one(b):
    cls = b["perf_events"].event_type()
    assert [f[0] for f in cls._fields_ if not f[0].startswith("__pad")] == ["pid", "seq", "ts", "comm", "pad"]
    assert ct.sizeof(cls) == 64
    assert b["ring_events"].event_type() is cls


def test_perf_buffer_callback_gets_every_event_in_order(b):
    got = []

    def on_event(cpu, data, size):
        e = b["perf_events"].event(data)
        got.append((e.pid, e.seq, e.comm, size))

    b["perf_events"].open_perf_buffer(on_event)
    produce(100)
    poll_until(lambda: b.perf_buffer_poll(timeout=100), lambda: len(got) >= 100)
    assert [g[1] for g in got] == list(range(100))  # one CPU at a time: in order per CPU
    assert {g[0] for g in got} == {os.getpid()}
    assert all(g[2].startswith(b"python") for g in got)
    assert all(g[3] >= 64 for g in got)  # perf pads raw samples to 8 bytes after a u32 size
    b.perf_buffer_consume()  # nothing left: no callback, no error
    assert len(got) == 100
    assert b["perf_events"].lost == 0


def test_ring_buffer_callback_ctx_and_order(b):
    got = []

    def on_event(ctx, data, size):
        got.append((ctx, b["ring_events"].event(data).seq, size))

    b["ring_events"].open_ring_buffer(on_event, ctx="my-context")
    produce(50)
    poll_until(lambda: b.ring_buffer_poll(timeout=100), lambda: len(got) >= 50)
    assert got == [("my-context", i, 64) for i in range(50)]
    produce(3)
    b.ring_buffer_consume()
    assert [g[1] for g in got[50:]] == [50, 51, 52]


def test_ring_buffer_callback_stops_on_negative_return(b):
    got = []

    def on_event(ctx, data, size):
        got.append(b["ring_events"].event(data).seq)
        return -1 if len(got) == 2 else 0

    b["ring_events"].open_ring_buffer(on_event)
    produce(5)
    b.ring_buffer_consume()
    assert got == [0, 1]
    b.ring_buffer_consume()
    assert got == [0, 1, 2, 3, 4]


def test_exception_in_a_callback_propagates_and_nothing_is_lost(b):
    got = []

    def on_event(cpu, data, size):
        seq = b["perf_events"].event(data).seq
        got.append(seq)
        if seq == 3:
            raise RuntimeError("stop at 3")

    b["perf_events"].open_perf_buffer(on_event)
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    try:
        produce(10)
    finally:
        os.sched_setaffinity(0, set(range(os.cpu_count())))
    with pytest.raises(RuntimeError, match="stop at 3"):
        b.perf_buffer_consume()
    b.perf_buffer_consume()
    assert got == list(range(10))


def test_lost_events_go_to_lost_cb(b):
    lost = []
    # One page per CPU holds ~45 of these 64-byte events; 3000 submitted without reading
    # overflow it.
    b["perf_events"].open_perf_buffer(lambda cpu, data, size: None, page_cnt=1, lost_cb=lost.append)
    produce(3000)
    b.perf_buffer_poll(timeout=100)
    # The kernel writes its "lost N" record once the ring has room again.
    produce(10)
    b.perf_buffer_consume()
    assert sum(lost) > 0
    assert b["perf_events"].lost == sum(lost)


def test_lost_events_without_lost_cb_are_reported_once_on_stderr(b):
    b["perf_events"].open_perf_buffer(lambda cpu, data, size: None, page_cnt=1)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        for _ in range(3):
            produce(3000)
            b.perf_buffer_poll(timeout=100)
    lines = [line for line in err.getvalue().splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("Possibly lost ") and "perf_events" in lines[0]
    assert b["perf_events"].lost >= int(lines[0].split()[2])


def test_poll_without_an_open_buffer_says_what_to_do(b):
    with pytest.raises(ValueError, match="open_perf_buffer"):
        b.perf_buffer_poll(timeout=0)
    with pytest.raises(ValueError, match="open_ring_buffer"):
        b.ring_buffer_poll(timeout=0)


@pytest.mark.parametrize("table", ["ring_events", "perf_events"])
def test_batches_as_ctypes_arrays(b, table):
    batches = b[table].batches(timeout_ms=50, numpy=False)
    produce(500)
    seen = []
    deadline = time.time() + 10
    while len(seen) < 500 and time.time() < deadline:
        batch = next(batches)
        assert isinstance(batch, ct.Array)
        seen.extend(e.seq for e in batch)
    assert sorted(seen) == list(range(500))
    assert next(batches)._length_ == 0  # a timeout yields an empty batch
    batches.close()


@pytest.mark.parametrize("table", ["ring_events", "perf_events"])
def test_batches_as_numpy_arrays(b, table):
    np = pytest.importorskip("numpy", reason="python3-numpy is not installed")
    batches = b[table].batches(timeout_ms=50)
    produce(1000)
    parts = []
    deadline = time.time() + 10
    while sum(len(p) for p in parts) < 1000 and time.time() < deadline:
        batch = next(batches)
        assert isinstance(batch, np.ndarray)
        parts.append(batch)
    events = np.concatenate(parts)
    assert sorted(events["seq"].tolist()) == list(range(1000))
    assert set(events["pid"].tolist()) == {os.getpid()}
    assert events["comm"][0].startswith(b"python")
    assert (events["ts"] > 0).all()


def test_batches_and_callbacks_do_not_mix(b):
    b["ring_events"].open_ring_buffer(lambda ctx, data, size: None)
    with pytest.raises(ValueError, match="either callbacks or batches"):
        b["ring_events"].batches()


def test_batch_size_limit(b):
    batches = b["ring_events"].batches(timeout_ms=50, max_records=7, numpy=False)
    produce(20)
    sizes = [len(next(batches)) for _ in range(3)]
    assert sizes == [7, 7, 6]


def test_wakeup_events_defers_the_wakeup(b):
    got = []
    b["perf_events"].open_perf_buffer(lambda cpu, data, size: got.append(size), wakeup_events=20)
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one CPU's ring
    try:
        produce(3)
        start = time.monotonic()
        b.perf_buffer_poll(timeout=300)  # 3 < 20 events: no wake-up, the wait runs out
        waited = time.monotonic() - start
        assert len(got) == 3 and waited >= 0.25
        produce(20)
        start = time.monotonic()
        b.perf_buffer_poll(timeout=5000)  # the 20th event wakes the poll
        assert time.monotonic() - start < 2.5 and len(got) == 23
    finally:
        os.sched_setaffinity(0, set(range(os.cpu_count())))


TWO_BUFFERS = PROGRAM.replace("BPF_PERF_OUTPUT(perf_events);", "BPF_PERF_OUTPUT(perf_events);\nBPF_PERF_OUTPUT(more_events);") \
    .replace("perf_events.perf_submit(args, &e, sizeof(e));",
             "perf_events.perf_submit(args, &e, sizeof(e));\n    more_events.perf_submit(args, &e, sizeof(e));")


def test_several_perf_buffers_poll_together():
    with BPF(text=TWO_BUFFERS) as b:
        b["tk_config"][0] = os.getpid()
        got = {"perf_events": 0, "more_events": 0}
        for name in got:
            b[name].open_perf_buffer(lambda cpu, data, size, name=name: got.__setitem__(name, got[name] + 1))
        produce(10)
        poll_until(lambda: b.perf_buffer_poll(timeout=100), lambda: min(got.values()) >= 10)
        assert got == {"perf_events": 10, "more_events": 10}
        b["more_events"].close_perf_buffer()
        produce(5)
        poll_until(lambda: b.perf_buffer_poll(timeout=100), lambda: got["perf_events"] >= 15)
        assert got == {"perf_events": 15, "more_events": 10}
