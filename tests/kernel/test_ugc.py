"""tracekit ugc reports the collections a Java, Python and Ruby workload makes, with what each
runtime passes (the JVM's pools, Python's generation and collected objects)."""

import re
import shutil
import subprocess

import pytest

from runtime_workloads import json_lines, semaphore, start, start_java, traced
from support.processes import run_tool, tool


def test_java_full_gc_and_pools(java_classes):
    with start_java(java_classes) as java:
        out = traced(java, "ugc", "-l", "java", "{pid}", commands=["alloc 50", "gc"], until=b"full GC").out
    lines = out.decode().splitlines()
    assert lines[1].split() == ["START", "TIME", "(us)", "DESCRIPTION"]  # no note: GC needs no flag
    full = [l for l in lines if l.endswith(" full GC")]
    assert len(full) == 1
    # System.gc() collects every pool of the heap: G1's old generation among them, with the
    # bytes used before and after it and its maximum.
    pools = [re.search(r"used=(-?\d+)->(-?\d+) max=(-?\d+)->(-?\d+)$", l) for l in lines if " Old Gen " in l]
    assert pools and all(p and int(p.group(3)) > 0 for p in pools)
    start, elapsed = (float(x) for x in full[0].split()[:2])
    assert start >= 0 and elapsed > 0


def test_python_generation_and_collected_objects():
    with start("python") as python:
        ugc = traced(python, "pythongc", "--json", "-F", "gen 2", "{pid}", commands=["gc 25"],
                     until=b"gen 2 GC collected")
    collected = int(ugc.answers[0])  # what gc.collect() returned
    records = json_lines(ugc.out)
    assert [r["description"] for r in records] == ["gen 2 GC collected %d objects" % collected]
    assert collected >= 25 and records[0]["time_us"] > 0


def test_ruby_mark_and_sweep():
    with start("ruby") as ruby:
        out = traced(ruby, "rubygc", "-m", "{pid}", commands=["alloc 100", "gc"],
                     until=[b"GC sweep stage", b"GC mark stage"]).out
    lines = out.decode().splitlines()
    header = lines.index("START    TIME (ms) DESCRIPTION")
    descriptions = {l.split(None, 2)[2] for l in lines[header + 1:]}
    assert {"GC mark stage", "GC sweep stage"} <= descriptions
    assert b"TIME (ms)" in out


def test_node_without_probes_is_named():
    from tracekit import USDT
    node_path = shutil.which("node") or pytest.skip("node is not installed (Debian package nodejs)")
    if any(p.name == b"gc__start" for p in USDT(path=node_path).enumerate_probes()):
        pytest.skip("this node has USDT probes: the message is for builds without them")
    node = start_node()
    try:
        out = run_tool("ugc", "-l", "node", str(node.pid))
    finally:
        node.kill()
        node.wait()
    assert out.returncode == 1
    assert b"this node was built without USDT probes (node's --with-dtrace)" in out.stderr


def start_node():
    node = subprocess.Popen(["node", "-e", "console.log('ok ready'); setInterval(() => {}, 1000)"],
                            stdout=subprocess.PIPE)
    node.stdout.readline()
    return node


def test_semaphores_are_raised_while_tracing_and_lowered_after():
    with start("python") as python:
        assert semaphore(python.pid, "gc__start") == 0
        ugc = tool("ugc", "-l", "python", str(python.pid))
        try:
            ugc.wait_for(b"DESCRIPTION")
            assert semaphore(python.pid, "gc__start") == 1
        finally:
            ugc.stop()
        assert semaphore(python.pid, "gc__start") == 0
        assert python.do("gc 3") != ""  # and the process runs on


def test_language_is_detected_without_l():
    with start("python") as python:
        out = traced(python, "ugc", "{pid}", commands=["gc 2"], until=b"gen 2 GC collected").out
    assert out.startswith(b"Tracing garbage collections in python process %d" % python.pid)
