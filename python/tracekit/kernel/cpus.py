"""The CPUs the kernel knows: online now, and possible (what per-CPU maps are sized by)."""


def _read_cpu_range(path):
    cpus = []
    with open(path) as f:
        for part in f.read().strip().split(","):
            if "-" in part:
                lo, hi = part.split("-")
                cpus.extend(range(int(lo), int(hi) + 1))
            elif part:
                cpus.append(int(part))
    return cpus


def get_online_cpus():
    return _read_cpu_range("/sys/devices/system/cpu/online")


def get_possible_cpus():
    return _read_cpu_range("/sys/devices/system/cpu/possible")
