"""The tables whose leaves are not plain data: program arrays (tail calls), cgroup arrays,
device/CPU/AF_XDP maps, maps of maps, queues and stacks, and stack traces (walked and
symbolized, by address and by build id)."""

import ctypes as ct
import os
import subprocess

import pytest

from tracekit import BPF
from tracekit._native import core
from tracekit.errors import TracekitError
from tracekit.table import (BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_HASH_OF_MAPS,
                            StackTrace, create_map)

MINE = r"""
BPF_ARRAY(tk_config, u32, 1);
static inline int not_mine(void) {
    int zero = 0;
    u32 *pid = tk_config.lookup(&zero);
    return !pid || *pid != (bpf_get_current_pid_tgid() >> 32);
}
"""


def mine(b):
    b["tk_config"][0] = os.getpid()
    return b


TAIL_CALLS = MINE + r"""
BPF_TABLE("prog", int, int, progs, 4);
BPF_ARRAY(hits, u64, 4);

int tail_target(struct trace_event_raw_sys_enter *args) {
    int slot = 2;
    hits.increment(slot);
    return 0;
}

TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if (not_mine())
        return 0;
    int slot = 0;
    hits.increment(slot);
    progs.call(args, 2);
    return 0;  /* reached only when slot 2 is empty */
}
"""


def test_prog_array_tail_calls_the_program_set_from_python():
    with BPF(text=TAIL_CALLS) as b:
        mine(b)
        progs, hits = b["progs"], b["hits"]
        fn = b.load_func("tail_target", BPF.TRACEPOINT)
        assert isinstance(fn, BPF.Function) and fn.fd > 0
        progs[2] = fn
        os.getppid()
        assert (hits[0].value, hits[2].value) == (1, 1)
        assert progs[2].value > 0  # read back as the program's id
        assert [k.value for k in progs.keys()] == [2]
        del progs[2]
        os.getppid()
        assert (hits[0].value, hits[2].value) == (2, 1)


def cgroup2_root():
    with open("/proc/mounts") as f:
        for line in f:
            fields = line.split()
            if fields[2] == "cgroup2":
                return fields[1]
    pytest.skip("no cgroup v2 hierarchy is mounted")


CGROUPS = MINE + r"""
BPF_CGROUP_ARRAY(cgroups, 2);
BPF_ARRAY(under, u64, 2);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if (not_mine())
        return 0;
    for (int i = 0; i < 2; i++) {
        int slot = i;
        if (cgroups.check_current_task(i) == 1)
            under.increment(slot);
    }
    return 0;
}
"""


def test_cgroup_array_from_paths():
    root = cgroup2_root()
    empty = os.path.join(root, "tk-test-%d" % os.getpid())
    os.mkdir(empty)
    try:
        text = CGROUPS.replace("BPF_CGROUP_ARRAY(cgroups, 2);", 'BPF_TABLE("cgroup_array", int, int, cgroups, 2);')
        with BPF(text=text) as b:
            mine(b)
            b["cgroups"][0] = root   # every task is under the root
            b["cgroups"][1] = empty  # nothing runs in a cgroup just made
            os.getppid()
            assert [v.value for v in b["under"].values()] == [1, 0]
            with pytest.raises(TracekitError, match="only write"):
                b["cgroups"].items()  # the kernel allows only writes to cgroup arrays
    finally:
        os.rmdir(empty)


def test_devmap_cpumap_and_xskmap():
    text = r"""
BPF_TABLE("devmap", int, int, devices, 4);
BPF_TABLE("cpumap", int, u32, cpus, 2);
BPF_TABLE("xskmap", int, int, sockets, 2);
"""
    with BPF(text=text) as b:
        devices = b["devices"]
        devices[1] = 1  # the loopback interface
        assert devices[1].value == 1
        assert [k.value for k in devices.keys()] == [1]
        cpus = b["cpus"]
        cpus[0] = 192  # queue size of CPU 0's XDP queue
        assert cpus[0].value == 192
        with pytest.raises(TracekitError):
            b["sockets"][0] = os.open("/dev/null", os.O_RDONLY)  # not an AF_XDP socket
        assert type(b["sockets"]).__name__ == "XskMap"


