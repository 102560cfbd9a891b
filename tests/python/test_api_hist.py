"""Histogram text, byte for byte, against BCC's documented format: the header line
("     <val_type padded to 19> : count     distribution"), rows "<low 10 wide> -> <high left,
10 wide> : <count left, 8 wide> |<40-wide bar>|", slot 1 shown as 0 -> 1, the 20-digit layout
with 20-star bars when a slot above 32 is used, and "\\n<header> = <bucket>" above each section.

The tables here are fakes holding (key, leaf) pairs, so rendering and collection are tested
without a kernel; tests/kernel/test_api_tables.py prints histograms of real maps.
"""

import contextlib
import ctypes as ct
import io

import pytest

from tracekit.render import histograms as hist
from tracekit.tables.base import TableBase


class FakeTable:
    """What table_hist reads: Key, and items() of (Key, Leaf)."""

    def __init__(self, key_type, pairs):
        self.Key = key_type
        self._pairs = pairs

    def items(self):
        return self._pairs

    print_log2_hist = TableBase.print_log2_hist
    print_linear_hist = TableBase.print_linear_hist
    print_json_hist = TableBase.print_json_hist


def slots(**counts):
    return FakeTable(ct.c_int, [(ct.c_int(int(k[1:])), ct.c_ulonglong(v)) for k, v in counts.items()])


class SectionKey(ct.Structure):
    _fields_ = [("pid", ct.c_uint32), ("slot", ct.c_uint32)]


def sectioned(pairs):
    out = []
    for (pid, slot), count in pairs:
        k = SectionKey()
        k.pid, k.slot = pid, slot
        out.append((k, ct.c_ulonglong(count)))
    return FakeTable(SectionKey, out)


def printed(fn, *args, **kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args, **kwargs)
    return out.getvalue()


def test_empty_histogram_prints_nothing():
    assert printed(slots().print_log2_hist, "usecs") == ""
    assert printed(slots().print_linear_hist, "usecs") == ""


def test_only_slot_zero_prints_nothing_as_in_bcc():
    assert printed(slots(s0=7).print_log2_hist) == ""


def test_one_slot():
    expected = (
        "     usecs               : count     distribution\n"
        "         0 -> 1          : 3        |****************************************|\n"
    )
    assert printed(slots(s1=3).print_log2_hist, "usecs") == expected


def test_several_slots_with_proportional_bars():
    expected = (
        "     msecs               : count     distribution\n"
        "         0 -> 1          : 0        |                                        |\n"
        "         2 -> 3          : 10       |****************************************|\n"
        "         4 -> 7          : 1        |****                                    |\n"
        "         8 -> 15         : 3        |************                            |\n"
        "        16 -> 31         : 0        |                                        |\n"
        "        32 -> 63         : 5        |********************                    |\n"
    )
    assert printed(slots(s2=10, s3=1, s4=3, s6=5).print_log2_hist, "msecs") == expected


def test_strip_leading_zero_starts_at_the_first_count():
    expected = (
        "     value               : count     distribution\n"
        "         8 -> 15         : 3        |****************************************|\n"
        "        16 -> 31         : 0        |                                        |\n"
        "        32 -> 63         : 1        |*************                           |\n"
    )
    assert printed(slots(s4=3, s6=1).print_log2_hist, strip_leading_zero=True) == expected


def test_slot_above_32_uses_the_wide_layout_and_20_star_bars():
    table = slots(s1=1, s33=2, s34=4)
    lines = printed(table.print_log2_hist, "bytes").split("\n")
    assert lines[0] == "               bytes                         : count     distribution"
    assert lines[1] == "                   0 -> 1                    : 1        |*****               |"
    assert lines[2] == "                   2 -> 3                    : 0        |                    |"
    assert lines[32] == "          2147483648 -> 4294967295           : 0        |                    |"
    assert lines[33] == "          4294967296 -> 8589934591           : 2        |**********          |"
    assert lines[34] == "          8589934592 -> 17179869183          : 4        |********************|"
    assert lines[35] == ""
    assert len(lines) == 36


def test_sections_show_the_bucket_with_repr():
    table = sectioned([((7, 1), 2), ((7, 2), 4), ((9, 3), 1)])
    expected = (
        "\n"
        "Bucket ptr = 7\n"
        "     value               : count     distribution\n"
        "         0 -> 1          : 2        |********************                    |\n"
        "         2 -> 3          : 4        |****************************************|\n"
        "\n"
        "Bucket ptr = 9\n"
        "     value               : count     distribution\n"
        "         0 -> 1          : 0        |                                        |\n"
        "         2 -> 3          : 0        |                                        |\n"
        "         4 -> 7          : 1        |****************************************|\n"
    )
    assert printed(table.print_log2_hist) == expected


