"""BPF maps as Python mappings, BCC's table classes (``b["name"]``, also tracekit.table and
bcc.table).

    base.py        TableBase: the mapping, batch reads/writes, histogram printing
    kinds.py       hashes, arrays, fd arrays, map-in-map, LPM tries, queues/stacks
    percpu.py      per-CPU hashes and arrays (reducers)
    stacks.py      stack trace tables
    buffers.py     perf and ring buffers (events)
    histograms.py  reading a histogram out of a table (rendering: tracekit.render)
    registry.py    which class serves which map type; tables over bare fds
    open.py        tables of a program's maps, pinned maps, new maps
    map_types.py   enum bpf_map_type
"""

from ..render.histograms import (LINEAR_INDEX_MAX as linear_index_max, LOG2_INDEX_MAX as log2_index_max,
                                 STARS_MAX as stars_max)
from .base import BPF_ANY, BPF_EXIST, BPF_NOEXIST, BatchItems, TableBase
from .buffers import PerfEventArray, RingBuf
from .kinds import (Array, ArrayBase, CgroupArray, CpuMap, DevMap, HashTable, LpmTrie, LruHash, MapInMapArray,
                    MapInMapHash, ProgArray, QueueStack, XskMap)
from .open import Table, create_map, make_table, open_pinned
from .percpu import LruPerCpuHash, PerCpuArray, PerCpuHash
from .registry import class_for, table_for_fd
from .stacks import StackBuildId, StackTrace, StackWalker

__all__ = [
    "TableBase", "HashTable", "LruHash", "Array", "ArrayBase", "ProgArray", "PerfEventArray", "PerCpuHash",
    "LruPerCpuHash", "PerCpuArray", "LpmTrie", "StackTrace", "StackWalker", "StackBuildId", "CgroupArray",
    "DevMap", "CpuMap", "XskMap", "MapInMapArray", "MapInMapHash", "QueueStack", "RingBuf", "BatchItems",
    "Table", "make_table", "table_for_fd", "class_for", "create_map", "open_pinned", "BPF_ANY", "BPF_NOEXIST",
    "BPF_EXIST", "stars_max", "log2_index_max", "linear_index_max",
]
