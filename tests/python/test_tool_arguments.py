"""Every tool: bad arguments give an argparse error and exit 2 before any BPF is compiled;
--help has examples; --ebpf prints the program with its typed defines."""

import os

import pytest

from support.processes import TOOLS, run_tool

ALL_TOOLS = sorted(t for t in os.listdir(TOOLS)
                   if "." not in t and os.access(os.path.join(TOOLS, t), os.X_OK) and
                   os.path.isfile(os.path.join(TOOLS, t)))
WITH_PID = ["execsnoop", "opensnoop", "exitsnoop", "killsnoop", "tcplife", "tcpconnect", "profile",
            "offcputime", "syscount", "runqlat", "ext4slower"]
WITH_INTERVAL = ["biolatency", "runqlat"]


def assert_usage_error(out, tool):
    assert out.returncode == 2, out
    assert ("usage: %s" % tool).encode() in out.stderr
    assert b"error:" in out.stderr
    assert b"program.c" not in out.stderr and b".bpf.c" not in out.stderr  # never a C error


def test_every_tool_is_listed():
    assert len(ALL_TOOLS) >= 13


@pytest.mark.parametrize("tool", ALL_TOOLS)
def test_unknown_option_is_a_usage_error(tool):
    assert_usage_error(run_tool(tool, "--no-such-option"), tool)


@pytest.mark.parametrize("tool", ALL_TOOLS)
def test_help_has_examples(tool):
    out = run_tool(tool, "--help")
    assert out.returncode == 0
    assert b"examples:" in out.stdout and ("tracekit %s" % tool).encode() in out.stdout


@pytest.mark.parametrize("tool", WITH_PID)
@pytest.mark.parametrize("bad", ["notanumber", "1; } int evil() {", "-5", "12\"); system(\"x"])
def test_pid_must_be_a_number(tool, bad):
    assert_usage_error(run_tool(tool, "-p", bad), tool)


@pytest.mark.parametrize("tool", WITH_INTERVAL)
def test_interval_must_be_positive(tool):
    assert_usage_error(run_tool(tool, "0"), tool)
    assert_usage_error(run_tool(tool, "x"), tool)


@pytest.mark.parametrize("args", [
    ["-u", "notanumber"],
    ["--max-args", "-3"],
    ["-n", "[unclosed"],
])
def test_execsnoop_rejects_bad_values(args):
    assert_usage_error(run_tool("execsnoop", *args), "execsnoop")


@pytest.mark.parametrize("tool,args", [
    ("opensnoop", ["-f", "O_NOTAFLAG"]),
    ("killsnoop", ["-s", "SIGNOTHING"]),
    ("tcpconnect", ["-P", "80,notaport"]),
    ("tcpconnect", ["-P", "70000"]),
    ("tcplife", ["-L", "1;2"]),
    ("biolatency", ["-d", "no-such-disk\"x"]),
    ("biosnoop", ["-d", "../etc"]),
    ("syscount", ["-e", "ENOTANERRNO"]),
    ("syscount", ["--syscall", "not_a_syscall"]),
    ("profile", ["-F", "0"]),
    ("offcputime", ["-m", "-1"]),
    ("ext4slower", ["-5"]),
])
def test_typed_options(tool, args):
    assert_usage_error(run_tool(tool, *args), tool)


def test_ebpf_prints_the_program_with_typed_defines():
    out = run_tool("execsnoop", "--ebpf", "-u", "1000", "--max-args", "5")
    assert out.returncode == 0
    assert b"#define UID_FILTER 1000" in out.stdout
    assert b"#define MAXARG 5" in out.stdout
    assert b"TRACEPOINT_PROBE(syscalls, sys_enter_execve)" in out.stdout