def test_map_of_maps_from_python():
    inner_template = create_map(BPF_MAP_TYPE_HASH, 4, 8, 16, name="tk_inner0")
    inner = create_map(BPF_MAP_TYPE_HASH, 4, 8, 16, name="tk_inner1")
    for outer_type, name in ((BPF_MAP_TYPE_ARRAY_OF_MAPS, "MapInMapArray"), (BPF_MAP_TYPE_HASH_OF_MAPS, "MapInMapHash")):
        outer = create_map(outer_type, 4, 4, 2, name="tk_outer", inner_map=inner_template)
        assert type(outer).__name__ == name
        outer[1] = inner
        inner[7] = 70
        assert outer[1].value == core.map_info(inner.map_fd)["id"]
        through = outer.inner(1)
        assert through[7].value == 70
        through[8] = 80
        assert inner[8].value == 80
        through.close()
        del outer[1]
        outer.close()
    inner.close()
    inner_template.close()


QUEUES = r"""
BPF_TABLE("queue", int, u32, fifo, 3);
BPF_TABLE("stack", int, u32, lifo, 3);
"""


def test_queue_and_stack():
    with BPF(text=QUEUES) as b:
        fifo, lifo = b["fifo"], b["lifo"]
        for v in (1, 2, 3):
            fifo.push(v)
            lifo.push(v)
        assert fifo.peek().value == 1 and lifo.peek().value == 3
        with pytest.raises(TracekitError):
            fifo.push(4)  # full
        fifo.push(4, flags=fifo.BPF_EXIST)  # drops the oldest instead
        assert [v.value for v in fifo.values()] == [2, 3, 4]
        assert lifo.pop().value == 3
        assert [v.value for v in lifo.values()] == [2, 1]
        with pytest.raises(KeyError, match="empty"):
            fifo.pop()
        with pytest.raises(TypeError, match="push"):
            fifo[0]


STACKS = MINE + r"""
BPF_TABLE("stacktrace", int, struct { u64 ip[127]; }, stacks, 64);
BPF_HASH(ids, int, int, 4);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if (not_mine())
        return 0;
    int user = 0, kernel = 1;
    int uid = stacks.get_stackid(args, (1ULL << 8));  /* BPF_F_USER_STACK */
    int kid = stacks.get_stackid(args, 0);
    ids.update(&user, &uid);
    ids.update(&kernel, &kid);
    return 0;
}
"""


def test_user_stack_walks_and_symbolizes():
    with BPF(text=STACKS) as b:
        mine(b)
        os.getppid()
        stacks, ids = b["stacks"], b["ids"]
        user_id = ids[0].value
        assert user_id >= 0
        user = list(stacks.walk(user_id))
        assert user and all(addr > 0 for addr in user)
        names = [BPF.sym(addr, os.getpid()) for addr in user]
        assert b"getppid" in names[0], names  # innermost: libc's syscall wrapper
        resolved = list(stacks.walk(user_id, resolve=lambda addr: BPF.sym(addr, os.getpid())))
        assert resolved == names
        # Stack trace maps have no batch commands; reads fall back to one entry at a time.
        entries = stacks.items()
        assert user_id in [k.value for k, _ in entries]
        _k, _v, count, used_batch = core.map_read_all(stacks.map_fd, 4, ct.sizeof(stacks.Leaf), 64, False)
        assert count == len(entries) and used_batch is False
        with pytest.raises(KeyError):
            list(stacks.walk(63 if user_id != 63 else 62))
        stacks.clear()
        assert len(stacks) == 0


