"""BPF's uprobe methods: by binary path, library short name or executable name; by symbol,
symbol regex, address and offset; for every process or one pid. A mixin of the BPF class.

Offsets are file offsets found in the ELF symbol tables, which is what the kernel wants for
PIE executables and shared libraries alike: nothing depends on where a process mapped the
file. Keys follow BCC's: (p|r, path, offset, pid).
"""

import re

from .._native import core
from .._text import to_bytes, to_str
from .registry import check_probe_quota


def _key(retprobe, path, offset, pid):
    return "%s_%s_0x%x_%d" % ("r" if retprobe else "p", path, offset, pid)


def _not_found(message):
    from ..errors import NotFoundError
    return NotFoundError(message)


def uprobe_targets(path, sym=b"", sym_re=b"", addr=None, sym_off=0):
    """[(label, file_offset)] of the uprobes sym / sym_re / addr (+ sym_off) ask for in `path`."""
    if sym_re or sym:
        symbols = {}
        for name, _address, _size, file_offset in core.elf_function_symbols(path):
            symbols.setdefault(name, file_offset)
        if sym_re:
            pattern = re.compile(to_str(sym_re))
            out = sorted((name, off) for name, off in symbols.items() if pattern.match(name))
            if not out:
                raise _not_found("no function symbol of '%s' matches %r" % (path, to_str(sym_re)))
            return out
        name = to_str(sym)
        if name not in symbols:
            raise _not_found("symbol '%s' not found in '%s' (no such function in its symbol tables)" % (name, path))
        label = name + ("+%d" % sym_off if sym_off else "")
        return [(label, symbols[name] + sym_off)]
    if addr:
        return [("0x%x" % addr, core.elf_address_to_file_offset(path, addr) + sym_off)]
    raise ValueError("uprobe on '%s': give sym=, sym_re= or addr=" % path)


class UprobeMethods:
    @staticmethod
    def find_library(libname, pid=None):
        """The path of a shared library from its short name ("c" -> libc.so.6's path)."""
        from ..symbols.binaries import find_library
        path = find_library(to_str(libname), pid)
        return to_bytes(path) if path else None

    @staticmethod
    def find_exe(bin_path):
        from ..symbols.binaries import find_exe
        path = find_exe(to_str(bin_path))
        return to_bytes(path) if path else None

    def attach_uprobe(self, name=b"", sym=b"", sym_re=b"", addr=None, fn_name=b"", pid=-1, sym_off=0):
        return self._attach_uprobes(name, sym, sym_re, addr, fn_name, pid, sym_off, False)

    def attach_uretprobe(self, name=b"", sym=b"", sym_re=b"", addr=None, fn_name=b"", pid=-1, sym_off=0):
        return self._attach_uprobes(name, sym, sym_re, addr, fn_name, pid, sym_off, True)

    def _attach_uprobes(self, name, sym, sym_re, addr, fn_name, pid, sym_off, retprobe):
        from ..symbols.binaries import resolve_binary
        pid = pid if pid and pid > 0 else -1
        path = resolve_binary(to_str(name), pid)
        fn_name = to_str(fn_name)
        targets = uprobe_targets(path, sym, sym_re, addr, sym_off)
        check_probe_quota(len(targets), "uprobes on '%s'" % path)
        for label, offset in targets:
            link = core.attach_uprobe(self._object, fn_name, path, label, 0, 0, retprobe, pid, file_offset=offset)
            self._links.add("uprobe", _key(retprobe, path, offset, pid), link)
        return self

    def _detach_uprobe(self, name, sym, addr, pid, retprobe, sym_off):
        from ..symbols.binaries import resolve_binary
        pid = pid if pid and pid > 0 else -1
        path = resolve_binary(to_str(name), pid)
        for _label, offset in uprobe_targets(path, sym, b"", addr, sym_off):
            self._links.remove("uprobe", _key(retprobe, path, offset, pid))

    def detach_uprobe(self, name=b"", sym=b"", addr=None, pid=-1, sym_off=0):
        self._detach_uprobe(name, sym, addr, pid, False, sym_off)

    def detach_uretprobe(self, name=b"", sym=b"", addr=None, pid=-1, sym_off=0):
        self._detach_uprobe(name, sym, addr, pid, True, sym_off)
