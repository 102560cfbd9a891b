"""Tables of real maps: the mapping protocol, batch operations, per-CPU values, ctypes keys and
leaves of every shape, and histograms printed from what a program counted.

The programs count this process's lseek(2) calls on one file descriptor, whose arguments the
test chooses, so each table ends up with exactly the entries the test expects (Python itself
seeks other files). The pid and fd filter is a map, not -D flags, so the compiled object is
cached across runs.
"""

import contextlib
import ctypes as ct
import io
import os

import pytest

from tracekit import BPF
from tracekit._native import core
from tracekit.errors import TracekitError
from tracekit.utils import get_possible_cpus

FILTER = r"""
BPF_ARRAY(tk_config, u32, 2);  /* [0] pid, [1] fd */
static inline int not_mine(u32 fd) {
    int pid_at = 0, fd_at = 1;
    u32 *pid = tk_config.lookup(&pid_at), *want = tk_config.lookup(&fd_at);
    return !pid || !want || *pid != (bpf_get_current_pid_tgid() >> 32) || *want != fd;
}
"""

COUNTING = FILTER + r"""
struct whence_key_t { u32 whence; u32 slot; };
BPF_HASH(counts, u64, u64, 64);
BPF_ARRAY(by_whence, u64, 4);
BPF_HISTOGRAM(dist);
BPF_HISTOGRAM(sections, struct whence_key_t);
BPF_TABLE("lru_hash", u64, u64, recent, 4);

TRACEPOINT_PROBE(syscalls, sys_enter_lseek) {
    if (not_mine(args->fd))
        return 0;
    u64 offset = args->offset;
    counts.increment(offset);
    int whence = args->whence;
    by_whence.increment(whence);
    dist.increment(bpf_log2l(offset));
    struct whence_key_t key = {.whence = args->whence, .slot = bpf_log2l(offset)};
    sections.increment(key);
    u64 one = 1;
    recent.update(&offset, &one);
    return 0;
}
"""


