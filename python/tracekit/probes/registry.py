"""The attachments of a BPF object, keyed like BCC's (``p_<event>``, ``r_<event>``,
``<category>:<event>``...), so that detach_* and num_open_* behave as BCC's do.

Every native Link is fd-based or knows how to undo itself; closing it detaches. kprobes and
uprobes also count against a process-wide quota, as in BCC: attaching thousands of probes by
accident (a too-wide ``event_re``) makes the kernel crawl, so the limit is checked before any
probe of a batch is created. ``TRACEKIT_PROBE_LIMIT`` (or BCC's ``BCC_PROBE_LIMIT``) sets it;
the default is 1000.
"""

import os

from .._native import core
from . import lifecycle

DEFAULT_PROBE_LIMIT = 1000
_QUOTA_KINDS = ("kprobe", "uprobe")
_open_probes = 0


def probe_limit():
    for name in ("TRACEKIT_PROBE_LIMIT", "BCC_PROBE_LIMIT"):
        value = os.environ.get(name)
        if value:
            try:
                return int(value)
            except ValueError:
                raise ValueError("%s must be an integer, not %r" % (name, value)) from None
    return DEFAULT_PROBE_LIMIT


def open_probe_count():
    """kprobes and uprobes open in this process, over every BPF object."""
    return _open_probes


def check_probe_quota(new_probes, what=""):
    """Raises before attaching `new_probes` more kprobes/uprobes would pass the limit."""
    limit = probe_limit()
    if _open_probes + new_probes > limit:
        raise RuntimeError(
            "attaching %d more probes%s would exceed the limit of %d open kprobes and uprobes "
            "(%d open); narrow the pattern or raise TRACEKIT_PROBE_LIMIT"
            % (new_probes, " (%s)" % what if what else "", limit, _open_probes))


class AttachRegistry:
    def __init__(self):
        self._links = {}  # (kind, key) -> [native Link]

    def add(self, kind, key, link):
        """Files an attachment made after check_probe_quota() said it fits."""
        global _open_probes
        if kind in _QUOTA_KINDS:
            _open_probes += 1
        self._links.setdefault((kind, key), []).append(link)
        if link.persistent:
            lifecycle.arm_signal_cleanup()

    def remove(self, kind, key):
        links = self._links.pop((kind, key), None)
        if links is None:
            raise ValueError("%s %s is not attached" % (kind, key))
        self._close(kind, links)

    def remove_matching(self, kind, predicate):
        """Removes every attachment of `kind` whose key satisfies predicate(key); returns how many."""
        keys = [k for (kd, k) in self._links if kd == kind and predicate(k)]
        for key in keys:
            self.remove(kind, key)
        return len(keys)

    def get(self, kind, key):
        return self._links.get((kind, key), [])

    def has(self, kind, key):
        return (kind, key) in self._links

    def keys(self, kind):
        return [k for (kd, k) in self._links if kd == kind]

    def count(self, *kinds):
        return sum(len(v) for (kind, _), v in self._links.items() if kind in kinds)

    def descriptions(self):
        return [link.description for links in self._links.values() for link in links]

    def close_all(self):
        items = list(self._links.items())
        self._links.clear()
        # Many at once in parallel: each perf-event detach waits for a kernel RCU grace period.
        native = [link for _, links in items for link in links if isinstance(link, core.Link)]
        if len(native) > 1:
            core.close_links(native)
        for (kind, _), links in items:
            self._close(kind, links)

    @staticmethod
    def _close(kind, links):
        global _open_probes
        for link in links:
            link.close()  # a no-op for a link close_links already closed
            if kind in _QUOTA_KINDS:
                _open_probes -= 1
