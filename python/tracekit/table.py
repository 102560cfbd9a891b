"""BCC's table classes over the maps of a loaded program.

``b["name"]`` returns one of these; keys and leaves are ctypes types built from the layouts
the compiler recorded (``table.Key``, ``table.Leaf``), and plain Python ints are accepted where
the key or leaf is an integer, as in BCC.
"""

import ctypes as ct

from ._native import core
from .ctypes_layout import ctype_for

# enum bpf_map_type
MAP_TYPE_HASH = 1
MAP_TYPE_ARRAY = 2
MAP_TYPE_PROG_ARRAY = 3
MAP_TYPE_PERF_EVENT_ARRAY = 4
MAP_TYPE_PERCPU_HASH = 5
MAP_TYPE_PERCPU_ARRAY = 6
MAP_TYPE_STACK_TRACE = 7
MAP_TYPE_LRU_HASH = 9
MAP_TYPE_LRU_PERCPU_HASH = 10

BPF_ANY = 0
BPF_NOEXIST = 1
BPF_EXIST = 2


class TableBase:
    """A map: a mapping from Key to Leaf (ctypes values)."""

    def __init__(self, bpf, name, meta, keytype=None, leaftype=None):
        self.bpf = bpf
        self.name = name
        self.meta = meta
        self.fd = bpf._object.map_fd(name)
        self.map_type, self._key_size, self._leaf_size, self.max_entries = bpf._object.map_shape(name)
        self.Key = keytype or ctype_for(meta.get("key", {"kind": "int", "size": self._key_size}), name + "_key")
        self.Leaf = leaftype or ctype_for(meta.get("leaf", {"kind": "int", "size": self._leaf_size}), name + "_leaf")
        self.flags = meta.get("flags", 0)

    # -- conversions ----------------------------------------------------------------------
    def _key(self, key):
        if isinstance(key, self.Key):
            return key
        if isinstance(key, int) and issubclass(self.Key, ct._SimpleCData):
            return self.Key(key)
        if isinstance(key, (bytes, bytearray)) and len(key) == ct.sizeof(self.Key):
            return self.Key.from_buffer_copy(key)
        return key

    def _leaf(self, leaf):
        if isinstance(leaf, self.Leaf):
            return leaf
        if isinstance(leaf, int) and issubclass(self.Leaf, ct._SimpleCData):
            return self.Leaf(leaf)
        return leaf

    # -- mapping protocol -------------------------------------------------------------------
    def __getitem__(self, key):
        leaf = self.Leaf()
        if not core.map_lookup(self.fd, self._key(key), self._key_size, leaf, self._leaf_size):
            raise KeyError(key)
        return leaf

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        leaf = self.Leaf()
        return core.map_lookup(self.fd, self._key(key), self._key_size, leaf, self._leaf_size)

    def __setitem__(self, key, leaf):
        core.map_update(self.fd, self._key(key), self._key_size, self._leaf(leaf), self._leaf_size, BPF_ANY)

    def __delitem__(self, key):
        if not core.map_delete(self.fd, self._key(key), self._key_size):
            raise KeyError(key)

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return sum(1 for _ in self._iter_keys())

    def _iter_keys(self):
        key = None
        while True:
            nxt = self.Key()
            if not core.map_next_key(self.fd, key, self._key_size, nxt):
                return
            yield nxt
            key = nxt

    def keys(self):
        return list(self._iter_keys())

    def values(self):
        return [v for _, v in self.items()]

    def items(self):
        out = []
        for k in self._iter_keys():
            leaf = self.Leaf()
            if core.map_lookup(self.fd, k, self._key_size, leaf, self._leaf_size):
                out.append((k, leaf))
        return out

    def clear(self):
        for k in self.keys():
            core.map_delete(self.fd, k, self._key_size)

    def zero(self):
        for k in self.keys():
            self[k] = self.Leaf()

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v


class HashTable(TableBase):
    pass


class LruHash(HashTable):
    pass


class Array(TableBase):
    """Every index exists; clear() zeroes leaves, del zeroes one."""

    def __len__(self):
        return self.max_entries

    def _key(self, key):
        if isinstance(key, int):
            if key < 0:
                key += self.max_entries
            if not 0 <= key < self.max_entries:
                raise IndexError("array index out of range")
            return self.Key(key)
        return super()._key(key)

    def __delitem__(self, key):
        self[key] = self.Leaf()

    def clear(self):
        for i in range(self.max_entries):
            self[i] = self.Leaf()

    def _iter_keys(self):
        for i in range(self.max_entries):
            yield self.Key(i)


class PerfEventArray(TableBase):
    """BPF_PERF_OUTPUT: events a program submits with perf_submit()."""

    def __init__(self, bpf, name, meta, keytype=None, leaftype=None):
        super().__init__(bpf, name, meta, keytype, leaftype)
        self._event_layout = bpf._metadata.get("events", {}).get(name)
        self._event_class = None
        self._buffer = None

    def event(self, data):
        """The ctypes struct the program submitted, decoded from a callback's `data`."""
        if self._event_class is None:
            if self._event_layout is None:
                raise ValueError("no perf_submit() of a struct to '%s' was seen in the program; "
                                 "cast the data yourself" % self.name)
            self._event_class = ctype_for(self._event_layout, self.name + "_event")
        return ct.cast(data, ct.POINTER(self._event_class)).contents

    def open_perf_buffer(self, callback, page_cnt=8, lost_cb=None, wakeup_events=1):
        """Calls callback(cpu, data, size) for each event during BPF.perf_buffer_poll()."""
        if self._buffer is not None:
            raise ValueError("perf buffer '%s' is already open" % self.name)
        self._buffer = _OpenBuffer(core.PerfBuffer(self.fd, page_cnt, wakeup_events), callback, lost_cb, self.name)
        self.bpf._events.add(self._buffer)

    def close_perf_buffer(self):
        if self._buffer is not None:
            self.bpf._events.remove(self._buffer)
            self._buffer = None


class _OpenBuffer:
    def __init__(self, native, callback, lost_cb, name):
        self.native = native
        self.callback = callback
        self.lost_cb = lost_cb
        self.name = name
        self.lost_reported = False

    def dispatch(self):
        lost = self.native.dispatch(self.callback)
        for cpu, count in lost:
            if self.lost_cb is not None:
                self.lost_cb(count)
            elif not self.lost_reported:
                import sys
                sys.stderr.write("Possibly lost %d samples (perf buffer '%s')\n" % (count, self.name))
                self.lost_reported = True


_CLASSES = {
    MAP_TYPE_HASH: HashTable,
    MAP_TYPE_ARRAY: Array,
    MAP_TYPE_PERF_EVENT_ARRAY: PerfEventArray,
    MAP_TYPE_LRU_HASH: LruHash,
}


def make_table(bpf, name, meta, keytype=None, leaftype=None):
    map_type = bpf._object.map_shape(name)[0]
    cls = _CLASSES.get(map_type, TableBase)
    return cls(bpf, name, meta, keytype, leaftype)