@pytest.fixture(scope="module")
def seek_fd(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "seek"
    path.write_bytes(b"x" * 16)
    fd = os.open(str(path), os.O_RDONLY)
    yield fd
    os.close(fd)


def watch(b, fd):
    b["tk_config"][0] = os.getpid()
    b["tk_config"][1] = fd
    return b


def seek(fd, *offsets, whence=os.SEEK_SET):
    for off in offsets:
        os.lseek(fd, off, whence)


@pytest.fixture
def counting(seek_fd):
    with BPF(text=COUNTING) as b:
        yield watch(b, seek_fd)


def test_hash_holds_what_the_program_counted(counting, seek_fd):
    seek(seek_fd, 5, 5, 5, 9)
    counts = counting["counts"]
    assert sorted((k.value, v.value) for k, v in counts.items()) == [(5, 3), (9, 1)]
    assert counts[5].value == 3 and counts[ct.c_uint64(9)].value == 1
    assert 5 in counts and 6 not in counts
    assert len(counts) == 2
    assert sorted(k.value for k in counts.keys()) == [5, 9]
    assert sorted(k.value for k in counts) == [5, 9]
    assert sorted(v.value for v in counts.values()) == [1, 3]
    assert counts.get(6) is None
    with pytest.raises(KeyError):
        counts[6]


def test_hash_writes_deletes_clear_and_zero(counting):
    counts = counting["counts"]
    counts[100] = 7
    counts[counts.Key(101)] = counts.Leaf(8)
    counts.update({102: 9})
    assert counts.insert(103, 1) is True
    assert counts.insert(103, 2) is False
    assert counts[103].value == 1
    del counts[100]
    with pytest.raises(KeyError):
        del counts[100]
    assert sorted((k.value, v.value) for k, v in counts.items()) == [(101, 8), (102, 9), (103, 1)]
    counts.zero()
    assert sorted((k.value, v.value) for k, v in counts.items()) == [(101, 0), (102, 0), (103, 0)]
    counts.clear()
    assert len(counts) == 0 and counts.items() == []


def test_batch_operations(counting):
    counts = counting["counts"]
    keys = (counts.Key * 20)(*range(20))
    values = (counts.Leaf * 20)(*[i * 10 for i in range(20)])
    counts.items_update_batch(keys, values)
    batch = counts.items_lookup_batch()
    assert len(batch) == 20
    assert sorted((k.value, v.value) for k, v in batch) == [(i, i * 10) for i in range(20)]
    assert sorted(batch.keys) == list(range(20))  # the whole batch as ctypes arrays
    np = pytest.importorskip("numpy", reason="python3-numpy is not installed")
    k, v = counts.items_lookup_batch().to_numpy()
    assert isinstance(k, np.ndarray) and sorted(k.tolist()) == list(range(20))
    assert int(v.sum()) == sum(i * 10 for i in range(20))
    counts.items_delete_batch((counts.Key * 2)(3, 4))
    assert len(counts) == 18 and 3 not in counts
    taken = sorted((k.value, v.value) for k, v in counts.items_lookup_and_delete_batch())
    assert len(taken) == 18 and (19, 190) in taken
    assert len(counts) == 0
    counts.items_update_batch([1, 2], [10, 20])  # plain lists are packed for the caller
    counts.items_delete_batch()
    assert len(counts) == 0
    with pytest.raises(ValueError, match="2 keys but 1 values"):
        counts.items_update_batch([1, 2], [1])


def test_array(counting, seek_fd):
    seek(seek_fd, 1, 2, whence=os.SEEK_SET)
    seek(seek_fd, 0, whence=os.SEEK_CUR)
    arr = counting["by_whence"]
    assert len(arr) == 4
    assert [arr[i].value for i in range(4)] == [2, 1, 0, 0]
    assert arr[-4].value == 2
    assert [v.value for v in arr.values()] == [2, 1, 0, 0]
    assert [k.value for k in arr.keys()] == [0, 1, 2, 3]
    with pytest.raises(IndexError):
        arr[4]
    arr[3] = 42
    del arr[0]  # zeroes, arrays have no holes
    assert [v.value for _, v in arr.items()] == [0, 1, 0, 42]
    arr.clear()
    assert [v.value for v in arr.values()] == [0, 0, 0, 0]


def test_lru_hash_evicts_beyond_its_size(counting, seek_fd):
    seek(seek_fd, *range(1, 12))
    recent = counting["recent"]
    assert type(recent).__name__ == "LruHash"
    assert 0 < len(recent) <= 4
    assert 11 in recent  # the latest one stays


def test_log2_histogram_of_a_real_map(counting, seek_fd):
    seek(seek_fd, 1, 2, 3, 100, 100)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        counting["dist"].print_log2_hist("offset")
    assert out.getvalue() == (
        "     offset              : count     distribution\n"
        "         0 -> 1          : 1        |********************                    |\n"
        "         2 -> 3          : 2        |****************************************|\n"
        "         4 -> 7          : 0        |                                        |\n"
        "         8 -> 15         : 0        |                                        |\n"
        "        16 -> 31         : 0        |                                        |\n"
        "        32 -> 63         : 0        |                                        |\n"
        "        64 -> 127        : 2        |****************************************|\n")


def test_sectioned_histogram_of_a_real_map(counting, seek_fd):
    seek(seek_fd, 2, whence=os.SEEK_SET)  # bpf_log2l(2) == 2
    seek(seek_fd, 0, whence=os.SEEK_CUR)  # bpf_log2l(0) == 1, as in BCC
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        counting["sections"].print_linear_hist("slot", section_header="whence", bucket_sort_fn=sorted,
                                               section_print_fn=lambda w: ["SET", "CUR", "END"][w])
    assert out.getvalue() == (
        "\n"
        "whence = SET\n"
        "     slot          : count     distribution\n"
        "        0          : 0        |                                        |\n"
        "        1          : 0        |                                        |\n"
        "        2          : 1        |****************************************|\n"
        "\n"
        "whence = CUR\n"
        "     slot          : count     distribution\n"
        "        0          : 0        |                                        |\n"
        "        1          : 1        |****************************************|\n")


PERCPU = FILTER + r"""
struct odd_t { u32 a; u16 b; };
BPF_PERCPU_ARRAY(calls, u32, 2);
BPF_PERCPU_HASH(per_offset, u64, u64, 16);
BPF_PERCPU_HASH(odd, u32, struct odd_t, 4);
BPF_TABLE("lru_percpu_hash", u32, u64, lru_calls, 4);

TRACEPOINT_PROBE(syscalls, sys_enter_lseek) {
    if (not_mine(args->fd))
        return 0;
    int zero = 0;
    calls.increment(zero);
    u64 offset = args->offset;
    per_offset.increment(offset, 10);
    u32 k = 1;
    lru_calls.increment(k);
    struct odd_t init = {};
    struct odd_t *o = odd.lookup_or_try_init(&k, &init);
    if (o) { o->a += 1; o->b = 7; }
    return 0;
}
"""


def on_cpu(cpu, fn):
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu})
    try:
        fn()
    finally:
        os.sched_setaffinity(0, before)


def test_per_cpu_values_sum_max_average_and_reducer(seek_fd):
    cpus = len(get_possible_cpus())
    online = sorted(os.sched_getaffinity(0))
    if len(online) < 2:
        pytest.skip("needs two CPUs to show per-CPU values")
    with BPF(text=PERCPU) as b:
        watch(b, seek_fd)
        on_cpu(online[0], lambda: seek(seek_fd, 3, 3))
        on_cpu(online[1], lambda: seek(seek_fd, 3, 3, 3))
        calls = b["calls"]
        assert len(calls[0]) == cpus
        assert calls[0][online[0]] == 2 and calls[0][online[1]] == 3
        assert calls.sum(0).value == 5 and calls.max(0).value == 3
        assert calls.average(0) == 5 / cpus
        per_offset = b["per_offset"]
        assert per_offset.sum(3).value == 50
        assert [(k.value, sum(v)) for k, v in per_offset.items()] == [(3, 50)]
        reduced = b.get_table("per_offset", reducer=lambda x, y: x + y)
        assert reduced[3] == 50
        assert [(k.value, v) for k, v in reduced.items()] == [(3, 50)]
        assert b["lru_calls"].sum(1).value == 5
        # A 6-byte leaf sits in an 8-byte slot per CPU; its fields still read by name.
        odd = b["odd"].getvalue(1)
        assert sum(v.a for v in odd) == 5 and {v.b for v in odd if v.a} == {7}
        # Writing: one value per CPU, or one value for all.
        per_offset[9] = list(range(cpus))
        assert list(per_offset.getvalue(9)) == list(range(cpus))
        per_offset[10] = 4
        assert per_offset.sum(10).value == 4 * cpus
        with pytest.raises(ValueError, match="per-CPU values"):
            per_offset[11] = [1] * (cpus + 1)
        with pytest.raises(ValueError, match="per-CPU"):
            b.get_table("tk_config", reducer=max)


