"""Finding binaries and shared libraries for uprobes: short library names ("c", "pthread")
through the dynamic linker's cache (/etc/ld.so.cache), executables through $PATH."""

import os
import struct

_LD_CACHE = "/etc/ld.so.cache"
_MAGIC = b"glibc-ld.so.cache1.1"
_FLAG_X86_64 = 0x0300  # FLAG_ELF_LIBC6 | FLAG_X8664_LIB64
_cache_entries = None


def _ld_cache():
    """[(soname, path)] from the glibc 2.x ld.so.cache format."""
    global _cache_entries
    if _cache_entries is not None:
        return _cache_entries
    entries = []
    try:
        with open(_LD_CACHE, "rb") as f:
            data = f.read()
    except OSError:
        data = b""
    start = data.find(_MAGIC)
    if start >= 0:
        nlibs, _strings_len = struct.unpack_from("<II", data, start + 20)
        table = start + 48
        for i in range(nlibs):
            flags, key, value = struct.unpack_from("<iII", data, table + 24 * i)
            if (flags & 0xff00) not in (0, _FLAG_X86_64):
                continue
            entries.append((_cstring(data, start + key), _cstring(data, start + value)))
    _cache_entries = entries
    return entries


def _cstring(data, offset):
    end = data.find(b"\0", offset)
    return data[offset:end].decode(errors="replace")


def find_library(name):
    """The path of lib<name>.so* (or of `name` itself if it is a path), or None."""
    if "/" in name:
        return name if os.path.exists(name) else None
    prefix = name if name.startswith("lib") else "lib" + name
    for soname, path in _ld_cache():
        if soname == prefix or soname.startswith(prefix + ".so"):
            return path
    for directory in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib", "/lib"):
        if os.path.isdir(directory):
            for entry in sorted(os.listdir(directory)):
                if entry.startswith(prefix + ".so"):
                    return os.path.join(directory, entry)
    return None


def find_exe(name):
    if "/" in name:
        return name if os.access(name, os.X_OK) else None
    for directory in os.environ.get("PATH", "/usr/bin:/bin").split(":"):
        path = os.path.join(directory, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def resolve_binary(name):
    """A uprobe target: a path, a library short name or an executable on $PATH."""
    if not name:
        raise ValueError("attach_uprobe needs name= (a binary path or a library name)")
    path = find_library(name) if "/" not in name else name
    if path is None:
        path = find_exe(name)
    if path is None or not os.path.exists(path):
        from .errors import NotFoundError
        raise NotFoundError("cannot find binary or library '%s'" % name)
    return os.path.realpath(path)
