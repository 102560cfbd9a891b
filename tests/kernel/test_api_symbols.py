"""BPF.sym / BPF.ksym against binaries built here: PIE and non-PIE executables, a shared
library, stripped files whose symbols only a .gnu_debuglink file, a build-id debug file or
MiniDebugInfo provide, a deleted executable, a memfd, a perf map, C++ names, a process in
another mount namespace and one that exec()s; and kernel symbols of /proc/kallsyms."""

import os
import shutil
import subprocess

import pytest

from tracekit import BPF

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "symbols")
TARGET = os.path.join(FIXTURES, "target.c")


def sh(*argv, **kwargs):
    subprocess.run(list(argv), check=True, **kwargs)


def build_target(out, *flags, libs=()):
    sh("gcc", "-O1", "-g", *flags, "-o", str(out), TARGET, *libs, "-ldl")
    return str(out)


@pytest.fixture(scope="module")
def bins(tmp_path_factory):
    d = tmp_path_factory.mktemp("symbols")
    b = {"dir": str(d)}
    b["pie"] = build_target(d / "target_pie", "-fPIE", "-pie")
    b["nopie"] = build_target(d / "target_nopie", "-fno-pie", "-no-pie")
    # Stripped, with the symbols in a separate file named by .gnu_debuglink.
    b["debuglink"] = build_target(d / "target_debuglink")
    sh("objcopy", "--only-keep-debug", b["debuglink"], b["debuglink"] + ".debug")
    sh("strip", "--strip-all", b["debuglink"])
    sh("objcopy", "--add-gnu-debuglink=" + b["debuglink"] + ".debug", b["debuglink"], cwd=str(d))
    # Stripped with nothing to find the static symbols with: the control case.
    b["stripped"] = build_target(d / "target_stripped")
    sh("strip", "--strip-all", b["stripped"])
    # Shared library.
    sh("gcc", "-O1", "-shared", "-fPIC", "-o", str(d / "libsymlib.so"), os.path.join(FIXTURES, "symlib.c"))
    b["lib"] = str(d / "libsymlib.so")
    b["withlib"] = build_target(d / "target_withlib", "-DWITH_LIB", "-Wl,-rpath," + str(d),
                                libs=("-L" + str(d), "-lsymlib"))
    sh("g++", "-O1", "-o", str(d / "target_cpp"), os.path.join(FIXTURES, "target_cpp.cpp"))
    b["cpp"] = str(d / "target_cpp")
    return b


class Target:
    """A running fixture process and the function addresses it printed."""

    def __init__(self, argv, **kwargs):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, **kwargs)
        self.addrs = {}
        self.read_addresses()

    def read_addresses(self):
        self.addrs = {}
        for line in iter(self.proc.stdout.readline, b""):
            if line.startswith(b"ready"):
                return
            name, addr = line.split()
            self.addrs[name.decode()] = int(addr, 16)
        raise AssertionError("target exited before printing its addresses")

    @property
    def pid(self):
        return self.proc.pid

    def next(self):
        self.proc.stdin.write(b"next\n")
        self.proc.stdin.flush()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@pytest.fixture
def run():
    started = []

    def start(argv, **kwargs):
        t = Target(argv, **kwargs)
        started.append(t)
        return t

    yield start
    for t in started:
        t.close()


def assert_resolves(target, name, module=None):
    addr = target.addrs[name]
    assert BPF.sym(addr, target.pid) == name.encode()
    assert BPF.sym(addr + 1, target.pid, show_offset=True) == b"%s+0x1" % name.encode()
    if module is not None:
        shown = BPF.sym(addr, target.pid, show_module=True)
        assert shown == b"%s [%s]" % (name.encode(), module.encode())


def test_pie_executable(bins, run):
    t = run([bins["pie"]])
    for name in ("tk_target_leaf", "tk_target_static_helper", "main"):
        assert_resolves(t, name, "target_pie")


def test_non_pie_executable(bins, run):
    t = run([bins["nopie"]])
    assert t.addrs["main"] < 0x1000000  # linked at its fixed address
    for name in ("tk_target_leaf", "tk_target_static_helper"):
        assert_resolves(t, name, "target_nopie")


def test_stripped_binary_with_debuglink(bins, run):
    # The static helper is only in .symtab, which strip removed: the debuglink file has it.
    t = run([bins["debuglink"]])
    assert_resolves(t, "tk_target_static_helper", "target_debuglink")


