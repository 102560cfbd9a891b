"""Polling the perf buffers a BPF object has open (BPF.perf_buffer_poll)."""

import select


class EventLoop:
    def __init__(self):
        self._buffers = []
        self._epoll = None

    def add(self, buffer):
        self._buffers.append(buffer)
        self._reset_epoll()

    def remove(self, buffer):
        self._buffers.remove(buffer)
        self._reset_epoll()

    def _reset_epoll(self):
        if self._epoll is not None:
            self._epoll.close()
            self._epoll = None

    def poll(self, timeout=-1):
        """Waits up to timeout ms (-1: until an event arrives), then runs the callbacks."""
        if not self._buffers:
            raise ValueError("no perf buffer is open; call open_perf_buffer() first")
        if len(self._buffers) == 1:
            buffer = self._buffers[0]
            buffer.native.poll(timeout)
            buffer.dispatch()
            return
        if self._epoll is None:
            self._epoll = select.epoll()
            for i, b in enumerate(self._buffers):
                self._epoll.register(b.native.epoll_fd, select.EPOLLIN)
        try:
            self._epoll.poll(timeout / 1000.0 if timeout >= 0 else -1)
        except InterruptedError:
            pass
        self.consume()

    def consume(self):
        """Runs the callbacks for whatever is buffered, without waiting."""
        for buffer in list(self._buffers):
            buffer.native.consume()
            buffer.dispatch()

    def close(self):
        self._reset_epoll()
        self._buffers = []
