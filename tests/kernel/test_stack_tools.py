"""tracekit profile and offcputime find the uniquely named functions a test program burns CPU
in and sleeps in, in their stacks."""

import json
import os
import subprocess
from xml.etree import ElementTree

import pytest

from support.processes import tool

SVG = "{http://www.w3.org/2000/svg}"
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures")


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    out = tmp_path_factory.mktemp("stacks") / "stack_workload"
    subprocess.run(["gcc", "-O1", "-fno-omit-frame-pointer", "-g", "-o", str(out),
                    os.path.join(FIXTURES, "stack_workload.c")], check=True)
    return str(out)


def trace_workload(workload, mode, seconds, tool_name, *tool_args):
    """Starts the workload (burning or sleeping for `seconds` once told to go), then the tool on
    its pid; returns (workload pid, the finished tool). The workload lives until the tool has
    ended, since the tool symbolizes its user stacks from /proc/PID at the end."""
    proc = subprocess.Popen([workload, mode, str(seconds)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"ready")
    traced = tool(tool_name, "--verbose", "-p", str(proc.pid), *tool_args)
    try:
        traced.wait_for(b"attached", stderr=True)
        proc.stdin.write(b"g")
        proc.stdin.flush()
        traced.proc.wait(timeout=60)
    finally:
        traced.stop()
        proc.stdin.close()
        proc.wait()
    return proc.pid, traced


def assert_mostly_burning(burning, everything):
    """The workload spends its time in the burning function: nearly all of its samples are
    there. (How many samples there are depends on how much CPU a loaded machine gave it.)"""
    assert everything >= 10, "too few samples of the workload: %d" % everything
    assert burning >= 0.8 * everything, (burning, everything)


def test_profile_folded_stack_contains_the_burning_function(workload):
    pid, prof = trace_workload(workload, "burn", 3, "profile", "-f", "-U", "-F", "99", "4")
    lines = [l for l in prof.out.splitlines() if b"tk_burn_cpu_unique" in l]
    assert lines, prof.out + prof.err
    assert all(l.startswith(b"stack_workload;") for l in lines)
    burning = sum(int(l.rsplit(b" ", 1)[1]) for l in lines)
    everything = sum(int(l.rsplit(b" ", 1)[1]) for l in prof.out.splitlines() if l.strip())
    assert_mostly_burning(burning, everything)


def test_offcputime_folded_stack_contains_the_sleeping_function(workload):
    pid, off = trace_workload(workload, "sleep", 2, "offcputime", "-f", "-U", "3")
    lines = [l for l in off.out.splitlines() if b"tk_sleepy_function" in l]
    assert lines, off.out + off.err
    # ~2 s asleep, in microseconds
    assert sum(int(l.rsplit(b" ", 1)[1]) for l in lines) > 1_000_000


def test_profile_json_stack_contains_the_burning_function(workload):
    pid, prof = trace_workload(workload, "burn", 3, "profile", "--json", "-F", "99", "4")
    records = [json.loads(l) for l in prof.out.splitlines()]  # every line is a record
    burning = [r for r in records if "tk_burn_cpu_unique" in r["user_stack"]]
    assert burning, prof.out + prof.err
    assert all(r["comm"] == "stack_workload" and r["pid"] == pid for r in records)
    # Innermost first, like the text layout: the burning function before its caller.
    assert all(r["user_stack"].index("tk_burn_cpu_unique") < r["user_stack"].index("main") for r in burning)
    assert_mostly_burning(sum(r["count"] for r in burning), sum(r["count"] for r in records))


def test_offcputime_json_stack_contains_the_sleeping_function(workload):
    pid, off = trace_workload(workload, "sleep", 2, "offcputime", "--json", "3")
    records = [json.loads(l) for l in off.out.splitlines()]
    sleeping = [r for r in records if "tk_sleepy_function" in r["user_stack"]]
    assert sleeping, off.out + off.err
    assert all(r["pid"] == pid for r in records)
    assert any("schedule" in r["kernel_stack"] for r in sleeping)
    assert sum(r["total_us"] for r in sleeping) > 1_000_000


def test_profile_svg_flame_graph_has_the_burning_function(workload, tmp_path):
    svg = tmp_path / "cpu.svg"
    pid, prof = trace_workload(workload, "burn", 3, "profile", "--svg", str(svg), "-F", "99", "4")
    assert b"wrote a flame graph of" in prof.err, prof.err
    root = ElementTree.parse(svg).getroot()
    frames = {g.get("data-name"): g for g in root.iter(SVG + "g") if g.get("class") == "frame"}
    burning = frames["tk_burn_cpu_unique"]
    assert frames["stack_workload"].get("data-depth") == "1"  # the process, on top of "all"
    assert_mostly_burning(int(burning.get("data-w")), int(frames["all"].get("data-w")))
