"""Finding binaries and shared libraries for uprobes and USDT: short library names ("c",
"pthread") through a process's own mappings (/proc/PID/maps) or the dynamic linker's cache
(/etc/ld.so.cache), executables through $PATH, and paths inside another mount namespace
through /proc/PID/root."""

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


def _library_prefix(name):
    return name if name.startswith("lib") else "lib" + name


def _matches_library(filename, prefix):
    return filename == prefix or filename.startswith(prefix + ".so") or filename.startswith(prefix + "-")


def process_mappings(pid):
    """[(start, end, perms, file_offset, path)] of the file mappings of process `pid`."""
    out = []
    try:
        with open("/proc/%d/maps" % pid) as f:
            for line in f:
                fields = line.split(None, 5)
                if len(fields) < 6 or not fields[5].startswith("/"):
                    continue
                start, end = (int(x, 16) for x in fields[0].split("-"))
                path = fields[5].rstrip("\n")
                if path.endswith(" (deleted)"):
                    path = path[:-len(" (deleted)")]
                out.append((start, end, fields[1], int(fields[2], 16), path))
    except FileNotFoundError:
        from ..errors import NotFoundError
        raise NotFoundError("process %d does not exist" % pid) from None
    return out


def other_mount_namespace(pid):
    """True when process `pid` sees another filesystem tree than this process."""
    try:
        return os.readlink("/proc/%d/ns/mnt" % pid) != os.readlink("/proc/self/ns/mnt")
    except OSError:
        return False


def host_path(pid, path):
    """A path as process `pid` sees it, as this process can open it: the path itself in the
    same mount namespace; else through /proc/PID/root; else, for a file the process maps but
    whose path its root cannot show (a mount only its namespace has, seen from a chroot), the
    mapping itself through /proc/PID/map_files (root only)."""
    if not (pid and pid > 0 and other_mount_namespace(pid)):
        return path
    through_root = "/proc/%d/root%s" % (pid, path)
    if os.path.exists(through_root):
        return through_root
    try:
        for start, end, _perms, _offset, mapped in process_mappings(pid):
            if mapped == path:
                candidate = "/proc/%d/map_files/%x-%x" % (pid, start, end)
                if os.path.exists(candidate):
                    return candidate
    except Exception:  # noqa: BLE001 - the process is gone: the plain path is as good as any
        pass
    return through_root


def find_library(name, pid=None):
    """The path of lib<name>.so* (or of `name` itself if it is a path), or None. With a pid,
    the library that process has mapped comes first (as the process sees it)."""
    if "/" in name:
        return name if os.path.exists(name) else None
    prefix = _library_prefix(name)
    if pid and pid > 0:
        for _start, _end, _perms, _off, path in process_mappings(pid):
            if _matches_library(os.path.basename(path), prefix):
                return host_path(pid, path)
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


def resolve_binary(name, pid=None):
    """A uprobe target: a path, a library short name or an executable on $PATH. With a pid,
    relative to that process (its mappings, its mount namespace)."""
    if not name:
        raise ValueError("attach_uprobe needs name= (a binary path or a library name)")
    if "/" in name:
        path = host_path(pid, name) if name.startswith("/") else name
    else:
        path = find_library(name, pid) or find_exe(name)
    if path is None or not os.path.exists(path):
        from ..errors import NotFoundError
        where = " (process %d)" % pid if pid and pid > 0 else ""
        raise NotFoundError("cannot find binary or library '%s'%s: not a path, not in ld.so.cache, "
                            "not on $PATH" % (name, where))
    if path.startswith("/proc/"):
        return path  # /proc/PID/root/... must stay as it is to reach the other namespace
    return os.path.realpath(path)