def test_kernel_stack_of_a_tracepoint_walks_and_symbolizes():
    with BPF(text=STACKS) as b:
        mine(b)
        os.getppid()
        kernel_id = b["ids"][1].value
        if kernel_id == -14:  # -EFAULT
            pytest.skip("this kernel returns -EFAULT for the kernel stack of a syscall tracepoint program")
        assert kernel_id >= 0
        kernel = [BPF.ksym(addr) for addr in b["stacks"].walk(kernel_id)]
        assert b"do_syscall_64" in kernel, kernel
        assert list(b["stacks"].walk(kernel_id, resolve=BPF.ksym)) == kernel


BUILD_ID_STACKS = MINE + r"""
struct build_id_stack_t { struct bpf_stack_build_id trace[127]; };
BPF_F_TABLE("stacktrace", int, struct build_id_stack_t, stacks, 16, 1 << 5);  /* BPF_F_STACK_BUILD_ID */
BPF_HASH(ids, int, int, 2);

TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if (not_mine())
        return 0;
    int zero = 0;
    int id = stacks.get_stackid(args, (1ULL << 8));  /* BPF_F_USER_STACK */
    ids.update(&zero, &id);
    return 0;
}
"""


def libc_path():
    with open("/proc/self/maps") as f:
        for line in f:
            if "/libc.so" in line or "/libc-" in line:
                return line.split()[-1]
    pytest.skip("this python does not map a libc.so")


def test_build_id_stack_frames_symbolize_after_add_module():
    with BPF(text=BUILD_ID_STACKS) as b:
        mine(b)
        os.getppid()
        stack_id = b["ids"][0].value
        assert stack_id >= 0
        frames = list(b["stacks"].walk(stack_id))
    assert frames
    libc = libc_path()
    notes = subprocess.run(["readelf", "-n", libc], capture_output=True, text=True, check=True).stdout
    libc_id = [line.split(":")[1].strip() for line in notes.splitlines() if "Build ID" in line][0]
    first = frames[0]
    if first.status != StackTrace.BPF_STACK_BUILD_ID_VALID:
        # The kernel reads build ids only from pages in memory, without faulting.
        pytest.skip("the kernel could not read libc's build id (status %d)" % first.status)
    assert bytes(first.build_id).hex().startswith(libc_id)
    assert BPF.add_module(libc)
    assert b"getppid" in BPF.sym(first, -1)
    assert BPF.sym(first, -1, show_module=True).endswith(b"[%s]" % os.path.basename(libc).encode())


KPROBE_STACKS = MINE + r"""
BPF_TABLE("stacktrace", int, struct { u64 ip[127]; }, stacks, 16);
BPF_HASH(seen, int, u64, 4);

int on_getppid(struct pt_regs *ctx) {
    if (not_mine())
        return 0;
    int ip_at = 0, stack_at = 1;
    u64 ip = PT_REGS_IP(ctx);
    u64 id = stacks.get_stackid(ctx, 0);
    seen.update(&ip_at, &ip);
    seen.update(&stack_at, &id);
    return 0;
}
"""


@pytest.mark.skipif(not core.kernel_info()["kprobe_pmu"], reason="this kernel has no kprobe PMU (CONFIG_KPROBES)")
def test_kprobe_ip_and_kernel_stack_symbolize_to_the_probed_function():
    with BPF(text=KPROBE_STACKS) as b:
        mine(b)
        fn = b.get_syscall_fnname("getppid")
        b.attach_kprobe(event=fn, fn_name="on_getppid")
        os.getppid()
        seen = b["seen"]
        ip, stack_id = seen[0].value, seen[1].value
        # Argument-less syscalls share one body under several names (__x64_, __ia32_...).
        names = aliases(BPF.ksymname(fn))
        assert fn in names
        assert BPF.ksym(ip) in names
        assert BPF.ksym(ip, show_module=True) == BPF.ksym(ip) + b" [kernel]"
        frames = [BPF.ksym(addr) for addr in b["stacks"].walk(stack_id)]
        assert frames[0] in names and b"do_syscall_64" in frames


def aliases(addr):
    """The names /proc/kallsyms lists at addr."""
    with open("/proc/kallsyms") as f:
        return {line.split()[2].encode() for line in f if int(line.split()[0], 16) == addr}
