"""The object cache: a hit loads without the compiler (LLVM is never mapped into the process);
damage is detected and repaired; TRACEKIT_NO_CACHE turns it off."""

import glob
import os
import subprocess
import sys

from support.processes import TIMEOUT_SCALE

PROGRAM = "BPF_HASH(counts); TRACEPOINT_PROBE(syscalls, sys_enter_getppid) { u64 k = 1; counts.increment(k); return 0; }"

CHILD = """
import os, sys
from tracekit import BPF
from tracekit._native import core
b = BPF(text=os.environ["PROGRAM"])
os.getppid()
llvm = "libLLVM" in open("/proc/self/maps").read()
print("from_cache=%d llvm_mapped=%d count=%d" % (b._compiled_from_cache, llvm,
      b["counts"][b["counts"].Key(1)].value))
"""


def run_child(cache_dir, **env):
    full = dict(os.environ, PROGRAM=PROGRAM, TRACEKIT_CACHE_DIR=str(cache_dir), **env)
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, env=full, timeout=120 * TIMEOUT_SCALE)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode().strip()


def test_second_start_loads_from_cache_without_the_compiler(tmp_path):
    assert run_child(tmp_path).startswith("from_cache=0 llvm_mapped=0")
    assert run_child(tmp_path).startswith("from_cache=1 llvm_mapped=0")


def test_damaged_entry_is_rebuilt(tmp_path):
    run_child(tmp_path)
    (entry,) = glob.glob(str(tmp_path / "*.tko"))
    with open(entry, "r+b") as f:
        f.seek(200)
        f.write(b"\xff\xff\xff\xff")
    assert run_child(tmp_path).startswith("from_cache=0 llvm_mapped=0")
    assert run_child(tmp_path).startswith("from_cache=1")


def test_truncated_entry_is_rebuilt(tmp_path):
    run_child(tmp_path)
    (entry,) = glob.glob(str(tmp_path / "*.tko"))
    os.truncate(entry, os.path.getsize(entry) // 3)
    assert run_child(tmp_path).startswith("from_cache=0")


def test_no_cache_switch(tmp_path):
    run_child(tmp_path, TRACEKIT_NO_CACHE="1")
    assert glob.glob(str(tmp_path / "*.tko")) == []
    assert run_child(tmp_path, TRACEKIT_NO_CACHE="1").startswith("from_cache=0")


def test_cached_program_still_counts(tmp_path):
    run_child(tmp_path)
    out = run_child(tmp_path)
    assert int(out.split("count=")[1]) >= 1


INCLUDING = """
import os, sys
from tracekit import BPF
b = BPF(text='#include "step.h"\\nBPF_ARRAY(out, u64, 1);\\n'
             'TRACEPOINT_PROBE(syscalls, sys_enter_getppid) { int k = 0; u64 v = STEP; out.update(&k, &v); return 0; }',
        cflags=["-I" + os.environ["INCLUDE_DIR"]])
os.getppid()
print("from_cache=%d step=%d" % (b._compiled_from_cache, b["out"][0].value))
"""


def test_a_changed_included_header_is_compiled_again(tmp_path):
    """The cache key covers the program text, not the files it includes: the entry records them
    and is not used once one has changed."""
    include_dir = tmp_path / "include"
    include_dir.mkdir()
    header = include_dir / "step.h"

    def run(step):
        header.write_text("#define STEP %d\n" % step)
        env = dict(os.environ, INCLUDE_DIR=str(include_dir), TRACEKIT_CACHE_DIR=str(tmp_path / "cache"))
        out = subprocess.run([sys.executable, "-c", INCLUDING], capture_output=True, env=env,
                             timeout=120 * TIMEOUT_SCALE)
        assert out.returncode == 0, out.stderr
        return out.stdout.decode().strip()

    assert run(7) == "from_cache=0 step=7"
    assert run(7) == "from_cache=1 step=7"
    assert run(8) == "from_cache=0 step=8"
    assert run(8) == "from_cache=1 step=8"
