"""Symbolization: addresses to function names, kernel and user space (BPF.ksym, BPF.sym).

Kernel addresses resolve through /proc/kallsyms (with kernel modules); user addresses through
the process's mapped ELF files with elfutils' libdwfl, loaded on the first lookup
(libcore/runtime/symbolize/): stripped binaries with a .gnu_debuglink or a build-id debug file
under /usr/lib/debug, MiniDebugInfo, PIE executables, deleted files and memfds, processes in
other mount namespaces, and /tmp/perf-PID.map for JIT code. C++ names are demangled unless
asked not to be. A process's symbols are cached by pid and re-read after it exec()s.
"""

import os

from .._native import core
from .._text import to_bytes, to_str

# enum bpf_stack_build_id_status (UAPI): the frame has a build id and a file offset.
BPF_STACK_BUILD_ID_VALID = 1

_process_caches = None
_build_ids = None


def _caches():
    global _process_caches
    if _process_caches is None:
        _process_caches = core.SymbolCaches()
    return _process_caches


def _build_id_cache():
    global _build_ids
    if _build_ids is None:
        _build_ids = core.BuildIdCache()
    return _build_ids


def _format(name, offset, module, show_module, show_offset):
    """BCC's text for a resolved address: "name[+0xoff] [module]", "[unknown]" without a
    name (the offset is then not shown), the module as its file's basename."""
    text = name if name is not None else b"[unknown]"
    if show_offset and name is not None:
        text += b"+0x%x" % offset
    if show_module and module is not None:
        text += b" [%s]" % os.path.basename(module)
    return text


class SymbolCache:
    """BCC's per-pid symbol cache object (BPF._sym_cache(pid)); pid < 0 is the kernel."""

    def __init__(self, pid):
        self.pid = pid

    def resolve(self, addr, demangle=True):
        """(name, offset, module) of addr; name and module are bytes or None."""
        if self.pid < 0:
            return core.ksym(addr)
        try:
            return _caches().resolve(self.pid, addr, demangle)
        except LookupError:  # NotFoundError: the process is gone and was never read
            return (None, addr, None)

    def resolve_name(self, module, name):
        """The address of function `name` (in `module`, a path or library name, if given),
        or -1."""
        if self.pid < 0:
            addr = core.ksymname(to_str(name))
        else:
            addr = _caches().address_of(self.pid, to_str(module or ""), to_str(name))
        return addr if addr else -1


def ksym(addr, show_module=False, show_offset=False):
    name, offset, module = core.ksym(addr)
    return _format(name, offset, module, show_module, show_offset)


def ksymname(name):
    addr = core.ksymname(to_str(name))
    return addr if addr else -1


def sym(addr, pid, show_module=False, show_offset=False, demangle=True):
    if hasattr(addr, "build_id") and hasattr(addr, "status"):  # a frame of a build-id stack
        return _build_id_sym(addr, show_module, show_offset, demangle)
    name, offset, module = SymbolCache(pid).resolve(addr, demangle)
    return _format(name, offset, module, show_module, show_offset)


def _build_id_sym(frame, show_module, show_offset, demangle):
    if frame.status == BPF_STACK_BUILD_ID_VALID:
        build_id = bytes(frame.build_id).hex()
        name, offset, module = _build_id_cache().resolve(build_id, frame.offset, demangle)
        if name is None and module is None:
            return _format(None, frame.offset, None, show_module, show_offset)
        return _format(name, offset, module, show_module, show_offset)
    return _format(None, frame.ip, None, show_module, show_offset)


def add_module(modname):
    """Registers an ELF file for build-id stack symbolization; True if it has a build id."""
    try:
        _build_id_cache().add(to_str(modname))
    except Exception:
        return False
    return True


def get_user_functions_and_addresses(name, sym_re):
    """[(name, address)] of the functions of binary/library `name` matching regex sym_re,
    as BCC returns them (names as bytes, addresses as in the file)."""
    import re
    from .binaries import resolve_binary
    path = resolve_binary(to_str(name))
    pattern = re.compile(to_str(sym_re))
    out = []
    for fn_name, address, _size, _file_offset in core.elf_function_symbols(path):
        if pattern.match(fn_name):
            out.append((to_bytes(fn_name), address))
    return out
