"""`tracekit doctor`: the kernel's tracing capabilities, found by looking, and the header
mode and attach paths tracekit will use on it."""

from ._native import core


def main(argv=None):
    info = core.kernel_info()
    try:
        tracefs = core.tracefs_root()
    except Exception as e:  # noqa: BLE001 - report, do not fail
        tracefs = "unavailable (%s)" % e
    print("kernel           %s" % info["release"])
    print("BTF              %s" % (info["btf_path"] or "no (CONFIG_DEBUG_INFO_BTF)"))
    print("kernel headers   %s" % (info["headers_build"] or "no (/lib/modules/%s/build)" % info["release"]))
    print("header mode      %s: %s" % (info["header_mode"], info["header_mode_reason"]))
    print("tracefs          %s" % tracefs)
    print("kprobes          %s" % ("perf PMU" if info["kprobe_pmu"] else
                                   "tracefs kprobe_events" if info["kprobe_events"] else
                                   "no (CONFIG_KPROBES): syscall kprobes use syscall tracepoints"))
    print("uprobes          %s" % ("perf PMU" if info["uprobe_pmu"] else "no (CONFIG_UPROBES)"))
    print("syscall prefix   %s" % info["syscall_prefix"])
    print("object cache     %s" % (core.cache_dir() or "off"))
    return 0
