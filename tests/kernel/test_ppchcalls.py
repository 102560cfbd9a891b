"""tracekit ppchcalls on a machine that is not a PowerPC pseries guest: one line naming what it
needs, exit 1, before any compile; its options are still checked (exit 2)."""

import platform
import resource

import pytest

from support.processes import run_tool


@pytest.mark.skipif(platform.machine().startswith("ppc"), reason="a PowerPC machine: hcalls may exist")
@pytest.mark.parametrize("args", [[], ["-L", "-P", "-i", "1"], ["-l"]])
def test_explains_that_hcalls_need_powerpc(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = run_tool("ppchcalls", *args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert out.returncode == 1 and out.stdout == b""
    assert out.stderr.decode().splitlines() == [
        "ppchcalls: needs a PowerPC pseries kernel (tracepoints powerpc:hcall_entry/hcall_exit, "
        "CONFIG_PPC_PSERIES); this machine is %s" % platform.machine()]
    assert (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime) < 0.5


@pytest.mark.parametrize("args", [["--hcall", 'H_ENTER"); x'], ["-e", "ENOTANERRNO"], ["-T", "0"], ["-p", "x"]])
def test_bad_values_are_usage_errors(args):
    out = run_tool("ppchcalls", *args)
    assert out.returncode == 2 and b"usage: ppchcalls" in out.stderr
