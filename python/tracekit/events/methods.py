"""The event methods of the BPF class: polling the perf and ring buffers its tables opened
(loop.py), as BCC polls them."""


class EventMethods:
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
