"""Event delivery: the perf and ring buffers a BPF object has open, polled as BCC polls them.

Two ways to receive events:

- callbacks, BCC's API: ``table.open_perf_buffer(cb)`` then ``b.perf_buffer_poll()`` calls
  ``cb(cpu, data, size)`` per event; ``table.open_ring_buffer(cb)`` then
  ``b.ring_buffer_poll()`` calls ``cb(ctx, data, size)``. The wait happens without the GIL;
  the callbacks run straight from the ring (``data`` is valid during the call).
- batches: ``for batch in table.batches(timeout_ms): ...`` yields every event available after
  each wake-up at once, decoded (a numpy structured array with numpy, else a ctypes array of
  the event struct). Perf buffers opened this way wake the reader when a quarter of a ring is
  full rather than per event, so the timeout bounds the latency of a slow trickle.

Lost events (a full perf ring) go to ``lost_cb(count)``; without one, they are reported on
stderr, at most once a second, with the count since the last report.
"""

import select
import sys
import time


class LostReporter:
    """Counts a buffer's lost events and reports them to lost_cb or, rate-limited, stderr."""

    def __init__(self, name, lost_cb=None):
        self.name = name
        self.lost_cb = lost_cb
        self.total = 0
        self._unreported = 0
        self._last_report = 0.0

    def add(self, count):
        if not count:
            return
        self.total += count
        if self.lost_cb is not None:
            self.lost_cb(count)
            return
        self._unreported += count
        now = time.monotonic()
        if now - self._last_report >= 1.0:
            sys.stderr.write("Possibly lost %d samples (buffer '%s')\n" % (self._unreported, self.name))
            sys.stderr.flush()
            self._unreported = 0
            self._last_report = now


class OpenBuffer:
    """A native PerfBuffer/RingBuffer with the callback BCC's API gave it."""

    def __init__(self, native, callback, name, lost_cb=None, ctx=None, ring=False):
        self.native = native
        self.callback = callback
        self.ctx = ctx
        self.ring = ring
        self.lost = LostReporter(name, lost_cb)

    def dispatch(self):
        try:
            _count, lost = self.native.dispatch(self.callback, self.ctx)
        except BrokenPipeError:
            # Output piped into `head` and the like: stop quietly, as BCC does.
            sys.exit()
        for _cpu, count in lost:
            self.lost.add(count)


class EventLoop:
    """The buffers of one kind (perf or ring) that a BPF object polls together. A BPF object's
    loop is its perf buffers' (perf_buffer_poll); its `ring` attribute holds the ring
    buffers' (ring_buffer_poll), and close() closes both."""

    def __init__(self, kind="perf"):
        self.kind = kind
        self._buffers = []
        self._epoll = None
        self._ring = None

    @property
    def ring(self):
        if self._ring is None:
            self._ring = EventLoop("ring")
        return self._ring

    def add(self, buffer):
        self._buffers.append(buffer)
        self._reset_epoll()

    def remove(self, buffer):
        if buffer in self._buffers:
            self._buffers.remove(buffer)
        self._reset_epoll()

    def __len__(self):
        return len(self._buffers)

    def _reset_epoll(self):
        if self._epoll is not None:
            self._epoll.close()
            self._epoll = None

    def poll(self, timeout=-1):
        """Waits up to timeout ms (-1: until an event arrives), then runs the callbacks."""
        if not self._buffers:
            opener = "open_perf_buffer" if self.kind == "perf" else "open_ring_buffer"
            raise ValueError("no %s buffer is open; call %s() on a table first" % (self.kind, opener))
        if len(self._buffers) == 1:
            buffer = self._buffers[0]
            buffer.native.wait(-1 if timeout is None else int(timeout))
            buffer.dispatch()
            return
        if self._epoll is None:
            self._epoll = select.epoll()
            for b in self._buffers:
                self._epoll.register(b.native.epoll_fd, select.EPOLLIN)
        self._epoll.poll(timeout / 1000.0 if timeout is not None and timeout >= 0 else -1)
        self.consume()

    def consume(self):
        """Runs the callbacks for whatever is buffered, without waiting."""
        for buffer in list(self._buffers):
            buffer.dispatch()

    def close(self):
        self._reset_epoll()
        self._buffers = []
        if self._ring is not None:
            self._ring.close()
