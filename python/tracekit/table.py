"""BCC's table classes over the maps of a loaded program (also importable as bcc.table).

``b["name"]`` returns the class for the map's type (see _CLASSES). Each is a mapping from
``table.Key`` to ``table.Leaf`` (ctypes types built from the layouts the compiler recorded);
the classes live in table_base.py (the mapping and batch operations), table_kinds.py,
table_percpu.py, table_stack.py and table_events.py. Histogram printing renders in hist.py.
"""

import os

from ._native import core
from .table_base import BPF_ANY, BPF_EXIST, BPF_NOEXIST, BatchItems, TableBase
from .table_events import PerfEventArray, RingBuf
from .table_kinds import (Array, ArrayBase, CgroupArray, CpuMap, DevMap, HashTable, LpmTrie,
                          LruHash, MapInMapArray, MapInMapHash, ProgArray, QueueStack, XskMap)
from .table_percpu import LruPerCpuHash, PerCpuArray, PerCpuHash
from .table_stack import StackBuildId, StackTrace, StackWalker
from .hist import LINEAR_INDEX_MAX as linear_index_max, LOG2_INDEX_MAX as log2_index_max, STARS_MAX as stars_max

__all__ = [
    "TableBase", "HashTable", "LruHash", "Array", "ArrayBase", "ProgArray", "PerfEventArray", "PerCpuHash",
    "LruPerCpuHash", "PerCpuArray", "LpmTrie", "StackTrace", "StackWalker", "StackBuildId", "CgroupArray",
    "DevMap", "CpuMap", "XskMap", "MapInMapArray", "MapInMapHash", "QueueStack", "RingBuf", "BatchItems",
    "Table", "make_table", "table_for_fd", "create_map", "open_pinned", "BPF_ANY", "BPF_NOEXIST", "BPF_EXIST",
    "stars_max", "log2_index_max", "linear_index_max",
]

# enum bpf_map_type (UAPI)
BPF_MAP_TYPE_HASH = 1
BPF_MAP_TYPE_ARRAY = 2
BPF_MAP_TYPE_PROG_ARRAY = 3
BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4
BPF_MAP_TYPE_PERCPU_HASH = 5
BPF_MAP_TYPE_PERCPU_ARRAY = 6
BPF_MAP_TYPE_STACK_TRACE = 7
BPF_MAP_TYPE_CGROUP_ARRAY = 8
BPF_MAP_TYPE_LRU_HASH = 9
BPF_MAP_TYPE_LRU_PERCPU_HASH = 10
BPF_MAP_TYPE_LPM_TRIE = 11
BPF_MAP_TYPE_ARRAY_OF_MAPS = 12
BPF_MAP_TYPE_HASH_OF_MAPS = 13
BPF_MAP_TYPE_DEVMAP = 14
BPF_MAP_TYPE_SOCKMAP = 15
BPF_MAP_TYPE_CPUMAP = 16
BPF_MAP_TYPE_XSKMAP = 17
BPF_MAP_TYPE_SOCKHASH = 18
BPF_MAP_TYPE_CGROUP_STORAGE = 19
BPF_MAP_TYPE_REUSEPORT_SOCKARRAY = 20
BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE = 21
BPF_MAP_TYPE_QUEUE = 22
BPF_MAP_TYPE_STACK = 23
BPF_MAP_TYPE_SK_STORAGE = 24
BPF_MAP_TYPE_DEVMAP_HASH = 25
BPF_MAP_TYPE_STRUCT_OPS = 26
BPF_MAP_TYPE_RINGBUF = 27
BPF_MAP_TYPE_INODE_STORAGE = 28
BPF_MAP_TYPE_TASK_STORAGE = 29

