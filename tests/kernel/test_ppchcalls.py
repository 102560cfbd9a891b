"""tracekit ppchcalls on a machine that is not a PowerPC pseries guest: one line naming what it
needs, exit 1, before any compile; its options are still checked (exit 2)."""

import platform

import pytest

from support.processes import run_tool, run_tool_uncompiled


@pytest.mark.skipif(platform.machine().startswith("ppc"), reason="a PowerPC machine: hcalls may exist")
@pytest.mark.parametrize("args", [[], ["-L", "-P", "-i", "1"], ["-l"]])
def test_explains_that_hcalls_need_powerpc(args, tmp_path):
    out, compiled = run_tool_uncompiled("ppchcalls", *args, cache_dir=tmp_path / "cache")
    assert out.returncode == 1 and out.stdout == b""
    assert out.stderr.decode().splitlines() == [
        "ppchcalls: needs a PowerPC pseries kernel (tracepoints powerpc:hcall_entry/hcall_exit, "
        "CONFIG_PPC_PSERIES); this machine is %s" % platform.machine()]
    assert not compiled  # it refused before compiling anything


@pytest.mark.parametrize("args", [["--hcall", 'H_ENTER"); x'], ["-e", "ENOTANERRNO"], ["-T", "0"], ["-p", "x"]])
def test_bad_values_are_usage_errors(args):
    out = run_tool("ppchcalls", *args)
    assert out.returncode == 2 and b"usage: ppchcalls" in out.stderr
