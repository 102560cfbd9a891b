"""TableBase: a BPF map as a Python mapping, BCC's contract.

``b["name"]`` returns a TableBase subclass chosen by map type (registry.py). Keys and leaves are
ctypes types (``table.Key``, ``table.Leaf``) built from the layouts the compiler recorded, so
struct fields read by name; plain ints (and bytes for char arrays) are accepted where the key
or leaf is one, as in BCC.

Whole-map reads (items(), values(), len(), clear(), the *_batch methods) go through
runtime/maps/batch.cpp: the kernel's batch commands where it has them, the element commands
otherwise, and in either case one native call per map rather than one per entry.
"""

import ctypes as ct
import errno
import gc
import os
# collections.abc re-exports this module; importing it directly spares importing the
# collections package (~2.5 ms of every tool start).
from _collections_abc import MutableMapping

from .._native import core
from ..ctypes.layout import ctype_for
from ..errors import TracekitError
from . import histograms

BPF_ANY = 0
BPF_NOEXIST = 1
BPF_EXIST = 2


def _default_type(layout, size, hint):
    if layout:
        return ctype_for(layout, hint)
    if size == 0:
        return None
    return ctype_for({"kind": "int", "size": size, "signed": False}, hint)


class _GcPaused:
    """Pauses the cyclic garbage collector while a whole map becomes Python objects: the
    objects hold no cycles, and collections triggered by a million allocations would
    otherwise take most of the time (1.4 s instead of 0.2 s per million leaves)."""

    def __enter__(self):
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was_enabled:
            gc.enable()


def unpack(cls, buf, count):
    """`count` instances of ctypes type `cls` packed in `buf` (a bytearray): integers come
    back as ctypes integers (BCC's k.value), records as views sharing `buf`."""
    if count == 0:
        return []
    with _GcPaused():
        if issubclass(cls, ct._SimpleCData):
            if cls._type_ in "bBhHiIlLqQ?fd":
                return list(map(cls, memoryview(buf).cast(cls._type_)[:count]))
            size = ct.sizeof(cls)
            return [cls.from_buffer(buf, i * size) for i in range(count)]
        return list((cls * count).from_buffer(buf))


def pairs(key_type, keys, leaf_type, values, count):
    """[(key, leaf)] of a whole-map read."""
    ks, vs = unpack(key_type, keys, count), unpack(leaf_type, values, count)
    with _GcPaused():
        return list(zip(ks, vs))


def pack(cls, values):
    """A ctypes array of `cls` from a ctypes array, a sequence of `cls` instances or ints."""
    if isinstance(values, ct.Array) and values._type_ is cls:
        return values
    values = list(values)
    out = (cls * len(values))()
    for i, v in enumerate(values):
        out[i] = v if isinstance(v, cls) or not issubclass(cls, ct._SimpleCData) else cls(v)
    return out


class BatchItems:
    """What items_lookup_batch() returns: an iterator of (key, leaf) pairs, as BCC's
    generator, that also holds the whole batch as ctypes arrays (``.keys``, ``.values``) and,
    with numpy, as arrays (``to_numpy()``), so large maps need not be walked pair by pair."""

    def __init__(self, key_type, leaf_type, keys_buf, values_buf, count):
        self.count = count
        self.keys = (key_type * count).from_buffer(keys_buf) if key_type and count else (key_type or ct.c_uint8) * 0
        self.values = (leaf_type * count).from_buffer(values_buf) if count else leaf_type * 0
        self._key_type, self._leaf_type = key_type, leaf_type
        self._keys_buf, self._values_buf = keys_buf, values_buf
        self._pairs = None
        self._next = 0

    def __len__(self):
        return self.count

    def _all_pairs(self):
        if self._pairs is None:
            self._pairs = pairs(self._key_type, self._keys_buf, self._leaf_type, self._values_buf, self.count)
        return self._pairs

    def __iter__(self):
        # A for loop iterates the list itself (no Python-level __next__ per entry).
        return iter(self._all_pairs()[self._next:])

    def __next__(self):
        if self._next >= self.count:
            raise StopIteration
        self._next += 1
        return self._all_pairs()[self._next - 1]

    def to_numpy(self):
        """(keys, values) as numpy arrays (structured where the types are structs)."""
        from ..ctypes.numpy_views import array_of
        return array_of(self._key_type, self._keys_buf, self.count), array_of(self._leaf_type, self._values_buf,
                                                                               self.count)