def test_sections_with_print_fn_sort_fn_and_bucket_fn():
    table = sectioned([((9, 1), 1), ((7, 1), 1), ((8, 1), 3)])
    out = printed(table.print_log2_hist, "usecs", section_header="pid",
                  section_print_fn=lambda pid: "process %d" % pid,
                  bucket_fn=lambda pid: pid // 2 * 2,  # 7 -> 6, 8 and 9 -> 8
                  bucket_sort_fn=sorted)
    expected = (
        "\n"
        "pid = process 6\n"
        "     usecs               : count     distribution\n"
        "         0 -> 1          : 1        |****************************************|\n"
        "\n"
        "pid = process 8\n"
        "     usecs               : count     distribution\n"
        "         0 -> 1          : 3        |****************************************|\n"
    )
    # Buckets 8 and 9 both map to 8; the last one read (pid 8's 3) wins the slot, as in BCC.
    assert out == expected


def test_linear():
    expected = (
        "     kbytes        : count     distribution\n"
        "        0          : 0        |                                        |\n"
        "        1          : 2        |****************************************|\n"
        "        2          : 0        |                                        |\n"
        "        3          : 1        |********************                    |\n"
    )
    assert printed(slots(s1=2, s3=1).print_linear_hist, "kbytes") == expected


def test_linear_sections_and_strip_leading_zero():
    table = sectioned([((5, 2), 1), ((5, 4), 2)])
    expected = (
        "\n"
        "Bucket ptr = 5\n"
        "     value         : count     distribution\n"
        "        2          : 1        |********************                    |\n"
        "        3          : 0        |                                        |\n"
        "        4          : 2        |****************************************|\n"
    )
    assert printed(table.print_linear_hist, strip_leading_zero=True) == expected


def test_linear_index_beyond_the_maximum_is_a_clear_error():
    with pytest.raises(IndexError, match="exceeds max of 1025"):
        printed(slots(s2000=1).print_linear_hist)


def test_json(monkeypatch):
    monkeypatch.setattr(hist, "now", lambda: "2024-05-01 12:00:00")
    expected = ("{'ts': '2024-05-01 12:00:00', 'val_type': 'usecs', 'data': ["
                "{'interval-start': 0, 'interval-end': 1, 'count': 2}, "
                "{'interval-start': 2, 'interval-end': 3, 'count': 0}, "
                "{'interval-start': 4, 'interval-end': 7, 'count': 5}]}\n")
    assert printed(slots(s1=2, s3=5).print_json_hist, "usecs") == expected


def test_json_sections(monkeypatch):
    monkeypatch.setattr(hist, "now", lambda: "2024-05-01 12:00:00")
    table = sectioned([((3, 1), 1)])
    expected = ("{'ts': '2024-05-01 12:00:00', 'val_type': 'value', 'data': ["
                "{'interval-start': 0, 'interval-end': 1, 'count': 1}], 'disk': 'sd3'}\n")
    assert printed(table.print_json_hist, section_header="disk", section_print_fn=lambda b: "sd%d" % b) == expected


def test_json_empty(monkeypatch):
    monkeypatch.setattr(hist, "now", lambda: "2024-05-01 12:00:00")
    assert printed(slots().print_json_hist) == "{'ts': '2024-05-01 12:00:00', 'val_type': 'value', 'data': []}\n"


def test_stars_rounding_and_overflow_marker():
    assert hist.stars(1, 3, 40) == "*" * 13  # 13.33 -> 13
    assert hist.stars(3, 3, 40) == "*" * 40
    assert hist.stars(0, 3, 40) == ""
    assert hist.stars(5, 3, 40) == "*" * 39 + "+"


def test_same_text_as_the_installed_bcc():
    """Differential check against python3-bpfcc's own renderer, when it is installed."""
    bcc_table = pytest.importorskip("bcc.table", reason="python3-bpfcc is not installed")
    import random
    rng = random.Random(5)
    for _ in range(300):
        vals = [0] * hist.LOG2_INDEX_MAX
        top = rng.choice([1, 5, 32, 33, 60])
        for _ in range(rng.randint(1, 5)):
            vals[rng.randint(0, top)] = rng.choice([1, 2, 9, 1000, 10 ** 7])
        strip = rng.choice([None, True])
        ours = "".join(line + "\n" for line in hist.log2_lines(vals, "usecs", strip))
        assert printed(bcc_table._print_log2_hist, vals, "usecs", strip) == ours
        ours = "".join(line + "\n" for line in hist.linear_lines(vals, "ms", strip))
        assert printed(bcc_table._print_linear_hist, vals, "ms", strip) == ours