def test_stripped_binary_without_debug_info_does_not_invent_names(bins, run):
    t = run([bins["stripped"]])
    assert BPF.sym(t.addrs["tk_target_static_helper"], t.pid) != b"tk_target_static_helper"
    # Exported dynamic symbols survive strip; this one is not exported.
    assert BPF.sym(t.addrs["tk_target_static_helper"], t.pid, show_module=True).endswith(b"[target_stripped]")


def test_build_id_debug_file_under_usr_lib_debug(bins, run, tmp_path):
    path = build_target(tmp_path / "target_buildid", "-Wl,--build-id")
    notes = subprocess.run(["readelf", "-n", path], check=True, capture_output=True, text=True).stdout
    build_id = [line.split(":")[1].strip() for line in notes.splitlines() if "Build ID" in line][0]
    debug_dir = "/usr/lib/debug/.build-id/" + build_id[:2]
    debug_file = os.path.join(debug_dir, build_id[2:] + ".debug")
    sh("objcopy", "--only-keep-debug", path, str(tmp_path / "buildid.debug"))
    sh("strip", "--strip-all", path)
    created_dir = not os.path.isdir(debug_dir)
    os.makedirs(debug_dir, exist_ok=True)
    try:
        shutil.copy(str(tmp_path / "buildid.debug"), debug_file)
        t = run([path])
        assert_resolves(t, "tk_target_static_helper", "target_buildid")
    finally:
        if os.path.exists(debug_file):
            os.unlink(debug_file)
        if created_dir:
            shutil.rmtree(debug_dir, ignore_errors=True)


def test_minidebuginfo(bins, run, tmp_path):
    # MiniDebugInfo: an xz-compressed ELF holding a .symtab of the functions that .dynsym
    # lacks, in the .gnu_debugdata section of an otherwise stripped binary.
    path = build_target(tmp_path / "target_mini")
    dynsyms = subprocess.run(["nm", "-D", "--format=posix", "--defined-only", path], capture_output=True,
                             text=True, check=True).stdout
    funcs = subprocess.run(["nm", "--format=posix", "--defined-only", path], capture_output=True,
                           text=True, check=True).stdout
    exported = {line.split()[0] for line in dynsyms.splitlines() if line}
    keep = sorted({line.split()[0] for line in funcs.splitlines() if line and line.split()[1] in "Tt"} - exported)
    assert "tk_target_static_helper" in keep
    (tmp_path / "keep").write_text("\n".join(keep) + "\n")
    debug, mini = str(tmp_path / "full.debug"), str(tmp_path / "mini")
    sh("objcopy", "--only-keep-debug", path, debug)
    sh("objcopy", "-S", "--remove-section", ".gdb_index", "--remove-section", ".comment",
       "--keep-symbols=" + str(tmp_path / "keep"), debug, mini)
    sh("xz", "-f", mini)
    sh("strip", "--strip-all", path)
    sh("objcopy", "--add-section", ".gnu_debugdata=" + mini + ".xz", path)
    t = run([path])
    assert_resolves(t, "tk_target_static_helper", "target_mini")


def test_shared_library(bins, run):
    t = run([bins["withlib"]])
    assert_resolves(t, "symlib_compute", "libsymlib.so")
    assert_resolves(t, "tk_target_leaf", "target_withlib")


def test_deleted_executable(bins, run, tmp_path):
    path = str(tmp_path / "target_deleted")
    shutil.copy(bins["pie"], path)
    t = run([path])
    os.unlink(path)
    assert_resolves(t, "tk_target_static_helper", "target_deleted")


def test_memfd_library(bins, run):
    t = run([bins["pie"], "memfd", bins["lib"]])
    addr = t.addrs["symlib_compute"]
    assert BPF.sym(addr, t.pid) == b"symlib_compute"
    assert BPF.sym(addr, t.pid, show_module=True) == b"symlib_compute [memfd:tk-symlib]"


def test_perf_map_for_jit_code(bins, run):
    t = run([bins["pie"], "perfmap"])
    addr = t.addrs["jitted_second_function"]
    name = b"LazyCompile:*jitted_second_function app.js:12"
    assert BPF.sym(addr, t.pid) == name
    assert BPF.sym(addr, t.pid, show_offset=True, show_module=True) == \
        name + b"+0x10 [perf-%d.map]" % t.pid
    assert BPF.sym(addr - 0x40, t.pid) == b"jitted_first_function"


def test_cpp_names_are_demangled_unless_asked_not_to(bins, run):
    t = run([bins["cpp"]])
    addr = t.addrs["frobnicate"]
    assert BPF.sym(addr, t.pid) == b"tk_space::Widget<int>::frobnicate(int, char const*)"
    assert BPF.sym(addr, t.pid, demangle=False) == b"_ZN8tk_space6WidgetIiE10frobnicateEiPKc"


