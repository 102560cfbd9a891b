"""Database servers for dbslower, dbstat and mysqld_qslower: finding them and choosing how to
time their queries (tools/bpf/dbslower.bpf.c).

    servers = databases.find("postgres", pids)       # [Server(pid, exe)]
    plan = databases.plan("mysql", servers, exe=None)
    bpf = run.load(__file__, args, plan.defines, source_name="dbslower",
                   usdt_contexts=plan.contexts, usdt_ignore_pid=plan.all_processes,
                   attach=plan.attach)

A server built with USDT probes (PostgreSQL from Debian; MySQL built with -DENABLE_DTRACE=1)
is traced through query__start/query__done. A MySQL or MariaDB server without them (Debian's
MariaDB) is traced with uprobes on its dispatch_command() function, BCC's -x way, chosen by
itself here when the server has no probes.

PostgreSQL serves each connection from a process it forks then: without -p the probes are
attached to the server's binary for every process, so connections opened after the tool
started are traced too; with -p only the processes named.
"""

import os

from ..symbols import binaries

ENGINES = ("mysql", "postgres")
SERVER_NAMES = {"mysql": ("mysqld", "mariadbd"), "postgres": ("postgres",)}
DISPATCH_COMMAND = r"\w+dispatch_command\w+"


class NoServer(Exception):
    """Nothing to trace; str() says why in one line."""


class Server:
    def __init__(self, pid, exe):
        self.pid = pid
        self.exe = exe


def find(engine, pids=None):
    """The servers to trace: the processes `pids`, else every process named like the engine's
    server (BCC: `pidof mysqld` / `pidof postgres`)."""
    servers = []
    if pids:
        for pid in pids:
            try:
                servers.append(Server(pid, os.readlink("/proc/%d/exe" % pid)))
            except FileNotFoundError:
                raise NoServer("process %d does not exist" % pid) from None
            except OSError as e:
                raise NoServer("cannot inspect process %d: %s" % (pid, e.strerror)) from None
        return servers
    names = SERVER_NAMES[engine]
    for entry in sorted(os.listdir("/proc"), key=lambda e: int(e) if e.isdigit() else 0):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/comm" % entry) as f:
                comm = f.read().strip()
            if comm in names:
                servers.append(Server(int(entry), os.readlink("/proc/%s/exe" % entry)))
        except OSError:
            continue
    if not servers:
        raise NoServer("no %s server is running (looked for processes named %s); use -p PID"
                       % (engine, " or ".join(names)))
    return servers


class Plan:
    """How to trace: `defines` and `contexts` for run.load, `attach` for the uprobe way,
    `how` in words for the banner and --verbose."""

    def __init__(self):
        self.defines = {}
        self.contexts = []
        self.all_processes = False
        self.attach = None
        self.how = ""


def _has_query_probes(path):
    from .. import USDT
    try:
        names = {p.name.decode() for p in USDT(path=path).enumerate_probes()}
    except Exception:  # noqa: BLE001 - not an ELF file or unreadable: no probes
        return False
    return {"query__start", "query__done"} <= names


def _dispatch_command(path):
    from .. import BPF
    found = BPF.get_user_functions_and_addresses(path, DISPATCH_COMMAND)
    return found[0][0] if found else None


def plan(engine, servers=(), exe=None, by_pid=False):
    """A Plan for `servers` (Server list), or for the binary `exe` (-x: uprobes on every
    process running it). by_pid: attach to those processes only (-p)."""
    p = Plan()
    if exe:
        return _uprobe_plan(p, engine, exe, None)
    paths = sorted({binaries.host_path(s.pid, s.exe) for s in servers})
    if all(_has_query_probes(path) for path in paths):
        from .. import USDT
        if by_pid:
            for server in servers:
                usdt = USDT(pid=server.pid)
                usdt.enable_probe(probe="query__start", fn_name="query_start")
                usdt.enable_probe(probe="query__done", fn_name="query_end")
                p.contexts.append(usdt)
        else:
            for path in paths:
                usdt = USDT(path=path)
                usdt.enable_probe(probe="query__start", fn_name="query_start")
                usdt.enable_probe(probe="query__done", fn_name="query_end")
                p.contexts.append(usdt)
            p.all_processes = True
        p.how = "USDT probes query__start/query__done"
        return p
    if engine == "postgres":
        raise NoServer("%s has no USDT probes query__start/query__done: PostgreSQL is traced only "
                       "through them (build it with --enable-dtrace)" % ", ".join(paths))
    if len(paths) > 1:
        raise NoServer("the servers run different binaries (%s): trace one with -x PATH" % ", ".join(paths))
    return _uprobe_plan(p, engine, paths[0], [s.pid for s in servers] if by_pid else None)


def _uprobe_plan(p, engine, path, pids):
    if engine != "mysql":
        raise NoServer("-x (uprobes on a server binary) works for MySQL only; "
                       "PostgreSQL is traced through its USDT probes")
    symbol = _dispatch_command(path)
    if symbol is None:
        raise NoServer("%s has neither the USDT probes query__start/query__done (MySQL's "
                       "-DENABLE_DTRACE=1) nor a dispatch_command() function to put uprobes on" % path)
    if b"COM_DATA" in symbol:
        raise NoServer("%s: dispatch_command() takes a COM_DATA (MySQL 5.7 and later), whose query "
                       "this tool does not read; use a server built with -DENABLE_DTRACE=1" % path)

    def attach(bpf):
        for pid in pids or [-1]:
            bpf.attach_uprobe(name=path, sym=symbol, fn_name="query_start", pid=pid)
            bpf.attach_uretprobe(name=path, sym=symbol, fn_name="query_end", pid=pid)

    p.defines["DISPATCH_COMMAND"] = 1
    p.attach = attach
    p.how = "uprobes on %s:dispatch_command (no USDT probes in this server)" % os.path.basename(path)
    return p
