"""tracekit kvmexit: this host has the kvm module but runs no KVM virtual machine (it is a VM
itself, without nested virtualization), so the test shows what the tool says then: the
header, no rows, and that no process holds a VM. Where the kvm module is not loaded (the
guest) it exits at once naming it. Reason names come from the running kernel's tracepoint
format."""

import importlib.machinery
import importlib.util
import json
import os
import sys

import pytest

from support.processes import TOOLS, run_tool, run_tool_uncompiled
from tracekit import BPF

HAS_KVM = BPF.tracepoint_exists("kvm", "kvm_exit")


def tool_module(name):
    """A bundled tool imported as a module (its main() does not run)."""
    sys.path.insert(0, TOOLS)  # for tracekit_tool
    loader = importlib.machinery.SourceFileLoader(name + "_tool", os.path.join(TOOLS, name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.skipif(not HAS_KVM, reason="no kvm module (tracepoint kvm:kvm_exit)")
def test_no_virtual_machine_is_said_so():
    out = run_tool("kvmexit", "1")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode().splitlines()
    assert lines[0] == "Display kvm exit reasons and statistics for all threads after sleeping 1 secs."
    assert lines[1].split() == ["PID", "TID", "KVM_EXIT_REASON", "COUNT"]
    assert lines[2:] == ["(no KVM virtual machine is running: no process holds a kvm-vm file descriptor)"]
    as_json = run_tool("kvmexit", "--json", "-p", "1", "-a", "1")
    assert json.loads(as_json.stdout) == {"rows": [], "vm_processes": []}
    assert b"for PID 1 and its all threads after sleeping 1 secs." in as_json.stderr


@pytest.mark.skipif(not HAS_KVM, reason="no kvm module (tracepoint kvm:kvm_exit)")
def test_reason_names_come_from_the_tracepoint_format():
    names = tool_module("kvmexit").reason_names()
    assert names[(1, 12)] == "HLT" and names[(1, 30)] == "IO_INSTRUCTION" and names[(1, 0)] == "EXCEPTION_NMI"
    assert names[(2, 0x78)] == "hlt" and names[(2, 0x40 + 14)] == "PF excp" and names[(2, 0x400)] == "npf"


@pytest.mark.skipif(HAS_KVM, reason="the kvm module is loaded: kvmexit runs")
def test_exits_at_once_naming_the_kvm_module(tmp_path):
    out, compiled = run_tool_uncompiled("kvmexit", cache_dir=tmp_path / "cache")
    assert out.returncode == 1 and out.stdout == b""
    assert out.stderr.decode().splitlines() == [
        "kvmexit: needs the kvm module (tracepoint kvm:kvm_exit): load kvm_intel or kvm_amd"]
    assert not compiled  # it refused before compiling anything
