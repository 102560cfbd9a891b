"""Loading kernel modules in test environments without modprobe (the vmtest guest has no kmod:
modules are loaded with busybox insmod, dependencies first, from modules.dep)."""

import os
import platform
import shutil
import subprocess


def _module_dir():
    return "/lib/modules/%s" % platform.release()


def _loaded(name):
    return os.path.isdir("/sys/module/%s" % name.replace("-", "_"))


def _dependencies(path_in_dep):
    deps = {}
    with open(os.path.join(_module_dir(), "modules.dep")) as f:
        for line in f:
            target, _, rest = line.partition(":")
            deps[target] = rest.split()
    order = []

    def visit(p):
        for d in deps.get(p, []):
            visit(d)
        if p not in order:
            order.append(p)
    visit(path_in_dep)
    return order


def ensure_module(name):
    """Makes sure module `name` is loaded (or built in); returns a reason string on failure."""
    if _loaded(name):
        return None
    dep_file = os.path.join(_module_dir(), "modules.dep")
    if not os.path.exists(dep_file):
        return None  # a kernel without modules: built in, or the test will say what is missing
    with open(dep_file) as f:
        paths = [line.split(":")[0] for line in f if os.path.basename(line.split(":")[0]).split(".ko")[0] == name]
    if not paths:
        with open(os.path.join(_module_dir(), "modules.builtin")) as f:
            if any(os.path.basename(l.strip()).split(".ko")[0] == name for l in f):
                return None
        return "kernel module %s does not exist for %s" % (name, platform.release())
    insmod = [shutil.which("modprobe"), name] if shutil.which("modprobe") else None
    if insmod:
        r = subprocess.run(insmod, capture_output=True, text=True)
        return None if r.returncode == 0 or _loaded(name) else r.stderr.strip()
    for rel in _dependencies(paths[0]):
        mod = os.path.basename(rel).split(".ko")[0]
        if _loaded(mod):
            continue
        path = os.path.join(_module_dir(), rel)
        if not rel.endswith(".ko"):
            return "kernel module %s is compressed (%s) and there is no modprobe" % (mod, rel)
        r = subprocess.run(["busybox", "insmod", path], capture_output=True, text=True)
        if r.returncode != 0 and not _loaded(mod):
            return "insmod %s failed: %s" % (path, r.stderr.strip())
    return None
