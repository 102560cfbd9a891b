"""Which table class serves which map type, and tables over bare map fds.

Each table class declares the map types it serves (``@serves(BPF_MAP_TYPE_HASH)``) where it
is defined, so that a table over an fd found at run time (a pinned map, the inner map of a
map-in-map) gets its class without this module importing every class module. The package's
__init__ imports them all, so the registry is complete before any table exists.
"""

from .._native import core
from .base import TableBase

_classes = {}  # map type -> class
PERCPU_CLASSES = set()  # classes that take reducer=


def serves(*map_types, percpu=False):
    """Class decorator: the class is the table for these map types."""
    def register(cls):
        for map_type in map_types:
            _classes[map_type] = cls
        if percpu:
            PERCPU_CLASSES.add(cls)
        return cls
    return register


def class_for(map_type):
    return _classes.get(map_type, TableBase)


def table_for_fd(fd, name, keytype=None, leaftype=None, reducer=None, owned=False):
    """A table over a map fd that no BPF object of ours created (a pinned map, an inner map).
    Without keytype/leaftype, keys and leaves are unsigned integers of the map's sizes."""
    info = core.map_info(fd)
    cls = class_for(info["type"])
    kwargs = {"reducer": reducer} if cls in PERCPU_CLASSES else {}
    table = cls(None, name, None, keytype, leaftype, fd=fd, **kwargs)
    if owned:
        table._owned_fd = fd
    return table
