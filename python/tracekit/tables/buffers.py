"""Tables that carry events to user space: BPF_PERF_OUTPUT (PerfEventArray, which is also
BPF_PERF_ARRAY of hardware counters) and BPF_RINGBUF_OUTPUT (RingBuf). tracekit.events documents
the two ways to read them (callbacks and batches).
"""

import ctypes as ct
import time

from .._native import core
from ..ctypes import numpy_views
from ..ctypes.layout import ctype_for
from ..events.loop import LostReporter, OpenBuffer
from .kinds import ArrayBase
from .map_types import BPF_MAP_TYPE_PERF_EVENT_ARRAY, BPF_MAP_TYPE_RINGBUF
from .registry import serves


class _EventTable:
    """event() decoding and the batch API, shared by perf and ring buffers."""

    def _init_events(self):
        self._event_layout = (self.bpf._metadata.get("events", {}).get(self.name)
                              if self.bpf is not None else None)
        self._event_class = None
        self._buffer = None  # OpenBuffer of the callback API
        self._batch_reader = None
        self._batch_lost = None

    def event_type(self):
        """The ctypes struct the program submits to this table (from the compiled program)."""
        if self._event_class is None:
            if self._event_layout is None:
                raise ValueError("no perf_submit()/ringbuf_output() of a struct to '%s' was seen in the program; "
                                 "cast the data yourself (ctypes.cast(data, POINTER(MyStruct)))" % self.name)
            self._event_class = ctype_for(self._event_layout, self.name + "_event")
        return self._event_class

    def event(self, data):
        """The event at address `data` (a callback's argument) as the struct the program
        submitted. Like BCC's, it reads the buffer in place: copy what must outlive the
        callback."""
        cls = self._event_class or self.event_type()
        return cls.from_address(data)

    def _open_batch_reader(self, page_cnt):
        raise NotImplementedError

    def batches(self, timeout_ms=100, max_records=0, record_type=None, lost_cb=None, page_cnt=64, numpy=None,
                window_ms=2):
        """Yields the events available after each wake-up, decoded all at once: a numpy
        structured array (when numpy is installed and `numpy` is not False) or a ctypes array
        of the event struct (`record_type` overrides the struct the program submits).

        Waiting releases the GIL. While events keep coming, each batch after a non-empty one
        collects for window_ms before it is read, so a busy producer does not wake the reader
        per event (a ring buffer wakes a reader that has caught up at every record); when none
        come, the wait lasts up to timeout_ms and yields an empty batch, so the loop can check
        its own exit conditions. At most max_records per batch (0: no limit)."""
        if self._buffer is not None:
            raise ValueError("table '%s' already delivers to a callback (open_*_buffer); "
                             "use either callbacks or batches()" % self.name)
        record = record_type or self.event_type()
        use_numpy = numpy_views.available() if numpy is None else numpy
        # Open now, not at the first next(): events submitted before the loop starts count.
        if self._batch_reader is None:
            self._batch_reader = self._open_batch_reader(page_cnt)
        self._batch_lost = LostReporter(self.name, lost_cb)
        return self._batch_generator(self._batch_reader, record, use_numpy, timeout_ms, max_records,
                                     self._batch_lost, window_ms / 1000.0)

    @staticmethod
    def _batch_generator(reader, record, use_numpy, timeout_ms, max_records, lost, window):
        stride = ct.sizeof(record)
        busy = False
        while True:
            if busy and window > 0:
                time.sleep(window)  # releases the GIL; events gather without wake-ups
            else:
                reader.wait(timeout_ms)
            buf, count, lost_now = reader.read_batch(stride, max_records)
            busy = count > 0
            lost.add(lost_now)
            if use_numpy:
                yield numpy_views.array_of(record, buf, count)
            else:
                yield (record * count).from_buffer(buf)

    @property
    def lost(self):
        """Events the kernel dropped since the buffer was opened (perf buffers)."""
        buffer = self._buffer
        if buffer is not None:
            return buffer.lost.total
        return self._batch_lost.total if self._batch_lost is not None else 0


@serves(BPF_MAP_TYPE_PERF_EVENT_ARRAY)
class PerfEventArray(_EventTable, ArrayBase):
    """BPF_PERF_OUTPUT: one perf ring per CPU, read with open_perf_buffer() + perf_buffer_poll()
    or batches(). BPF_PERF_ARRAY: counters opened with open_perf_event(), read in the program
    with perf_read()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_events()
        self._counters = []

    def open_perf_buffer(self, callback, page_cnt=8, lost_cb=None, wakeup_events=1):
        """Calls callback(cpu, data, size) for each event during BPF.perf_buffer_poll(); the
        kernel wakes the poll every `wakeup_events` events; lost_cb(count) gets drops."""
        if self._buffer is not None or self._batch_reader is not None:
            raise ValueError("perf buffer '%s' is already open" % self.name)
        native = core.PerfBuffer(self.map_fd, page_cnt, wakeup_events, False)
        self._buffer = OpenBuffer(native, callback, self.name, lost_cb)
        self.bpf._events.add(self._buffer)

    def close_perf_buffer(self):
        if self._buffer is not None:
            self.bpf._events.remove(self._buffer)
            self._buffer = None
        self._batch_reader = None

    def _open_batch_reader(self, page_cnt):
        return core.PerfBuffer(self.map_fd, page_cnt, 1, True)

    # -- BPF_PERF_ARRAY: hardware/software counters per CPU ---------------------------------
    def open_perf_event(self, typ, config, pid=-1):
        """Opens a perf counter (PerfType typ, PerfHWConfig/PerfSWConfig config) on every
        online CPU and stores it in this table for the program's perf_read()."""
        from ..kernel.cpus import get_online_cpus
        for cpu in get_online_cpus():
            fd = core.perf_counter_open(typ, config, pid, cpu)
            self._counters.append(fd)
            try:
                self[cpu] = ct.c_int(fd)
            except Exception:
                self.close_perf_event()
                raise

    def close_perf_event(self):
        import os
        for fd in self._counters:
            os.close(fd)
        self._counters = []

    def __del__(self):
        try:
            self.close_perf_event()
        except Exception:
            pass
        super().__del__()


@serves(BPF_MAP_TYPE_RINGBUF)
class RingBuf(_EventTable, ArrayBase):
    """BPF_RINGBUF_OUTPUT: one ring shared by all CPUs, in submission order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_events()

    def open_ring_buffer(self, callback, ctx=None):
        """Calls callback(ctx, data, size) for each event during BPF.ring_buffer_poll() or
        ring_buffer_consume(); a negative return stops that poll."""
        if self._buffer is not None or self._batch_reader is not None:
            raise ValueError("ring buffer '%s' is already open" % self.name)
        native = core.RingBuffer(self.map_fd)
        self._buffer = OpenBuffer(native, callback, self.name, ctx=ctx, ring=True)
        self.bpf._events.ring.add(self._buffer)

    def close_ring_buffer(self):
        if self._buffer is not None:
            self.bpf._events.ring.remove(self._buffer)
            self._buffer = None
        self._batch_reader = None

    def _open_batch_reader(self, page_cnt):
        return core.RingBuffer(self.map_fd)

    def __len__(self):
        raise TypeError("ring buffer '%s' has no entries to count" % self.name)

    def _unsupported(self, *args, **kwargs):
        raise TypeError("ring buffer '%s' is read with open_ring_buffer() or batches()" % self.name)

    __getitem__ = __setitem__ = __delitem__ = keys = items = values = clear = _unsupported
