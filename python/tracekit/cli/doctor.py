"""`tracekit doctor`: the kernel's tracing capabilities, found by trying them (a kernel may list
a function and still refuse to probe it), and the header mode and attach paths tracekit will
use on it. `tracekit reset-trace`: removes what killed tracekit processes left in tracefs."""

import argparse
import sys

from .._native import core


def _row(name, value):
    print("%-18s %s" % (name, value))


def _capability(name):
    supported, detail, feature = core.capability(name)
    return ("yes: " if supported else "no: ") + detail


def _tracepoints():
    try:
        root = core.tracefs_root()
    except Exception as e:  # noqa: BLE001 - report, do not fail
        return "no: %s" % e
    ok = core.tracepoint_exists("sched", "sched_switch")
    return ("yes: tracefs at %s" % root) if ok else "no: tracefs at %s has no events" % root


def _kprobe_path(info, kprobes):
    if kprobes[0]:
        if info["kprobe_pmu"]:
            return "perf PMU (fd-based; tracefs kprobe_events for kretprobes with maxactive)"
        return "tracefs kprobe_events (named tracekit/*, removed on exit; `tracekit reset-trace` after SIGKILL)"
    return ("syscall entry points only, through syscalls:sys_enter_*/sys_exit_* tracepoints "
            "(the program's tracepoint twin); other kprobes fail naming CONFIG_KPROBES")


def main(argv=None):
    argparse.ArgumentParser(prog="tracekit doctor", description=__doc__.split("\n")[0]).parse_args(argv)
    info = core.kernel_info()
    _row("kernel", info["release"])
    _row("BTF", info["btf_path"] or "no (CONFIG_DEBUG_INFO_BTF)")
    _row("kernel headers", info["headers_build"] or "no (/lib/modules/%s/build)" % info["release"])
    _row("header mode", "%s: %s" % (info["header_mode"], info["header_mode_reason"]))
    _row("tracepoints", _tracepoints())
    kprobes = core.capability("kprobes")
    _row("kprobes", _capability("kprobes"))
    _row("uprobes", _capability("uprobes"))
    _row("raw tracepoints", _capability("raw_tracepoints"))
    _row("fentry/fexit", _capability("fentry"))
    _row("LSM programs", _capability("lsm"))
    _row("ring buffer", _capability("ringbuf"))
    _row("batch map ops", _capability("batch_map_ops"))
    _row("perf PMU (HW)", _capability("perf_hardware"))
    _row("attach cookies", _capability("attach_cookie"))
    _row("XDP links", _capability("xdp_link"))
    _row("tcx links", _capability("tcx_link"))
    print()
    print("attach paths")
    _row("  kprobes via", _kprobe_path(info, kprobes))
    _row("  uprobes via", "perf PMU (fd-based)" if info["uprobe_pmu"] else "tracefs uprobe_events")
    _row("  USDT via", "uprobes with a cookie per argument layout; semaphores counted by the kernel"
         if core.capability("attach_cookie")[0] else "not available (needs bpf_get_attach_cookie, Linux 5.15)")
    _row("  XDP via", "BPF link (detached when tracekit exits)" if core.capability("xdp_link")[0] else "netlink")
    _row("  tc via", "tcx link" if core.capability("tcx_link")[0] else "clsact filter over netlink, removed on exit")
    _row("  perf events via", "hardware counters" if core.capability("perf_hardware")[0]
         else "software cpu-clock in place of hardware events")
    order = ["tracepoints"] + (["fentry"] if core.capability("fentry")[0] else []) + \
            (["kprobes"] if kprobes[0] else [])
    _row("  tools prefer", " > ".join(order))
    _row("syscall prefix", info["syscall_prefix"])
    _row("object cache", core.cache_dir() or "off")
    return 0


def reset_trace(argv=None):
    parser = argparse.ArgumentParser(
        prog="tracekit reset-trace",
        description="Remove the tracefs kprobe/uprobe events (group %s) that tracekit processes "
                    "killed by SIGKILL left behind. Events of running tracekit processes stay, "
                    "unless --all." % core.probe_event_group())
    parser.add_argument("--all", action="store_true", help="also remove the events of running tracekit processes")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    try:
        removed = core.remove_stale_probe_events(args.all)
    except Exception as e:  # noqa: BLE001 - report, exit non-zero
        sys.stderr.write("reset-trace: %s\n" % e)
        return 1
    if not args.quiet:
        for name in removed:
            print("removed %s" % name)
        print("%d tracefs event(s) removed" % len(removed))
    return 0
