"""USDT probes of a C program built here with <sys/sdt.h> (tests/fixtures/usdt_target.c), traced
by pid and by path, with every argument form the compiler produces (registers of each width,
stack memory, constants, a RIP-relative global, a hand-written base+index*scale operand), a
probe behind a semaphore (counted by the kernel, or raised through /proc/PID/mem) and a probe
in a shared library. Every value is checked against what the program passed."""

import os
import subprocess
import sys

import pytest

from tracekit import BPF, NotFoundError, NotSupportedError
from tracekit.usdt import USDT
from tracekit._native import core
from support import build
from support.build import Target

_why = build.sdt_header_missing() or (None if core.capability("attach_cookie")[0]
                                      else "no bpf_get_attach_cookie(): " + core.capability("attach_cookie")[1])
pytestmark = pytest.mark.skipif(_why is not None, reason=str(_why))

HEAD = r"""
struct basic_event { u32 pid; int i; long big; int constant; short s; unsigned char c; char word[16]; };
BPF_PERF_OUTPUT(basic_events);
BPF_HASH(values, u64, long);   /* (probe << 32 | value) -> count */

static __always_inline void seen(u64 probe, long value) {
    u64 key = (probe << 32) | (u32)value;
    values.increment(key);
}
"""
# A function that calls bpf_usdt_readarg() must have a probe enabled for it (as in BCC, whose
# readers are generated per enabled probe), so each test's program holds only its handlers.
HANDLERS = {
    "on_basic": r"""
int on_basic(struct pt_regs *ctx) {
    struct basic_event e = {};
    e.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_usdt_readarg(1, ctx, &e.i);
    bpf_usdt_readarg(2, ctx, &e.big);
    bpf_usdt_readarg_p(3, ctx, e.word, sizeof(e.word));
    bpf_usdt_readarg(4, ctx, &e.constant);
    bpf_usdt_readarg(5, ctx, &e.s);
    bpf_usdt_readarg(6, ctx, &e.c);
    basic_events.perf_submit(ctx, &e, sizeof(e));
    return 0;
}
""",
    "on_sema": "int on_sema(struct pt_regs *ctx) { long v = 0; bpf_usdt_readarg(1, ctx, &v); seen(1, v); return 0; }\n",
    "on_global": "int on_global(struct pt_regs *ctx) { long v = 0; bpf_usdt_readarg(1, ctx, &v); seen(2, v); return 0; }\n",
    "on_indexed": "int on_indexed(struct pt_regs *ctx) { long v = 0; bpf_usdt_readarg(1, ctx, &v); seen(3, v); return 0; }\n",
    "on_lib": "int on_lib(struct pt_regs *ctx) { long v = 0; bpf_usdt_readarg(1, ctx, &v); seen(4, v); return 0; }\n",
}


def program(*handlers):
    return HEAD + "".join(HANDLERS[h] for h in handlers)


PROBES = [("tk:basic", "on_basic"), ("sema", "on_sema"), ("global", "on_global"), ("indexed", "on_indexed")]
ALL = [fn for _probe, fn in PROBES]


def enable_all(u, with_library=True):
    for probe, fn in PROBES:
        u.enable_probe(probe=probe, fn_name=fn)
    if with_library:
        u.enable_probe(probe="tk:lib", fn_name="on_lib")


def collect(b, fire):
    """Runs fire(), then returns (basic events, {probe: {value: count}})."""
    events = []

    def on_event(cpu, data, size):
        e = b["basic_events"].event(data)  # valid only during the callback: copy what we keep
        events.append(type("Event", (), {f: getattr(e, f) for f in ("pid", "i", "big", "word", "constant", "s", "c")}))
    b["basic_events"].open_perf_buffer(on_event)
    answer = fire()
    b.perf_buffer_poll(timeout=2000)
    seen = {}
    for k, v in b["values"].items():
        seen.setdefault(k.value >> 32, {})[k.value & 0xffffffff] = v.value
    return answer, events, seen


