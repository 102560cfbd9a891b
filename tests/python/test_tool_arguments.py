"""Bad arguments give an argparse error and exit 2 before any BPF is compiled; --ebpf prints
the program with its typed defines."""

import pytest

from support.processes import run_tool


@pytest.mark.parametrize("args", [
    ["-u", "notanumber"],
    ["--max-args", "-3"],
    ["-P", "1; } int evil() {"],
    ["--no-such-option"],
    ["-u", "1\"); system(\"x"],
    ["-n", "[unclosed"],
])
def test_execsnoop_rejects_bad_arguments(args):
    out = run_tool("execsnoop", *args)
    assert out.returncode == 2, out
    assert b"usage: execsnoop" in out.stderr
    assert b"error:" in out.stderr
    assert b"program.c" not in out.stderr  # never a C compile error


def test_execsnoop_help_has_examples():
    out = run_tool("execsnoop", "--help")
    assert out.returncode == 0
    assert b"examples:" in out.stdout and b"execsnoop -x" in out.stdout


def test_ebpf_prints_the_program_with_typed_defines():
    out = run_tool("execsnoop", "--ebpf", "-u", "1000", "--max-args", "5")
    assert out.returncode == 0
    assert b"#define UID_FILTER 1000" in out.stdout
    assert b"#define MAXARG 5" in out.stdout
    assert b"TRACEPOINT_PROBE(syscalls, sys_enter_execve)" in out.stdout
