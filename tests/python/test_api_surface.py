"""The parts of the Python API that need no kernel: enums, tracekit.utils, tracekit.tcp,
tracekit.containers' C text, the disassembler, key/leaf text forms, errors, and the bcc.*
module names of tracekit.compat."""

import ctypes as ct
import io
import os
import re
import struct
import subprocess
import sys

import pytest

import tracekit
from tracekit import enums, tcp, utils
from tracekit.containers import filter_by_containers
from tracekit.ctypes.text import from_text, to_text
from tracekit.disassembler import disassemble_str, helper_names


def uapi_enum(path, opening):
    """{name: value} of the enumerators after `opening` (e.g. "enum bpf_prog_type {") up to the
    closing brace in a UAPI header, counting implicit values the way C does."""
    with open(path) as f:
        text = f.read()
    start = text.index(opening) + len(opening)
    block = re.sub(r"/\*.*?\*/", "", text[start:text.index("}", start)], flags=re.S)
    values, expected = {}, 0
    for item in block.split(","):
        item = item.strip()
        if not item or item.startswith("#"):
            continue
        name, _, expr = item.partition("=")
        name = name.strip()
        if expr.strip():
            expected = eval(re.sub(r"(\d)U?L*\b", r"\1", expr.strip()), {}, dict(values))
        values[name] = expected
        expected += 1
    return values


def test_enums_match_the_kernel_uapi_headers():
    perf = "/usr/include/linux/perf_event.h"
    bpf = "/usr/include/linux/bpf.h"
    if not os.path.exists(perf) or not os.path.exists(bpf):
        pytest.skip("linux-libc-dev headers are not installed")
    for cls, path, opening, prefix in [
            (enums.PerfType, perf, "enum perf_type_id {", "PERF_TYPE_"),
            (enums.PerfHWConfig, perf, "enum perf_hw_id {", "PERF_COUNT_HW_"),
            (enums.PerfSWConfig, perf, "enum perf_sw_ids {", "PERF_COUNT_SW_"),
            (enums.BPFProgType, bpf, "enum bpf_prog_type {", "BPF_PROG_TYPE_"),
            (enums.BPFAttachType, bpf, "enum bpf_attach_type {", "BPF_"),
            (enums.XDPAction, bpf, "enum xdp_action {", "")]:
        uapi = uapi_enum(path, opening)
        checked = 0
        for name, value in vars(cls).items():
            if name.startswith("_"):
                continue
            if prefix + name in uapi:
                assert uapi[prefix + name] == value, (cls.__name__, name)
                checked += 1
        assert checked >= 5, cls.__name__
    assert tracekit.PerfSWConfig.CPU_CLOCK == 0 and tracekit.XDPFlags.SKB_MODE == 2


def test_printb_writes_bytes_undecoded():
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    utils.printb(b"\xff raw", file=out)
    utils.printb(b"no newline", file=out, nl=0)
    assert out.buffer.getvalue() == b"\xff raw\nno newline"


def test_arg_string_keeps_bytes():
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", type=utils.ArgString)
    arg = parser.parse_args(["--name", "bash"]).name
    assert bytes(arg) == b"bash" and str(arg) == "bash"
    assert tracekit.ArgString is utils.ArgString


def test_cpu_lists_match_sysfs():
    online = utils.get_online_cpus()
    possible = utils.get_possible_cpus()
    assert set(os.sched_getaffinity(0)) <= set(online) <= set(possible)
    # Each CPU's own online flag (cpu0 often has none: it cannot go offline).
    expected = []
    for cpu in possible:
        flag = "/sys/devices/system/cpu/cpu%d/online" % cpu
        if (open(flag).read().strip() == "1") if os.path.exists(flag) else os.path.isdir(os.path.dirname(flag)):
            expected.append(cpu)
    assert online == expected


def test_detect_language():
    assert utils.detect_language(["java", "python", "ruby"], os.getpid()) == "python"
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        assert utils.detect_language(["java", "python", "ruby"], sleeper.pid) is None
    finally:
        sleeper.kill()
        sleeper.wait()
    assert utils.detect_language(["python"], 2 ** 22 + 7) is None  # no such process


def test_tcp_states_and_flags():
    assert tcp.tcpstate[1] == "ESTABLISHED" and tcp.tcpstate[10] == "LISTEN" and tcp.tcpstate[12] == "NEW_SYN_RECV"
    assert tcp.flags2str(tcp.TCPHDR_SYN | tcp.TCPHDR_ACK) == "SYN|ACK"
    assert tcp.flags2str(0xff) == "FIN|SYN|RST|PSH|ACK|URG|ECE|CWR"
    assert tcp.flags2str(0) == ""


class Args:
    def __init__(self, cgroupmap=None, mntnsmap=None):
        self.cgroupmap, self.mntnsmap = cgroupmap, mntnsmap


def test_container_filter_text():
    none = filter_by_containers(Args())
    assert "container_should_be_filtered" in none and "BPF_TABLE_PINNED" not in none
    both = filter_by_containers(Args("/sys/fs/bpf/cgroups", "/sys/fs/bpf/mntns"))
    assert 'BPF_TABLE_PINNED("hash", u64, u64, cgroupset, 1024, "/sys/fs/bpf/cgroups");' in both
    assert 'BPF_TABLE_PINNED("hash", u64, u32, mount_ns_set, 1024, "/sys/fs/bpf/mntns");' in both
    with pytest.raises(ValueError, match="quotes"):
        filter_by_containers(Args('/x"); evil();'))


