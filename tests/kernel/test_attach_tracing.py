"""fentry, fexit, fmod_ret and LSM programs (BPF trampolines).

The runtime is tested on its own with programs built by clang from
tests/fixtures/tracing_progs.bpf.c and loaded with hand-written metadata, so these tests do
not depend on the compiler's KFUNC_PROBE/LSM_PROBE support. Where the kernel cannot build
trampolines (this host) attaching must fail with NotSupportedError naming the feature; where
it can (the vmtest guest) each kind must see exactly the workload."""

import ctypes as ct
import errno
import json
import os
import shutil
import subprocess
import time

import pytest

from tracekit import BPF, NotSupportedError
from tracekit._native import core

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures")
CLANG = shutil.which("clang-16") or shutil.which("clang")

PROGRAMS = [  # (name, metadata kind, section)
    ("on_nanosleep_entry", "kfunc", "fentry/do_nanosleep"),
    ("on_nanosleep_exit", "kretfunc", "fexit/do_nanosleep"),
    ("fail_getpgid", "kmod_ret", "fmod_ret/security_task_getpgid"),
    ("on_file_open", "lsm", "lsm/file_open"),
]


def metadata():
    u32 = {"kind": "int", "size": 4, "signed": False}
    u64 = {"kind": "int", "size": 8, "signed": False}
    maps = [{"name": n, "type": "array", "map_type": 2, "key": u32, "leaf": u64, "max_entries": m, "flags": 0}
            for n, m in (("counts", 4), ("config", 1))]
    programs = [{"name": n, "kind": k, "target": s.split("/", 1)[1], "ctx": "", "section": s} for n, k, s in PROGRAMS]
    return json.dumps({"version": 1, "header_mode": "headers", "maps": maps, "programs": programs, "events": {}})


@pytest.fixture(scope="module")
def elf(tmp_path_factory):
    if CLANG is None:
        pytest.skip("clang is not installed (needed to build the trampoline test programs)")
    out = tmp_path_factory.mktemp("tracing") / "tracing_progs.o"
    subprocess.run([CLANG, "-target", "bpf", "-O2", "-g", "-I/usr/include/x86_64-linux-gnu", "-c",
                    os.path.join(FIXTURES, "tracing_progs.bpf.c"), "-o", str(out)], check=True)
    return out.read_bytes()


@pytest.fixture
def loaded(elf):
    obj = core.Object(elf, metadata())
    key, pid = ct.c_uint32(0), ct.c_uint64(os.getpid())
    core.map_update(obj.map_fd("config"), key, 4, pid, 8, 0)
    yield obj


def count(obj, slot):
    value = ct.c_uint64()
    core.map_lookup(obj.map_fd("counts"), ct.c_uint32(slot), 4, value, 8)
    return value.value


def attach_or_not_supported(obj, name, feature):
    """The Link where the kernel supports `feature`; else checks the error and skips."""
    supported, detail, _ = core.capability(feature)
    if supported:
        return core.attach_tracing(obj, name)
    with pytest.raises(NotSupportedError) as e:
        core.attach_tracing(obj, name)
    assert e.value.feature == core.capability(feature)[2]
    assert detail in str(e.value)
    assert name in str(e.value)
    pytest.skip("kernel cannot: %s" % e.value)


def test_fentry_and_fexit_see_each_nanosleep(loaded):
    entry = attach_or_not_supported(loaded, "on_nanosleep_entry", "fentry")
    exit_ = core.attach_tracing(loaded, "on_nanosleep_exit")
    assert entry.description == "fentry 'do_nanosleep'" and exit_.description == "fexit 'do_nanosleep'"
    for _ in range(5):
        time.sleep(0.001)
    assert (count(loaded, 0), count(loaded, 1)) == (5, 5)
    entry.close()
    exit_.close()
    time.sleep(0.001)
    assert count(loaded, 0) == 5


def test_fmod_ret_changes_the_return_value_only_while_attached(loaded):
    link = attach_or_not_supported(loaded, "fail_getpgid", "fentry")
    # getpgid(0) skips the security hook; getpgid(own pid) goes through it.
    with pytest.raises(OSError) as e:
        os.getpgid(os.getpid())
    assert e.value.errno == errno.ESRCH
    assert count(loaded, 2) == 1
    link.close()
    assert os.getpgid(os.getpid()) == os.getpgid(0)  # works again


def test_lsm_hook_sees_file_opens(loaded):
    link = attach_or_not_supported(loaded, "on_file_open", "lsm")
    for _ in range(3):
        with open("/etc/hostname"):
            pass
    assert count(loaded, 3) >= 3
    link.close()


def test_support_kfunc_and_lsm_agree_with_the_capability_probe():
    assert BPF.support_kfunc() == core.capability("fentry")[0]
    assert BPF.support_lsm() == core.capability("lsm")[0]


def test_trampoline_attach_of_a_kprobe_program_is_refused():
    with BPF(text="int plain(struct pt_regs *ctx) { return 0; }") as b:
        with pytest.raises(ValueError, match="not kfunc"):
            b.attach_kfunc(fn_name="plain")
