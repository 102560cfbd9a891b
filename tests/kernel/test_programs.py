"""The program corpus (tests/programs/): every program compiles on this kernel, in the header
mode tracekit picks here (BTF on a kernel without headers, headers in the vmtest guest), and
every program of it loads through the verifier, unless this kernel cannot run that kind of
program at all (then the test skips, naming the missing feature).

Each file may start with directives in comments:
    // tk-cflags: -DFOO=1 -DBAR=2      compiler flags
    // tk-load: name=SOCK_OPS ...      program types where the program's kind does not say it
    // tk-needs: bpffs                 what the program needs beyond BPF itself
    // tk-after: maps/table_public.c   a corpus file to load first (it exports a table)

The summary (compiled / loaded / skipped per mode, and why) is printed at the end.
"""

import collections
import concurrent.futures
import json
import os
import subprocess
import tempfile

import pytest

from tracekit._native import core

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "programs")

# enum bpf_prog_type
PROG_TYPES = {
    "SOCKET_FILTER": 1, "KPROBE": 2, "SCHED_CLS": 3, "TRACEPOINT": 5, "XDP": 6, "PERF_EVENT": 7,
    "CGROUP_SKB": 8, "CGROUP_SOCK": 9, "SOCK_OPS": 13, "SK_SKB": 14, "SK_MSG": 16,
    "RAW_TRACEPOINT": 17, "TRACING": 26, "LSM": 29,
}
KIND_TYPES = {
    "kprobe": "KPROBE", "kretprobe": "KPROBE", "syscall": "KPROBE", "generic": "KPROBE",
    "uprobe": "KPROBE", "uretprobe": "KPROBE", "tracepoint": "TRACEPOINT",
    "raw_tracepoint": "RAW_TRACEPOINT", "perf_event": "PERF_EVENT", "xdp": "XDP",
    "socket_filter": "SOCKET_FILTER", "sched_cls": "SCHED_CLS", "sk_msg": "SK_MSG",
    "sk_skb": "SK_SKB", "sock_ops": "SOCK_OPS", "cgroup_skb": "CGROUP_SKB",
    "cgroup_sock": "CGROUP_SOCK", "kfunc": "TRACING", "kretfunc": "TRACING",
    "kmod_ret": "TRACING", "iter": "TRACING", "lsm": "LSM",
}
TRAMPOLINES = {"kfunc", "kretfunc", "kmod_ret", "lsm"}
BPFFS = "/sys/fs/bpf"


def corpus():
    found = []
    for dirpath, _, files in os.walk(CORPUS):
        for f in files:
            if f.endswith(".c"):
                found.append(os.path.relpath(os.path.join(dirpath, f), CORPUS))
    return sorted(found)


def directives(text):
    out = {"cflags": [], "load": {}, "needs": set(), "after": None}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("// tk-"):
            continue
        key, _, value = line[len("// tk-"):].partition(":")
        if key == "cflags":
            out["cflags"] += value.split()
        elif key == "load":
            for pair in value.split():
                name, _, ptype = pair.partition("=")
                out["load"][name] = ptype
        elif key == "needs":
            out["needs"] |= set(value.split())
        elif key == "after":
            out["after"] = value.strip()
    return out


PROGRAMS = corpus()
MODE = core.kernel_info()["header_mode"]
RESULTS = collections.defaultdict(collections.Counter)
SKIPS = collections.Counter()
_compiled = {}


@pytest.fixture(scope="module", autouse=True)
def fresh_cache():
    """Compiles for real (no objects from earlier runs), keeping this run's precompiled headers."""
    with tempfile.TemporaryDirectory(prefix="tk-programs-") as d:
        old = os.environ.get("TRACEKIT_CACHE_DIR")
        os.environ["TRACEKIT_CACHE_DIR"] = d
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("TRACEKIT_CACHE_DIR", None)
            else:
                os.environ["TRACEKIT_CACHE_DIR"] = old


@pytest.fixture(scope="module")
def compiled(fresh_cache):
    """Compiles the corpus two at a time (the guest's CPU is emulated; each compile is its own
    process, so two run in parallel)."""
    def one(rel):
        with open(os.path.join(CORPUS, rel)) as f:
            text = f.read()
        d = directives(text)
        try:
            return rel, d, core.compile(text, rel, d["cflags"], 0), None
        except Exception as e:  # reported by the test of that program
            return rel, d, None, e
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for rel, d, out, err in pool.map(one, PROGRAMS):
            _compiled[rel] = (d, out, err)
    return _compiled


_features = {}


def trampolines_supported():
    """Whether this kernel loads fentry programs (BPF trampolines): tried once, for real."""
    if "trampoline" not in _features:
        text = "KFUNC_PROBE(do_nanosleep) { return 0; }\n"
        try:
            c = core.compile(text, "probe_fentry.c", [], 0)
            core.Object(c.elf, c.metadata).program_fd("kfunc__vmlinux__do_nanosleep", PROG_TYPES["TRACING"])
            _features["trampoline"] = None
        except Exception as e:
            _features["trampoline"] = str(e).strip().splitlines()[-1]
    return _features["trampoline"]