TYPES = FILTER + r"""
union u_t { u32 word; u8 bytes[4]; };
struct shapes_t {
    u8 small;
    u64 big;
    union u_t u;
    u16 matrix[2][3];
    u32 flag:1, level:3, rest:28;
    unsigned __int128 wide;
    char name[8];
    s32 negative;
};
BPF_HASH(shapes, struct shapes_t, u32, 4);

TRACEPOINT_PROBE(syscalls, sys_enter_lseek) {
    if (not_mine(args->fd))
        return 0;
    struct shapes_t s = {};
    s.small = 0xab;
    s.big = 0x1122334455667788ULL;
    s.u.word = 0x04030201;
    s.matrix[1][2] = 12;
    s.flag = 1;
    s.level = 5;
    s.rest = 1000;
    s.wide = ((unsigned __int128)7 << 64) | 9;
    __builtin_memcpy(s.name, "tkname", 7);
    s.negative = -5;
    u32 one = 1;
    shapes.update(&s, &one);
    return 0;
}
"""


def test_keys_of_every_shape(seek_fd):
    with BPF(text=TYPES) as b:
        watch(b, seek_fd)
        seek(seek_fd, 1)
        shapes = b["shapes"]
        [(k, v)] = shapes.items()
        assert v.value == 1
        assert ct.sizeof(shapes.Key) == ct.sizeof(k)
        assert k.small == 0xab and k.big == 0x1122334455667788
        assert k.u.word == 0x04030201 and list(k.u.bytes) == [1, 2, 3, 4]
        assert k.matrix[1][2] == 12 and k.matrix[0][0] == 0
        assert (k.flag, k.level, k.rest) == (1, 5, 1000)
        assert list(k.wide) == [9, 7]  # __int128: two 64-bit halves, low first (BCC's form)
        assert k.name == b"tkname" and k.negative == -5
        # The same key, built in Python, finds the entry; its text form round-trips.
        again = shapes.key_scanf(shapes.key_sprintf(k))
        assert shapes[again].value == 1
        assert b"tkname" in shapes.key_sprintf(k)


def test_custom_key_and_leaf_types(counting, seek_fd):
    seek(seek_fd, 4)

    class Offset(ct.Structure):
        _fields_ = [("low", ct.c_uint32), ("high", ct.c_uint32)]

    table = counting.get_table("counts", keytype=Offset, leaftype=ct.c_int64)
    [(k, v)] = table.items()
    assert (k.low, k.high, v.value) == (4, 0, 1)


def test_conversion_errors_are_clear(counting):
    counts = counting["counts"]
    with pytest.raises(TypeError, match="key must be c_ulong"):
        counts["five"]
    with pytest.raises(ValueError, match="does not fit"):
        counts[b"123456789"]
    with pytest.raises(KeyError, match="no table named 'nope'.*counts"):
        counting["nope"]


class LpmKey(ct.Structure):
    _fields_ = [("prefixlen", ct.c_uint32), ("addr", ct.c_uint8 * 4)]


def test_lpm_trie():
    from tracekit.table import BPF_MAP_TYPE_LPM_TRIE, create_map
    no_prealloc = 1  # BPF_F_NO_PREALLOC, required for LPM tries
    table = create_map(BPF_MAP_TYPE_LPM_TRIE, 8, 8, 16, name="tk_lpm", flags=no_prealloc, keytype=LpmKey)
    assert type(table).__name__ == "LpmTrie"
    for prefix, addr, value in [(8, [10, 0, 0, 0], 1), (24, [10, 1, 2, 0], 2)]:
        table[LpmKey(prefix, (ct.c_uint8 * 4)(*addr))] = value
    assert table[LpmKey(32, (ct.c_uint8 * 4)(10, 1, 2, 3))].value == 2  # longest prefix match
    assert table[LpmKey(32, (ct.c_uint8 * 4)(10, 9, 9, 9))].value == 1
    assert sorted(v.value for v in table.values()) == [1, 2]
    table.clear()
    assert len(table) == 0
    table.close()


def test_map_errors_name_the_problem(counting):
    with pytest.raises(TracekitError) as e:
        core.map_create(1, "tk_bad", 0, 8, 4, 0, -1)  # hash maps need a key
    assert "BPF_MAP_CREATE" in str(e.value) and "tk_bad" in str(e.value)