def test_process_in_another_mount_namespace(bins, run, tmp_path):
    # The binary lives on a tmpfs mounted only inside the process's mount namespace: the
    # path it was run from does not exist here, only through /proc/PID/root.
    mnt = tmp_path / "private"
    mnt.mkdir()
    script = "mount -t tmpfs tk-symbols %s && cp %s %s/target_ns && exec %s/target_ns" % (
        mnt, bins["pie"], mnt, mnt)
    t = run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script])
    assert not os.path.exists(str(mnt / "target_ns"))
    assert_resolves(t, "tk_target_static_helper", "target_ns")


def test_cache_notices_exec(bins, run):
    t = run([bins["pie"], "exec", bins["nopie"]])
    assert_resolves(t, "tk_target_leaf", "target_pie")
    t.next()
    t.read_addresses()  # the same pid, now running target_nopie
    assert_resolves(t, "tk_target_leaf", "target_nopie")


def test_unknown_addresses():
    assert BPF.sym(0x10, os.getpid()) == b"[unknown]"
    assert BPF.sym(0x10, os.getpid(), show_offset=True, show_module=True) == b"[unknown]"


def test_user_function_address_by_name(bins, run):
    t = run([bins["withlib"]])
    cache = BPF._sym_cache(t.pid)
    assert cache.resolve_name("libsymlib.so", "symlib_compute") == t.addrs["symlib_compute"]
    assert cache.resolve_name(None, "no_such_function_anywhere") == -1


def kallsyms_function(name):
    with open("/proc/kallsyms") as f:
        for line in f:
            addr, kind, sym = line.split()[:3]
            if sym == name and kind in "Tt":
                return int(addr, 16)
    pytest.skip("%s is not in /proc/kallsyms" % name)


def test_kernel_symbol_of_a_known_kallsyms_address():
    addr = kallsyms_function("vfs_read")
    if addr == 0:
        pytest.skip("kallsyms addresses are hidden (kptr_restrict)")
    assert BPF.ksym(addr) == b"vfs_read"
    assert BPF.ksym(addr + 0x11, show_offset=True) == b"vfs_read+0x11"
    assert BPF.ksym(addr, show_module=True) == b"vfs_read [kernel]"
    assert BPF.sym(addr, -1) == b"vfs_read"
    assert BPF.ksymname("vfs_read") == addr
    assert BPF.ksymname("tk_no_such_kernel_symbol") == -1
    assert BPF.ksym(0x10) == b"[unknown]"


def test_kernel_module_symbol():
    with open("/proc/kallsyms") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and parts[1] in "Tt" and int(parts[0], 16):
                addr, name, module = int(parts[0], 16), parts[2], parts[3].strip("[]")
                break
        else:
            pytest.skip("no kernel module is loaded")
    shown = BPF.ksym(addr, show_module=True)
    # Several symbols can share an address; ours is one of them and the module is right.
    assert shown.endswith(b" [%s]" % module.encode())
    assert BPF.ksymname("%s:%s" % (module, name)) == addr


def test_build_id_frames_resolve_through_add_module(bins):
    from tracekit.tables.stacks import StackBuildId, StackTrace
    path = bins["nopie"]
    notes = subprocess.run(["readelf", "-n", path], check=True, capture_output=True, text=True).stdout
    build_id = [line.split(":")[1].strip() for line in notes.splitlines() if "Build ID" in line][0]
    symbols = subprocess.run(["nm", path], check=True, capture_output=True, text=True).stdout
    vaddr = [int(line.split()[0], 16) for line in symbols.splitlines() if line.endswith(" tk_target_leaf")][0]
    # File offset of the function: through the executable's load segments.
    headers = subprocess.run(["readelf", "-lW", path], check=True, capture_output=True, text=True).stdout
    offset = None
    for line in headers.splitlines():
        f = line.split()
        if f and f[0] == "LOAD":
            off, va, filesz = int(f[1], 16), int(f[2], 16), int(f[4], 16)
            if va <= vaddr < va + filesz:
                offset = off + (vaddr - va)
    frame = StackBuildId()
    frame.status = StackTrace.BPF_STACK_BUILD_ID_VALID
    frame.build_id[:] = list(bytes.fromhex(build_id)) + [0] * (20 - len(build_id) // 2)
    frame.offset = offset + 2
    assert BPF.add_module(path)
    assert BPF.sym(frame, -1, show_offset=True, show_module=True) == b"tk_target_leaf+0x2 [target_nopie]"
    assert not BPF.add_module("/nonexistent/binary")
