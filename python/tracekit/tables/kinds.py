"""The table classes of keyed and indexed maps: hashes, arrays, and the arrays whose leaves are
file descriptors (programs, cgroups, devices, CPUs, AF_XDP sockets, inner maps), plus LPM
tries and queues/stacks. Per-CPU tables are in percpu.py, stack traces in stacks.py, perf and
ring buffers in buffers.py.
"""

import ctypes as ct
import os

from .._native import core
from .base import BPF_ANY, TableBase, unpack
from .map_types import (BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_ARRAY_OF_MAPS,
                        BPF_MAP_TYPE_CGROUP_ARRAY, BPF_MAP_TYPE_CPUMAP, BPF_MAP_TYPE_DEVMAP,
                        BPF_MAP_TYPE_DEVMAP_HASH, BPF_MAP_TYPE_HASH,
                        BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_LPM_TRIE,
                        BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_PROG_ARRAY, BPF_MAP_TYPE_QUEUE,
                        BPF_MAP_TYPE_SOCKHASH, BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_XSKMAP)
from .registry import serves, table_for_fd


@serves(BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_DEVMAP_HASH, BPF_MAP_TYPE_SOCKHASH)
class HashTable(TableBase):
    """BPF_HASH / BPF_TABLE("hash", ...)."""


@serves(BPF_MAP_TYPE_LRU_HASH)
class LruHash(HashTable):
    """BPF_TABLE("lru_hash", ...): the kernel evicts the least recently used entry when full."""


@serves(BPF_MAP_TYPE_LPM_TRIE)
class LpmTrie(TableBase):
    """BPF_LPM_TRIE: keys are {u32 prefixlen; data}, lookups match the longest prefix."""


class ArrayBase(TableBase):
    """Maps indexed 0..max_entries-1: integer keys, negative ones counted from the end."""

    def _key(self, key):
        if isinstance(key, int) and not isinstance(key, bool):
            if key < 0:
                key += self.max_entries
            if not 0 <= key < self.max_entries:
                raise IndexError("index %d out of range for table '%s' of %d entries" % (key, self.name,
                                                                                         self.max_entries))
            return self.Key(key)
        key = super()._key(key)
        if not 0 <= key.value < self.max_entries:
            raise IndexError("index %d out of range for table '%s'" % (key.value, self.name))
        return key

    def __len__(self):
        return self.max_entries


class DenseArray(ArrayBase):
    """Arrays where every index holds a value (BPF_ARRAY, BPF_PERCPU_ARRAY): the keys are all
    of them. Device, CPU and fd arrays list only the slots that are set (the kernel's order)."""

    def keys(self):
        return [self.Key(i) for i in range(self.max_entries)]

    def __iter__(self):
        return iter(self.keys())


@serves(BPF_MAP_TYPE_ARRAY)
class Array(DenseArray):
    """BPF_ARRAY: every index exists; deleting an index zeroes its leaf."""

    def __delitem__(self, key):
        self[key] = self.Leaf()

    def clearitem(self, key):
        self[key] = self.Leaf()

    def clear(self):
        """Zeroes every leaf (array entries cannot be removed)."""
        self.zero()

    def zero(self):
        n = self.max_entries
        keys = (self.Key * n)(*range(n))
        core.map_update_entries(self.map_fd, keys, self._key_size, bytearray(self._value_size * n),
                                self._value_size, n, BPF_ANY)

    def _read_all(self, and_delete=False):
        keys, values, count = super()._read_all(False)
        if and_delete:
            self.zero()
        return keys, values, count


class _FdArray(ArrayBase):
    """An array whose leaves are file descriptors when written (programs, cgroups, sockets,
    maps) and kernel ids or values when read. Unset slots are absent, not zero."""

    def _fd_of(self, leaf):
        if hasattr(leaf, "fd"):  # BPF.Function, a table
            return leaf.fd
        if hasattr(leaf, "map_fd"):
            return leaf.map_fd
        if isinstance(leaf, ct._SimpleCData):
            return leaf.value
        if isinstance(leaf, int):
            return leaf
        raise TypeError("table '%s' takes a file descriptor (int) or an object with .fd, got %s"
                        % (self.name, type(leaf).__name__))

    def __setitem__(self, key, leaf):
        fd = ct.c_int(self._fd_of(leaf))
        core.map_update(self.map_fd, self._key(key), self._key_size, fd, 4, BPF_ANY)

    def keys(self):
        keys, _values, count = self._read_all()
        return unpack(self.Key, keys, count)