def lsm_supported():
    """Tried for real (load + attach), cached per process: /sys/kernel/security/lsm may not be
    mounted where BPF LSM works (the vmtest guest)."""
    return core.capability("lsm")


def skip_reason(kind, needs):
    if kind in TRAMPOLINES:
        why = trampolines_supported()
        if why:
            return "this kernel cannot load BPF trampolines (fentry/fexit, " \
                   "CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS): %s" % why
        lsm, why, _feature = lsm_supported() if kind == "lsm" else (True, "", "")
        if not lsm:
            return "BPF LSM cannot be used here: %s" % why
    if "bpffs" in needs and not os.path.ismount(BPFFS):
        return "needs a BPF file system at %s" % BPFFS
    return None


@pytest.mark.parametrize("rel", PROGRAMS)
def test_program_compiles(rel, compiled):
    d, out, err = compiled[rel]
    assert err is None, "%s does not compile in %s mode:\n%s" % (rel, MODE, err)
    meta = json.loads(out.metadata)
    assert meta["header_mode"] == MODE
    assert meta["programs"], "%s: no BPF program found" % rel
    RESULTS[MODE]["compiled"] += 1


@pytest.mark.parametrize("rel", PROGRAMS)
def test_program_loads(rel, compiled):
    d, out, err = compiled[rel]
    if err is not None:
        pytest.fail("does not compile: %s" % err)
    meta = json.loads(out.metadata)
    reasons = [skip_reason(p["kind"], d["needs"]) for p in meta["programs"]]
    todo = [p for p, why in zip(meta["programs"], reasons) if not why]
    for p, why in zip(meta["programs"], reasons):
        if why:
            SKIPS[(p["kind"], why)] += 1
            RESULTS[MODE]["skipped"] += 1
    if not todo:
        pytest.skip("; ".join(sorted(set(filter(None, reasons)))))
    pins = [m["pinned"] for m in meta["maps"] if "pinned" in m]
    exporter = None
    try:
        if d["after"]:
            first = compiled[d["after"]][1]
            exporter = core.Object(first.elf, first.metadata)
        obj = core.Object(out.elf, out.metadata)
        for p in todo:
            ptype = d["load"].get(p["name"]) or KIND_TYPES.get(p["kind"], "KPROBE")
            fd = obj.program_fd(p["name"], PROG_TYPES[ptype])
            assert fd >= 0
            RESULTS[MODE]["loaded"] += 1
            # On kernels without kprobes, a kprobe-style program also has syscall tracepoint
            # twins (docs/decisions.md): they are what runs there, so they must load too.
            for twin in (p.get("sys_enter_variant"), p.get("sys_exit_variant")):
                if twin:
                    assert obj.program_fd(twin, PROG_TYPES["TRACEPOINT"]) >= 0
                    RESULTS[MODE]["twins"] += 1
        del obj, exporter
    finally:
        for pin in pins:  # programs of the corpus pin only what the test gives them
            if os.path.exists(pin):
                os.unlink(pin)
    assert not any(os.path.exists(p) for p in pins)


def test_pinned_tables_are_reused_across_objects():
    """BPF_TABLE_PINNED: the second object gets the first one's map, through the pin."""
    if not os.path.ismount(BPFFS):
        pytest.skip("needs a BPF file system at %s" % BPFFS)
    path = os.path.join(BPFFS, "tk_test_pinned_%d" % os.getpid())
    text = ('BPF_TABLE_PINNED("hash", u32, u64, pinned, 16, "%s");\n'
            'TRACEPOINT_PROBE(sched, sched_process_fork) { u32 k = 7; pinned.increment(k); return 0; }\n' % path)
    try:
        c = core.compile(text, "pinned.c", [], 0)
        first = core.Object(c.elf, c.metadata)
        assert os.path.exists(path)
        second = core.Object(c.elf, c.metadata)
        out = subprocess.run(["bpftool", "map", "show", "pinned", path], capture_output=True, text=True)
        map_id = out.stdout.split(":")[0]
        for o in (first, second):
            with open("/proc/self/fdinfo/%d" % o.map_fd("pinned")) as f:
                assert "map_id:\t%s\n" % map_id in f.read()
    finally:
        if os.path.exists(path):
            os.unlink(path)


def test_corpus_summary(capsys):
    """Prints what compiled and loaded in this mode (runs after the per-program tests)."""
    r = RESULTS[MODE]
    if not r:
        pytest.skip("the per-program tests did not run")
    with capsys.disabled():
        print("\ntests/programs on %s (%s mode): %d programs, %d compiled; %d BPF programs loaded "
              "(and %d syscall tracepoint twins), %d skipped" % (
                  core.kernel_info()["release"], MODE, len(PROGRAMS), r["compiled"], r["loaded"],
                  r["twins"], r["skipped"]))
        for (kind, reason), n in sorted(SKIPS.items()):
            print("  skipped %d %s: %s" % (n, kind, reason))
    assert r["compiled"] == len(PROGRAMS)