def tk_array_value(i):
    """tk_array[k] = 100*i + k; the indexed probe reads tk_array[i % 7 + 1]."""
    return 100 * i + (i % 7) + 1


def check_basic(events, n, pid):
    basic = sorted(((e.i, e.big, e.word, e.constant, e.s, e.c) for e in events if e.pid == pid))
    assert basic == [(i, 1000000000000 + i, b"word-%d" % i, -7, -100 - i, 200 + i) for i in range(n)]


def check_values(seen, n, times=1, with_library=True):
    assert seen.get(1) == {3 * i: times for i in range(n)}            # semaphore-guarded probe
    assert seen.get(2) == {40 + i: times for i in range(n)}           # RIP-relative global
    assert seen.get(3) == {tk_array_value(i): times for i in range(n)}  # base + index*8 + 8
    if with_library:
        assert seen.get(4) == {500 + i: times for i in range(n)}      # in libtkusdt.so
    else:
        assert 4 not in seen


@pytest.mark.parametrize("optimise", [True, False], ids=["O2-registers", "O0-stack-memory"])
def test_usdt_by_pid_reads_every_argument_form(optimise):
    exe = build.usdt_target(optimise=optimise)
    with Target([exe]) as target:
        u = USDT(pid=target.pid)
        enable_all(u)
        with BPF(text=program(*ALL, "on_lib"), usdt_contexts=[u]) as b:
            assert b.num_open_uprobes() == 5
            answer, events, seen = collect(b, lambda: target.command("go 3"))
        assert answer == "done 3 sema=1"  # the semaphore was raised while traced
        check_basic(events, 3, target.pid)
        check_values(seen, 3)
        assert target.command("go 1") == "done 1 sema=0"  # and lowered after


def test_usdt_by_path_traces_processes_started_later():
    exe = build.usdt_target(optimise=True)
    u = USDT(path=exe)
    enable_all(u, with_library=False)
    with BPF(text=program(*ALL), usdt_contexts=[u]) as b:
        with Target([exe]) as first, Target([exe]) as second:
            answer, events, seen = collect(b, lambda: (first.command("go 2"), second.command("go 2")))
        assert answer == ("done 2 sema=1", "done 2 sema=1")
        assert sorted({e.pid for e in events}) == sorted([first.pid, second.pid])
        for target in (first, second):
            check_basic(events, 2, target.pid)
        check_values(seen, 2, times=2, with_library=False)


def test_usdt_probe_in_a_shared_library_by_path():
    exe = build.usdt_target(optimise=True)
    u = USDT(path=build.usdt_library())
    u.enable_probe(probe="lib", fn_name="on_lib")
    with BPF(text=program("on_lib"), usdt_contexts=[u]) as b, Target([exe]) as target:
        target.command("go 4")
        seen = {k.value & 0xffffffff: v.value for k, v in b["values"].items() if k.value >> 32 == 4}
    assert seen == {500 + i: 1 for i in range(4)}


def test_semaphore_through_proc_mem_where_the_kernel_does_not_count(monkeypatch):
    monkeypatch.setenv("TRACEKIT_USDT_SEMAPHORE", "procmem")
    exe = build.usdt_target(optimise=False, with_library=False)
    with Target([exe]) as target:
        u = USDT(pid=target.pid)
        u.enable_probe(probe="sema", fn_name="on_sema")
        with BPF(text=program("on_sema"), usdt_contexts=[u]) as b:
            assert any("via /proc/%d/mem" % target.pid in d for d in b.attachments())
            assert target.command("go 2") == "done 2 sema=1"
            seen = {k.value & 0xffffffff: v.value for k, v in b["values"].items()}
        assert seen == {0: 1, 3: 1}
        assert target.command("go 1") == "done 1 sema=0"


def test_semaphore_by_path_without_kernel_counting_is_refused(monkeypatch):
    monkeypatch.setenv("TRACEKIT_USDT_SEMAPHORE", "procmem")
    u = USDT(path=build.usdt_target(optimise=True, with_library=False))
    u.enable_probe(probe="sema", fn_name="on_sema")
    with pytest.raises(NotSupportedError, match="ref_ctr_offset") as e:
        BPF(text=program("on_sema"), usdt_contexts=[u])
    assert "tk:sema" in str(e.value)


