"""System call names by number, from the running kernel (also importable as bcc.syscall).

    from tracekit.syscall import syscall_name, syscall_number, syscalls
    syscall_name(59)          # b"execve"
    syscall_number("execve")  # 59

The numbers come from the kernel itself: a small BPF program reads its system call table
(``sys_call_table``, located through /proc/kallsyms) and each entry is resolved to the
kernel function implementing it (``__x64_sys_openat``), so syscalls this kernel has and no
header knows are named too, and numbers it lacks are absent. A few entry points carry
historical kernel names (``newstat`` is stat(2), ``sendfile64`` is sendfile(2)); where the
system's UAPI header (linux-libc-dev's asm/unistd_64.h) names the same number, its user-facing
name is used. The header alone is the source where the kernel's table cannot be located:
without root (no BPF, no kernel addresses), or on kernels built without CONFIG_KALLSYMS_ALL,
whose /proc/kallsyms lists functions but not sys_call_table. ``source`` says which was used.
"""

import ctypes as ct
import os
import re

from .._native import core

_table = None
source = None  # "kernel" or "header", once loaded

_PROGRAM = r"""
#define MAX_SYSCALLS 1024
struct syscall_table_t { u64 entry[MAX_SYSCALLS]; };
BPF_ARRAY(tk_syscall_config, u64, 3);  /* [0] reader pid, [1] sys_call_table address, [2] entries */
BPF_ARRAY(table, struct syscall_table_t, 1);

RAW_TRACEPOINT_PROBE(sys_enter) {
    int pid_at = 0, addr_at = 1, count_at = 2, zero = 0;
    u64 *pid = tk_syscall_config.lookup(&pid_at), *addr = tk_syscall_config.lookup(&addr_at),
        *count = tk_syscall_config.lookup(&count_at);
    if (!pid || !addr || !count || (bpf_get_current_pid_tgid() >> 32) != *pid)
        return 0;
    struct syscall_table_t *t = table.lookup(&zero);
    if (!t)
        return 0;
    u64 n = *count;
    for (int i = 0; i < MAX_SYSCALLS; i++) {
        if (i >= n)
            break;
        bpf_probe_read_kernel(&t->entry[i], sizeof(u64), (void *)(*addr + i * 8));
    }
    return 0;
}
"""

_MAX_SYSCALLS = 1024
_HEADERS = ("/usr/include/x86_64-linux-gnu/asm/unistd_64.h", "/usr/include/asm/unistd_64.h",
            "/usr/include/aarch64-linux-gnu/asm/unistd.h", "/usr/include/asm-generic/unistd.h")


def _header_names():
    """{number: name} from the system's UAPI header, or {}."""
    for path in _HEADERS:
        try:
            with open(path) as f:
                text = f.read()
        except OSError:
            continue
        names = {}
        for m in re.finditer(r"^#define\s+__NR_(\w+)\s+(\d+)\s*$", text, re.M):
            names.setdefault(int(m.group(2)), m.group(1))
        if names:
            return names
    return {}


def _kallsyms():
    """(address of sys_call_table, size in bytes or None, {address: name})."""
    table_addr, addrs, sorted_addrs = None, {}, []
    with open("/proc/kallsyms") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            addr = int(parts[0], 16)
            if addr == 0:
                continue
            sorted_addrs.append(addr)
            name = parts[2]
            if name == "sys_call_table":
                table_addr = addr
            elif "sys_" in name:
                addrs.setdefault(addr, name)
    size = None
    if table_addr is not None:
        above = [a for a in sorted_addrs if a > table_addr]
        if above:
            size = min(above) - table_addr
    return table_addr, size, addrs


def _read_kernel_table(table_addr, count):
    """The first `count` entries of the table at table_addr, read by _PROGRAM in one of this
    process's own system calls. The core is used directly (not the BPF class, which sits above
    this package); the program stays in the object cache, as its inputs are map values."""
    compiled = core.compile(_PROGRAM, "syscall_table.c", [], 0)
    reader = core.json_loads(compiled.metadata)["programs"][0]["name"]
    program = core.Object(compiled.elf, compiled.metadata, False)
    config_fd = program.map_fd("tk_syscall_config")
    for index, value in enumerate((os.getpid(), table_addr, count)):
        core.map_update(config_fd, ct.c_uint32(index), 4, ct.c_uint64(value), 8, 0)
    link = core.attach_raw_tracepoint(program, reader, "sys_enter")
    try:
        os.getppid()  # any system call of ours runs the program
    finally:
        link.close()
    entries = (ct.c_uint64 * _MAX_SYSCALLS)()
    core.map_lookup(program.map_fd("table"), ct.c_uint32(0), 4, entries, ct.sizeof(entries))
    return list(entries)[:count]


def _kernel_entries():
    """{number: kernel function name} read from the running kernel's syscall table."""
    table_addr, size, names = _kallsyms()
    if table_addr is None:
        return {}
    count = min(_MAX_SYSCALLS, (size // 8) if size else 512)
    entries = _read_kernel_table(table_addr, count)
    out = {}
    for nr, addr in enumerate(entries):
        name = names.get(addr, "")
        m = re.match(r"^(?:__\w+?_)?sys_(\w+)$", name)
        if not m or m.group(1) == "ni_syscall":
            continue
        out[nr] = m.group(1)
    return out


def _load():
    global _table, source
    if _table is not None:
        return _table
    header = _header_names()
    try:
        kernel = _kernel_entries()
    except Exception:
        kernel = {}
    if kernel:
        table = {nr: (header.get(nr) or name).encode() for nr, name in kernel.items()}
        source = "kernel"
    else:
        table = {nr: name.encode() for nr, name in header.items()}
        source = "header"
    _table = dict(sorted(table.items()))
    return _table


def syscall_name(syscall_num):
    """The name (bytes) of system call `syscall_num`, or b"[unknown: N]"."""
    return _load().get(syscall_num, b"[unknown: %d]" % syscall_num)


def __getattr__(name):
    # `syscalls` ({number: name}) is read on first use: it loads a BPF program.
    if name == "syscalls":
        return _load()
    raise AttributeError(name)


def syscall_number(name):
    """The number of system call `name` (str or bytes) on this kernel, or None."""
    wanted = name.encode() if isinstance(name, str) else bytes(name)
    for nr, known in _load().items():
        if known == wanted:
            return nr
    return None
