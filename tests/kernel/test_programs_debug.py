"""BPF(debug=...) through the Python API: each flag shows what BCC's does, on stderr, for a
program that loads and attaches for real (a tracepoint: it runs on every kernel)."""

import subprocess
import sys

PROGRAM = r'''
import sys
from tracekit import BPF
flags = int(sys.argv[1])
b = BPF(text="""
#define MARKER 0x7e57
BPF_HASH(counts, u32);
TRACEPOINT_PROBE(sched, sched_process_fork) {
    u32 key = MARKER;
    counts.increment(key);
    return 0;
}
""", debug=flags)
print("LOADED", flush=True)
'''


def run_with(flags):
    out = subprocess.run([sys.executable, "-c", PROGRAM, str(flags)], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert "LOADED" in out.stdout
    return out.stderr


def test_debug_preprocessor_shows_the_expanded_program():
    err = run_with(0x4)
    assert "u32 key = 0x7e57;" in err  # the program's own macro, expanded
    assert "struct counts_table_t" in err  # BPF_HASH, expanded
    assert "struct task_struct {" not in err  # not the kernel's types


def test_debug_llvm_ir_shows_the_module():
    err = run_with(0x1)
    assert "define dso_local i32 @tracepoint__sched__sched_process_fork" in err


def test_debug_source_shows_assembly_with_source_lines():
    err = run_with(0x8)
    assert "tracepoint__sched__sched_process_fork:" in err
    # Source lines of the user's text, numbered as in it (optimisation may fold some away).
    assert "; TRACEPOINT_PROBE(sched, sched_process_fork) { // Line 4" in err
    assert "; return 0; // Line 7" in err


def test_debug_bpf_shows_the_verifier_log():
    err = run_with(0x2)
    assert "processed" in err and "insns" in err