def insn(code, dst=0, src=0, off=0, imm=0):
    return struct.pack("<BBhi", code, dst | (src << 4), off, imm)


def test_disassembler_instruction_forms():
    code = b"".join([
        insn(0xb7, dst=1, imm=0),                     # r1 = 0
        insn(0xbf, dst=6, src=1),                     # r6 = r1
        insn(0x07, dst=2, imm=-8),                    # r2 += -8
        insn(0x18, dst=1, src=1, imm=5), insn(0),     # r1 = map_fd[5]
        insn(0x79, dst=0, src=1, off=16),             # r0 = *(u64 *)(r1 +16)
        insn(0x63, dst=10, src=1, off=-4),            # *(u32 *)(r10 -4) = r1
        insn(0x15, dst=0, off=3, imm=0),              # if r0 == 0 goto pc+3
        insn(0x85, imm=1),                            # call bpf_map_lookup_elem#1
        insn(0xdb, dst=0, src=1, imm=0),              # lock *(u64 *)(r0 +0) += r1
        insn(0x18, dst=2, imm=0x11223344), insn(0, imm=0x55),
        insn(0x95),                                   # exit
    ])
    lines = disassemble_str(code).split("\n")
    assert lines == [
        "   0: (b7) r1 = 0x0",
        "   1: (bf) r6 = r1",
        "   2: (07) r2 += -8",
        "   3: (18) r1 = map_fd[id:5] ll",
        "   5: (79) r0 = *(u64 *)(r1 +16)",
        "   6: (63) *(u32 *)(r10 -4) = r1",
        "   7: (15) if r0 == 0x0 goto pc+3",
        "   8: (85) call bpf_map_lookup_elem#1",
        "   9: (db) lock *(u64 *)(r0 +0) += r1",
        "  10: (18) r2 = 0x5511223344 ll",
        "  12: (95) exit",
    ]
    assert helper_names()[6] == "bpf_trace_printk"
    with pytest.raises(ValueError, match="8-byte"):
        disassemble_str(b"\0" * 5)


def test_key_text_round_trip():
    class Key(ct.Structure):
        _fields_ = [("pid", ct.c_uint32), ("comm", ct.c_char * 8), ("ips", ct.c_uint64 * 2)]

    k = Key(7, b"bash", (ct.c_uint64 * 2)(1, 0xff))
    text = to_text(k)
    assert text == '{0x7 "bash" {0x1 0xff}}'
    back = from_text(Key, text)
    assert (back.pid, back.comm, list(back.ips)) == (7, b"bash", [1, 0xff])
    assert to_text(ct.c_int32(-3)) == "-0x3"
    with pytest.raises(ValueError):
        from_text(Key, "0x7")


def test_errors_are_exceptions_with_their_details():
    for cls in (tracekit.CompileError, tracekit.VerifierError, tracekit.NotSupportedError,
                tracekit.PermissionError, tracekit.NotFoundError, tracekit.InvalidArgumentError):
        assert issubclass(cls, tracekit.TracekitError) and issubclass(cls, Exception)
    assert issubclass(tracekit.PermissionError, PermissionError)
    assert issubclass(tracekit.NotFoundError, LookupError)
    e = tracekit.NotSupportedError("no kprobes")
    assert e.feature == "" and e.log == "" and e.errno == 0


def test_compat_names_resolve_to_tracekit(tmp_path):
    script = tmp_path / "uses_bcc.py"
    script.write_text(
        "from bcc import BPF, PerfType, PerfSWConfig, ArgString, tcp, utils\n"
        "from bcc.utils import printb\n"
        "from bcc.table import HashTable, PerCpuArray, QueueStack, RingBuf\n"
        "from bcc.syscall import syscall_name\n"
        "from bcc.containers import filter_by_containers\n"
        "import bcc.disassembler\n"
        "import tracekit\n"
        "assert BPF is tracekit.BPF and utils is tracekit.utils\n"
        "printb(b'compat ok %d' % PerfSWConfig.CPU_CLOCK)\n")
    out = subprocess.run([sys.executable, "-m", "tracekit.compat", str(script)], capture_output=True, check=True)
    assert out.stdout == b"compat ok 0\n"


def test_the_type_stub_lists_every_public_member_of_bpf():
    import ast
    stub = os.path.join(os.path.dirname(tracekit.__file__), "bpf.pyi")
    with open(stub) as f:
        tree = ast.parse(f.read())
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "BPF")
    names = set()
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    public = {n for n in dir(tracekit.BPF) if not n.startswith("_") or n in ("__getitem__", "_sym_cache")}
    assert public - names == set()


def test_not_supported_names_the_feature_in_its_message():
    e = tracekit.NotSupportedError("cannot open the ring buffer")
    e.feature = "BPF ring buffers (BPF_MAP_TYPE_RINGBUF, Linux 5.8)"
    assert str(e) == ("cannot open the ring buffer (not available here: "
                      "BPF ring buffers (BPF_MAP_TYPE_RINGBUF, Linux 5.8))")
    e = tracekit.NotSupportedError("kprobes need CONFIG_KPROBES")
    e.feature = "CONFIG_KPROBES"
    assert str(e) == "kprobes need CONFIG_KPROBES"
