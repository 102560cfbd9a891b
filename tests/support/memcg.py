"""A memory cgroup for tests that need memory pressure (an OOM kill, reclaim) to stay inside
a limit: cgroup v1's memory controller where it is mounted (this host), else cgroup v2 (the
vmtest guest). The group is made below the test's own memory cgroup on v1, so it stays within
whatever limits the test already runs under; on v2, below the root."""

import os
import random
import time

V1_ROOT = "/sys/fs/cgroup/memory"


def _v2_root():
    with open("/proc/mounts") as f:
        for line in f:
            fields = line.split()
            if fields[2] == "cgroup2":
                return fields[1]
    return None


def unavailable():
    """Why no memory cgroup can be made here, or None."""
    if os.path.exists(os.path.join(V1_ROOT, "memory.limit_in_bytes")):
        return None
    root = _v2_root()
    if root is None:
        return "no memory cgroup controller (cgroup v1 memory or cgroup v2) is mounted"
    with open(os.path.join(root, "cgroup.controllers")) as f:
        if "memory" not in f.read().split():
            return "cgroup v2 at %s has no memory controller" % root
    return None


def _own_v1_path():
    with open("/proc/self/cgroup") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if "memory" in controllers.split(","):
                return path
    return "/"


class MemoryCgroup:
    """A memory cgroup limited to `limit` bytes, without swap unless `swap`; removed on exit
    (after the processes in it have gone)."""

    def __init__(self, limit, tag="tk", swap=False):
        name = "%s-%d-%x" % (tag, os.getpid(), random.randrange(1 << 32))
        if os.path.exists(os.path.join(V1_ROOT, "memory.limit_in_bytes")):
            self.v2 = False
            self.path = os.path.join(V1_ROOT + _own_v1_path(), name)
            os.mkdir(self.path)
            self._write("memory.limit_in_bytes", limit)
            if not swap and os.path.exists(os.path.join(self.path, "memory.memsw.limit_in_bytes")):
                self._write("memory.memsw.limit_in_bytes", limit)
        else:
            self.v2 = True
            root = _v2_root()
            with open(os.path.join(root, "cgroup.subtree_control"), "w") as f:
                f.write("+memory")
            self.path = os.path.join(root, name)
            os.mkdir(self.path)
            self._write("memory.max", limit)
            if not swap and os.path.exists(os.path.join(self.path, "memory.swap.max")):
                self._write("memory.swap.max", 0)

    def _write(self, name, value):
        with open(os.path.join(self.path, name), "w") as f:
            f.write(str(value))

    def add(self, pid):
        self._write("cgroup.procs", pid)

    def remove(self):
        deadline = time.time() + 10
        while True:
            try:
                os.rmdir(self.path)
                return
            except FileNotFoundError:
                return
            except OSError:  # EBUSY: a process in it is still exiting
                if time.time() > deadline:
                    raise
                time.sleep(0.05)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()