def test_usdt_in_another_mount_namespace(tmp_path):
    exe = build.usdt_target(optimise=True, with_library=False)
    mountpoint = tmp_path / "private"
    mountpoint.mkdir()
    with Target(build.in_private_mount_namespace(exe, str(mountpoint))) as target:
        assert not (mountpoint / os.path.basename(exe)).exists()  # only the target sees it
        u = USDT(pid=target.pid)
        paths = {p.bin_path for p in u.enumerate_probes()}
        # /proc/PID/root/<path>, or /proc/PID/map_files/<range> where even that cannot show it
        assert [p for p in paths if os.path.samefile(p, "/proc/%d/exe" % target.pid)]
        assert all(p.startswith("/proc/%d/" % target.pid) for p in paths)
        u.enable_probe(probe="global", fn_name="on_global")
        with BPF(text=program("on_global"), usdt_contexts=[u]) as b:
            target.command("go 2")
            seen = {k.value & 0xffffffff: v.value for k, v in b["values"].items()}
    assert seen == {40: 1, 41: 1}


def test_enumerate_ctypes_and_text():
    exe = build.usdt_target(optimise=True)
    u = USDT(path=exe)
    probes = {p.full_name(): p for p in u.enumerate_probes()}
    assert set(probes) == {"tk:basic", "tk:sema", "tk:global", "tk:indexed"}
    assert probes["tk:basic"].num_arguments == 6 and probes["tk:basic"].num_locations == 1
    assert probes["tk:sema"].semaphore != 0 and probes["tk:basic"].semaphore == 0
    assert [u.get_probe_arg_ctype("basic", i) for i in range(6)] == \
        ["int32_t", "int64_t", "uint64_t", "int32_t", "int16_t", "uint8_t"]
    u.enable_probe(probe="tk:basic", fn_name="on_basic")
    text = u.get_text()
    assert "#define bpf_usdt_readarg(" in text and "#define bpf_usdt_readarg_p(" in text
    active = u.enumerate_active_probes()
    assert [(path, fn) for path, fn, _addr, _pid in active] == [(exe.encode(), b"on_basic")]


def test_missing_probe_is_named_with_where_it_was_looked_for():
    exe = build.usdt_target(optimise=True, with_library=False)
    with Target([exe]) as target:
        u = USDT(pid=target.pid)
        with pytest.raises(NotFoundError) as e:
            u.enable_probe(probe="no_such_probe", fn_name="on_basic")
        assert "no_such_probe" in str(e.value) and "process %d" % target.pid in str(e.value)
        code = ("import sys; sys.path[:0] = %r\nfrom tracekit.usdt import USDT\n"
                "USDT(pid=%d).enable_probe_or_bail('no_such_probe', 'f')\n" % (sys.path[:3], target.pid))
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert r.returncode == 1 and "no_such_probe" in r.stderr


def test_tplist_lists_usdt_probes_and_tracepoints():
    exe = build.usdt_target(optimise=True)
    tracekit = [sys.executable, "-c", "import sys; from tracekit.cli import main; sys.exit(main(sys.argv[1:]))"]
    with Target([exe]) as target:
        out = subprocess.run(tracekit + ["tplist", "-p", str(target.pid)], capture_output=True, text=True).stdout
    assert "%s tk:basic" % exe in out and "%s tk:lib" % build.usdt_library() in out
    out = subprocess.run(tracekit + ["tplist", "-l", exe, "-vv", "*basic"], capture_output=True, text=True).stdout
    assert out.splitlines()[0] == "%s tk:basic [sema 0x0]" % exe
    assert "argument #3 uint64_t" in out
    out = subprocess.run(tracekit + ["tplist", "syscalls:sys_enter_openat"], capture_output=True, text=True).stdout
    assert out.split() == ["syscalls:sys_enter_openat"]
