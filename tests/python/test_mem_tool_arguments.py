"""The memory, lock, process and security tools: bad values are argparse errors (exit 2)
before any BPF is compiled; nothing typed reaches C."""

import pytest

from test_tool_arguments import assert_usage_error
from support.processes import run_tool

WITH_PID = ["sigsnoop", "setuids", "shmsnoop", "klockstat", "capable", "drsnoop", "compactsnoop", "slabratetop",
            "kvmexit", "swapin", "memleak"]
WITH_INTERVAL = ["memleak", "swapin", "numamove", "slabratetop", "kvmexit"]
BAD_PIDS = ["notanumber", "1; } int evil() {", "-5", "12\"); system(\"x"]


@pytest.mark.parametrize("tool", WITH_PID)
@pytest.mark.parametrize("bad", BAD_PIDS)
def test_pid_must_be_a_number(tool, bad):
    assert_usage_error(run_tool(tool, "-p", bad), tool)


@pytest.mark.parametrize("bad", BAD_PIDS)
def test_deadlock_pid_must_be_a_number(bad):
    assert_usage_error(run_tool("deadlock", bad), "deadlock")


@pytest.mark.parametrize("tool", WITH_INTERVAL)
def test_interval_must_be_positive(tool):
    assert_usage_error(run_tool(tool, "0"), tool)
    assert_usage_error(run_tool(tool, "-1"), tool)
    assert_usage_error(run_tool(tool, "x"), tool)


@pytest.mark.parametrize("tool,args", [
    ("sigsnoop", ["-s", "SIGNOTHING"]),
    ("sigsnoop", ["-s", "99"]),
    ("shmsnoop", ["-d", "-1"]),
    ("shmsnoop", ["-t", "x"]),
    ("klockstat", ["-S", "acq_nothing"]),
    ("klockstat", ["-d", "1", "-i", "1"]),
    ("klockstat", ["-n", "0"]),
    ("deadlock", ["1", "--lock-symbols", "lock;system"]),
    ("deadlock", ["1", "-t", "0"]),
    ("capable", ["-K", "-x", "--unique", "-p", "1.5"]),
    ("drsnoop", ["-u", "root"]),
    ("drsnoop", ["-d", "0"]),
    ("compactsnoop", ["-d", "x"]),
    ("kvmexit", ["-T", "1,x"]),
    ("kvmexit", ["-v", "0"]),
    ("kvmexit", ["-t", "1", "-a"]),
    ("memleak", ["-z", "100", "-Z", "10"]),
    ("memleak", ["-s", "0"]),
    ("memleak", ["-c", "'unclosed"]),
    ("slabratetop", ["-s", "cache"]),
    ("bpflist", ["-x"]),
    ("setuids", ["-t", "1"]),
])
def test_typed_options(tool, args):
    assert_usage_error(run_tool(tool, *args), tool)


@pytest.mark.parametrize("tool,define", [
    ("sigsnoop", "#define FILTER_SIGNAL 10"),
    ("klockstat", "#define FILTER_TID 7"),
    ("memleak", "#define MIN_SIZE 64"),
])
def test_ebpf_prints_typed_defines(tool, define):
    args = {"sigsnoop": ["-s", "USR1"], "klockstat": ["-t", "7"], "memleak": ["-z", "64"]}[tool]
    out = run_tool(tool, "--ebpf", *args)
    assert out.returncode == 0 and define.encode() in out.stdout