class TableBase(MutableMapping):
    """A BPF map as a mapping from Key to Leaf (ctypes instances)."""

    def __init__(self, bpf, name, meta=None, keytype=None, leaftype=None, fd=None, reducer=None):
        self.bpf = bpf
        self.name = name
        self.meta = meta or {}
        self._owned_fd = None
        if fd is None:
            self.map_fd = bpf._object.map_fd(name)
            self.ttype, self._key_size, self._leaf_size, self.max_entries = bpf._object.map_shape(name)
            self.flags = self.meta.get("flags", 0)
        else:
            self.map_fd = fd
            info = core.map_info(fd)
            self.ttype, self._key_size, self._leaf_size = info["type"], info["key_size"], info["value_size"]
            self.max_entries, self.flags = info["max_entries"], info["flags"]
        self.Key = keytype or _default_type(self.meta.get("key"), self._key_size, "%s_key" % name)
        self.Leaf = leaftype or _default_type(self.meta.get("leaf"), self._leaf_size, "%s_leaf" % name)
        self._value_size = self._leaf_size  # bytes the kernel copies per value (per-CPU: more)
        self.reducer = reducer

    # BCC spellings of the same attributes.
    @property
    def fd(self):
        return self.map_fd

    @property
    def map_type(self):
        return self.ttype

    def get_fd(self):
        return self.map_fd

    def close(self):
        """Closes the map fd if this table owns it (tables made by create_map)."""
        if self._owned_fd is not None:
            os.close(self._owned_fd)
            self._owned_fd = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # -- conversions ----------------------------------------------------------------------
    @staticmethod
    def _convert(cls, value, what):
        if isinstance(value, cls):
            return value
        if issubclass(cls, ct._SimpleCData) and isinstance(value, (int, float, bool)):
            return cls(value)
        if issubclass(cls, ct._SimpleCData) and isinstance(value, ct._SimpleCData):
            return cls(value.value)
        if isinstance(value, (bytes, bytearray)):
            size = ct.sizeof(cls)
            if len(value) > size:
                raise ValueError("%s of %d bytes does not fit %s (%d bytes)" % (what, len(value), cls.__name__, size))
            return cls.from_buffer_copy(bytes(value) + b"\0" * (size - len(value)))
        if isinstance(value, ct.Array) and ct.sizeof(value) == ct.sizeof(cls):
            return cls.from_buffer_copy(value)
        raise TypeError("%s must be %s (or an int/bytes of its size), got %s"
                        % (what, cls.__name__, type(value).__name__))

    def _key(self, key):
        return self._convert(self.Key, key, "key")

    def _leaf(self, leaf):
        return self._convert(self.Leaf, leaf, "leaf")

    # -- element access ---------------------------------------------------------------------
    def _lookup(self, key):
        leaf = self.Leaf()
        if not core.map_lookup(self.map_fd, self._key(key), self._key_size, leaf, self._value_size):
            return None
        return leaf

    def __getitem__(self, key):
        leaf = self._lookup(key)
        if leaf is None:
            raise KeyError(key)
        return leaf

    def getvalue(self, key):
        """The leaf as the kernel stores it (per-CPU tables: one value per CPU, unreduced)."""
        return self[key]

    def __contains__(self, key):
        return self._lookup(key) is not None

    def __setitem__(self, key, leaf):
        core.map_update(self.map_fd, self._key(key), self._key_size, self._leaf(leaf), self._value_size, BPF_ANY)

    def insert(self, key, leaf):
        """Adds key only if absent; False if it was there (BPF_NOEXIST)."""
        try:
            core.map_update(self.map_fd, self._key(key), self._key_size, self._leaf(leaf), self._value_size,
                            BPF_NOEXIST)
        except TracekitError as e:
            if e.errno == errno.EEXIST:
                return False
            raise
        return True

    def __delitem__(self, key):
        if not core.map_delete(self.map_fd, self._key(key), self._key_size):
            raise KeyError(key)

    def next(self, key):
        """The key after `key` in the kernel's order (None: the first key); StopIteration at
        the end."""
        nxt = self.Key()
        if not core.map_next_key(self.map_fd, None if key is None else self._key(key), self._key_size, nxt):
            raise StopIteration()
        return nxt

    # -- whole-map access -------------------------------------------------------------------
    def _read_all(self, and_delete=False):
        keys, values, count, _batched = core.map_read_all(self.map_fd, self._key_size, self._value_size,
                                                          self.max_entries, and_delete)
        return keys, values, count

    def _pairs(self):
        keys, values, count = self._read_all()
        return pairs(self.Key, keys, self.Leaf, values, count)

    def _present(self, leaf):
        return leaf

    def items(self):
        """[(key, leaf)] for every entry, read in one native call."""
        if self.reducer is None:
            return self._pairs()
        return [(k, self._present(v)) for k, v in self._pairs()]

    def keys(self):
        keys, _values, count = self._read_all()
        return unpack(self.Key, keys, count)

    def values(self):
        return [v for _, v in self.items()]

    def iteritems(self):
        return iter(self.items())

    def iterkeys(self):
        return iter(self.keys())

    def itervalues(self):
        return iter(self.values())

    def iter(self):
        return iter(self)

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return self._read_all()[2]

    def clear(self):
        core.map_delete_all(self.map_fd, self._key_size, self._value_size, self.max_entries)

    def zero(self):
        """Sets every existing entry's leaf to zero."""
        keys, _values, count = self._read_all()
        if count:
            zeros = bytearray(self._value_size * count)
            core.map_update_entries(self.map_fd, keys, self._key_size, zeros, self._value_size, count, BPF_EXIST)

    # -- batch operations (BCC names) -------------------------------------------------------
    def items_lookup_batch(self):
        """Every (key, leaf), read with BPF_MAP_LOOKUP_BATCH (element reads where the kernel
        lacks it). Returns a BatchItems: iterate it for pairs, or use .keys/.values."""
        keys, values, count = self._read_all()
        return BatchItems(self.Key, self.Leaf, keys, values, count)

    def items_lookup_and_delete_batch(self):
        """As items_lookup_batch(), removing each entry read."""
        keys, values, count = self._read_all(and_delete=True)
        return BatchItems(self.Key, self.Leaf, keys, values, count)

    def items_delete_batch(self, ct_keys=None):
        """Deletes the given keys (a ctypes array or sequence of Key), or every entry."""
        if ct_keys is None:
            self.clear()
            return
        keys = pack(self.Key, ct_keys)
        core.map_delete_keys(self.map_fd, keys, self._key_size, len(keys))

    def items_update_batch(self, ct_keys, ct_values):
        """Writes len(ct_keys) entries with BPF_MAP_UPDATE_BATCH (element writes as fallback)."""
        keys, values = pack(self.Key, ct_keys), pack(self.Leaf, ct_values)
        if len(keys) != len(values):
            raise ValueError("items_update_batch: %d keys but %d values" % (len(keys), len(values)))
        core.map_update_entries(self.map_fd, keys, self._key_size, values, self._value_size, len(keys), BPF_ANY)

    # -- text forms of keys and leaves --------------------------------------------------------
    def key_sprintf(self, key):
        from ..ctypes.text import to_text
        return to_text(self._key(key)).encode()

    def leaf_sprintf(self, leaf):
        from ..ctypes.text import to_text
        return to_text(self._leaf(leaf)).encode()

    def key_scanf(self, text):
        from ..ctypes.text import from_text
        return from_text(self.Key, text)

    def leaf_scanf(self, text):
        from ..ctypes.text import from_text
        return from_text(self.Leaf, text)

    # -- in notebooks (display.py) ----------------------------------------------------------
    def _repr_html_(self):
        """Jupyter's view: a histogram table as a bar chart, another as its entries."""
        from . import display
        return display.html_of(self)

    def to_dataframe(self):
        """The entries as a pandas DataFrame: the key's fields, then the leaf's, decoded
        (char arrays as str, nested structs as "outer.inner" columns)."""
        from . import display
        return display.dataframe(self)

    # -- histograms (histograms.py reads them; tracekit.render draws them) ------------------
    def print_log2_hist(self, val_type="value", section_header="Bucket ptr", section_print_fn=None,
                        bucket_fn=None, strip_leading_zero=None, bucket_sort_fn=None):
        """Prints the table as a log2 histogram (leaves counted by slot = log2 bucket), in
        BCC's format. A struct key (bucket, slot) prints one histogram per bucket, under
        "<section_header> = <bucket>" (section_print_fn(bucket) formats it; bucket_fn maps
        buckets before grouping; bucket_sort_fn orders them). strip_leading_zero omits the
        empty slots before the first non-empty one."""
        histograms.print_log2(self, val_type, section_header, section_print_fn, bucket_fn, strip_leading_zero,
                              bucket_sort_fn)

    def print_linear_hist(self, val_type="value", section_header="Bucket ptr", section_print_fn=None,
                          bucket_fn=None, strip_leading_zero=None, bucket_sort_fn=None):
        """Prints the table as a linear histogram (one row per value 0..max), in BCC's format;
        the options are print_log2_hist's."""
        histograms.print_linear(self, val_type, section_header, section_print_fn, bucket_fn, strip_leading_zero,
                                bucket_sort_fn)

    def print_json_hist(self, val_type="value", section_header="Bucket ptr", section_print_fn=None,
                        bucket_fn=None, bucket_sort_fn=None):
        """Prints the log2 histogram as BCC's JSON-style dict, one per section."""
        histograms.print_json(self, val_type, section_header, section_print_fn, bucket_fn, bucket_sort_fn)