_CLASSES = {
    BPF_MAP_TYPE_HASH: HashTable,
    BPF_MAP_TYPE_ARRAY: Array,
    BPF_MAP_TYPE_PROG_ARRAY: ProgArray,
    BPF_MAP_TYPE_PERF_EVENT_ARRAY: PerfEventArray,
    BPF_MAP_TYPE_PERCPU_HASH: PerCpuHash,
    BPF_MAP_TYPE_PERCPU_ARRAY: PerCpuArray,
    BPF_MAP_TYPE_STACK_TRACE: StackTrace,
    BPF_MAP_TYPE_CGROUP_ARRAY: CgroupArray,
    BPF_MAP_TYPE_LRU_HASH: LruHash,
    BPF_MAP_TYPE_LRU_PERCPU_HASH: LruPerCpuHash,
    BPF_MAP_TYPE_LPM_TRIE: LpmTrie,
    BPF_MAP_TYPE_ARRAY_OF_MAPS: MapInMapArray,
    BPF_MAP_TYPE_HASH_OF_MAPS: MapInMapHash,
    BPF_MAP_TYPE_DEVMAP: DevMap,
    BPF_MAP_TYPE_DEVMAP_HASH: HashTable,
    BPF_MAP_TYPE_CPUMAP: CpuMap,
    BPF_MAP_TYPE_XSKMAP: XskMap,
    BPF_MAP_TYPE_SOCKHASH: HashTable,
    BPF_MAP_TYPE_QUEUE: QueueStack,
    BPF_MAP_TYPE_STACK: QueueStack,
    BPF_MAP_TYPE_RINGBUF: RingBuf,
}

_PERCPU = (PerCpuHash, LruPerCpuHash, PerCpuArray)


def class_for(map_type):
    return _CLASSES.get(map_type, TableBase)


def make_table(bpf, name, meta, keytype=None, leaftype=None, reducer=None):
    """The table object for map `name` of a loaded BPF object."""
    cls = class_for(bpf._object.map_shape(name)[0])
    if reducer is not None:
        if cls not in _PERCPU:
            raise ValueError("reducer= applies to per-CPU tables; '%s' is a %s" % (name, cls.__name__))
        return cls(bpf, name, meta, keytype, leaftype, reducer=reducer)
    return cls(bpf, name, meta, keytype, leaftype)


def table_for_fd(fd, name, keytype=None, leaftype=None, reducer=None, owned=False):
    """A table over a map fd that no BPF object of ours created (a pinned map, an inner map).
    Without keytype/leaftype, keys and leaves are unsigned integers of the map's sizes."""
    info = core.map_info(fd)
    cls = class_for(info["type"])
    kwargs = {"reducer": reducer} if cls in _PERCPU else {}
    table = cls(None, name, None, keytype, leaftype, fd=fd, **kwargs)
    if owned:
        table._owned_fd = fd
    return table


def create_map(map_type, key_size, value_size, max_entries, name="", flags=0, keytype=None, leaftype=None,
               inner_map=None):
    """Creates a map (BPF_MAP_CREATE) and returns its table, which owns the fd. inner_map
    (a table) is the template of a map-in-map's inner maps."""
    inner_fd = inner_map.map_fd if inner_map is not None else -1
    fd = core.map_create(map_type, name, key_size, value_size, max_entries, flags, inner_fd)
    return table_for_fd(fd, name, keytype, leaftype, owned=True)


def open_pinned(path, keytype=None, leaftype=None, reducer=None):
    """A table over a map pinned in bpffs at `path`."""
    fd = core.obj_get(os.fspath(path))
    return table_for_fd(fd, os.path.basename(path), keytype, leaftype, reducer, owned=True)


def Table(bpf, map_id, map_fd, keytype, leaftype, name, **kwargs):
    """BCC's factory signature: the table class of map `name` (map_id is unused)."""
    if bpf is not None and getattr(bpf, "_object", None) is not None and name:
        from ._text import to_str
        name = to_str(name)
        return make_table(bpf, name, bpf._map_meta.get(name, {}), keytype, leaftype, kwargs.get("reducer"))
    return table_for_fd(map_fd, name, keytype, leaftype, kwargs.get("reducer"))
