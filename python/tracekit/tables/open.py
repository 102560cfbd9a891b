"""Opening tables: the table of a loaded program's map (``b["name"]``), of a pinned map, or of
a map created here; and BCC's Table() factory."""

import os

from .._native import core
from .._text import to_str
from .registry import PERCPU_CLASSES, class_for, table_for_fd


def make_table(bpf, name, meta, keytype=None, leaftype=None, reducer=None):
    """The table object for map `name` of a loaded BPF object."""
    cls = class_for(bpf._object.map_shape(name)[0])
    if reducer is not None:
        if cls not in PERCPU_CLASSES:
            raise ValueError("reducer= applies to per-CPU tables; '%s' is a %s" % (name, cls.__name__))
        return cls(bpf, name, meta, keytype, leaftype, reducer=reducer)
    return cls(bpf, name, meta, keytype, leaftype)


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
        name = to_str(name)
        return make_table(bpf, name, bpf._map_meta.get(name, {}), keytype, leaftype, kwargs.get("reducer"))
    return table_for_fd(map_fd, name, keytype, leaftype, kwargs.get("reducer"))