@serves(BPF_MAP_TYPE_PROG_ARRAY)
class ProgArray(_FdArray):
    """BPF_PROG_ARRAY: tail-call targets. Set a slot to a BPF.Function (load_func()) or a
    program fd; reading a slot gives the program's id."""


@serves(BPF_MAP_TYPE_CGROUP_ARRAY)
class CgroupArray(_FdArray):
    """BPF_CGROUP_ARRAY: set a slot to a cgroup v2 directory path or an open fd of one."""

    def __setitem__(self, key, leaf):
        if isinstance(leaf, (str, bytes)):
            fd = os.open(leaf, os.O_RDONLY)
            try:
                super().__setitem__(key, fd)
            finally:
                os.close(fd)
            return
        super().__setitem__(key, leaf)


@serves(BPF_MAP_TYPE_DEVMAP)
class DevMap(ArrayBase):
    """BPF_DEVMAP: slots hold an ifindex (or struct bpf_devmap_val) for XDP redirects."""


@serves(BPF_MAP_TYPE_CPUMAP)
class CpuMap(ArrayBase):
    """BPF_CPUMAP: slots hold the queue size (or struct bpf_cpumap_val) of each CPU's XDP queue."""


@serves(BPF_MAP_TYPE_XSKMAP)
class XskMap(_FdArray):
    """BPF_XSKMAP: slots hold AF_XDP socket fds."""


class _MapInMap:
    """Leaves are inner maps: set a slot to a table (or a map fd); reading gives the inner
    map's id, and inner(key) a table over it."""

    def __setitem__(self, key, leaf):
        fd = leaf.map_fd if hasattr(leaf, "map_fd") else int(leaf)
        core.map_update(self.map_fd, self._key(key), self._key_size, ct.c_int(fd), 4, BPF_ANY)

    def inner(self, key, keytype=None, leaftype=None):
        map_id = self[key].value
        return table_for_fd(core.map_fd_by_id(map_id), "%s[%s]" % (self.name, key), keytype, leaftype, owned=True)


@serves(BPF_MAP_TYPE_ARRAY_OF_MAPS)
class MapInMapArray(_MapInMap, ArrayBase):
    """BPF_ARRAY_OF_MAPS."""


@serves(BPF_MAP_TYPE_HASH_OF_MAPS)
class MapInMapHash(_MapInMap, HashTable):
    """BPF_HASH_OF_MAPS."""


@serves(BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK)
class QueueStack(TableBase):
    """BPF_QUEUE / BPF_STACK: values without keys, pushed and popped (FIFO or LIFO)."""

    BPF_EXIST = 2  # push(): on a full map, drop the oldest value instead of failing

    def push(self, leaf, flags=0):
        core.map_push(self.map_fd, self._leaf(leaf), self._value_size, flags)

    def pop(self):
        leaf = self.Leaf()
        if not core.map_lookup_and_delete(self.map_fd, None, 0, leaf, self._value_size):
            raise KeyError("table '%s' is empty" % self.name)
        return leaf

    def peek(self):
        leaf = self.Leaf()
        if not core.map_lookup_nokey(self.map_fd, leaf, self._value_size):
            raise KeyError("table '%s' is empty" % self.name)
        return leaf

    def itervalues(self):
        """Pops every value."""
        while True:
            try:
                yield self.pop()
            except KeyError:
                return

    def values(self):
        return list(self.itervalues())

    def _unsupported(self, *args, **kwargs):
        raise TypeError("table '%s' is a queue/stack: use push(), pop(), peek() and values()" % self.name)

    __getitem__ = __setitem__ = __delitem__ = _unsupported
    keys = items = items_lookup_batch = items_lookup_and_delete_batch = _unsupported
    items_delete_batch = items_update_batch = zero = _unsupported

    def __contains__(self, key):
        self._unsupported()

    def __iter__(self):
        return self.itervalues()

    def __len__(self):
        self._unsupported()

    def clear(self):
        for _ in self.itervalues():
            pass
