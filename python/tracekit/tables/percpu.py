"""Per-CPU tables: BPF_PERCPU_HASH, BPF_TABLE("lru_percpu_hash"), BPF_PERCPU_ARRAY.

A leaf is one value per possible CPU. As in BCC, ``sLeaf`` is the program's leaf type and
``Leaf`` an array of ``sLeaf`` with one element per possible CPU; ``table[k]`` returns that
array, or ``reducer(a, b)`` folded over it when the table was made with
``get_table(name, reducer=...)``. ``sum``, ``max`` and ``average`` reduce integer leaves.

The kernel stores each CPU's value in an 8-byte aligned slot. A leaf whose size is not a
multiple of 8 gets a padded element type: 32-bit integers widen to 64 bits (what BCC does),
other leaves get trailing padding, so their fields read by name all the same.
"""

import ctypes as ct

from ..kernel.cpus import get_possible_cpus
from .base import TableBase
from .kinds import DenseArray, HashTable
from .map_types import BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_PERCPU_HASH
from .registry import serves

_WIDER = {ct.c_uint32: ct.c_uint64, ct.c_int32: ct.c_int64, ct.c_uint16: ct.c_uint64, ct.c_int16: ct.c_int64,
          ct.c_uint8: ct.c_uint64, ct.c_int8: ct.c_int64}


def _aligned_element(leaf_type):
    pad = -ct.sizeof(leaf_type) % 8
    if pad == 0:
        return leaf_type
    if leaf_type in _WIDER:
        return _WIDER[leaf_type]
    if issubclass(leaf_type, ct.Structure):
        return type(leaf_type.__name__, (leaf_type,), {"_pack_": 1, "_fields_": [("__pad_percpu", ct.c_uint8 * pad)]})
    return type("percpu_" + leaf_type.__name__, (ct.Structure,),
                {"_pack_": 1, "_fields_": [("value", leaf_type), ("__pad_percpu", ct.c_uint8 * pad)]})


class _PerCpuMixin:
    def _init_percpu(self, reducer):
        self.total_cpu = len(get_possible_cpus())
        self.sLeaf = self.Leaf
        self._element = _aligned_element(self.sLeaf)
        self.Leaf = self._element * self.total_cpu
        self._value_size = ct.sizeof(self.Leaf)
        self.reducer = reducer

    def _present(self, leaf):
        if self.reducer is None:
            return leaf
        values = iter(leaf)
        result = next(values)
        for value in values:
            result = self.reducer(result, value)
        return result

    def __getitem__(self, key):
        return self._present(super().__getitem__(key))

    def getvalue(self, key):
        """The per-CPU values of key, unreduced."""
        return super().__getitem__(key)

    def _leaf(self, leaf):
        if isinstance(leaf, self.Leaf):
            return leaf
        if isinstance(leaf, (list, tuple)):
            if len(leaf) != self.total_cpu:
                raise ValueError("table '%s' needs %d per-CPU values, got %d" % (self.name, self.total_cpu, len(leaf)))
            out = self.Leaf()
            for i, v in enumerate(leaf):
                out[i] = v if not isinstance(v, ct._SimpleCData) else v.value
            return out
        if isinstance(leaf, (int, ct._SimpleCData)):  # the same value on every CPU
            v = leaf.value if isinstance(leaf, ct._SimpleCData) else leaf
            return self.Leaf(*([v] * self.total_cpu))
        raise TypeError("table '%s' takes %d per-CPU values (a list or %s)" % (self.name, self.total_cpu,
                                                                              self.Leaf.__name__))

    def _ints(self, key):
        values = self.getvalue(key)
        if not issubclass(self._element, ct._SimpleCData):
            raise TypeError("sum/max/average need integer leaves; table '%s' has %s"
                            % (self.name, self.sLeaf.__name__))
        return list(values)

    def sum(self, key):
        return self.sLeaf(sum(self._ints(key)))

    def max(self, key):
        return self.sLeaf(max(self._ints(key)))

    def average(self, key):
        return sum(self._ints(key)) / self.total_cpu


@serves(BPF_MAP_TYPE_PERCPU_HASH, percpu=True)
class PerCpuHash(_PerCpuMixin, HashTable):
    def __init__(self, *args, reducer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_percpu(reducer)


@serves(BPF_MAP_TYPE_LRU_PERCPU_HASH, percpu=True)
class LruPerCpuHash(PerCpuHash):
    pass


@serves(BPF_MAP_TYPE_PERCPU_ARRAY, percpu=True)
class PerCpuArray(_PerCpuMixin, DenseArray):
    def __init__(self, *args, reducer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_percpu(reducer)

    def __delitem__(self, key):
        self[key] = self.Leaf()

    def clear(self):
        for i in range(self.max_entries):
            TableBase.__setitem__(self, i, self.Leaf())
