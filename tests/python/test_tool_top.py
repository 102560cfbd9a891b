"""tracekit.tools.top: BCC's top-style screens, sorted and cut at -r rows, or JSON."""

import io
import json

from tracekit.tools import cli, top
from tracekit.tools.columns import Column

COLUMNS = [Column("PID", 6), Column("COMM", 16), Column("R_Kb", 7), Column("FILE", 0, last=True)]
ROWS = [{"pid": 1, "comm": b"a", "r_kb": 5, "file": b"x"}, {"pid": 2, "comm": b"b", "r_kb": 50, "file": b"y"},
        {"pid": 3, "comm": b"c", "r_kb": 7, "file": b"z"}]


def parse(*argv):
    p = cli.parser("top-test: test", pid_option=True)
    top.add_arguments(p, ["r_kb", "pid"], "r_kb")
    return p.parse_args(list(argv))


def test_options_follow_bcc():
    args = parse("-C", "-r", "2", "-s", "pid", "1", "1")
    assert (args.noclear, args.maxrows, args.sort, args.interval, args.count) == (True, 2, "pid", 1, 1)
    try:
        parse("-s", "nosuchcolumn")
    except SystemExit as e:
        assert e.code == 2
    else:
        raise AssertionError("a sort key outside the choices is a usage error")


def test_screen_sorts_cuts_and_prints_bcc_layout():
    out = io.StringIO()
    top.screen(lambda: ROWS, COLUMNS, parse("-C", "-r", "2", "1", "1"), out=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Tracing... Output every 1 secs. Hit Ctrl-C to end"
    assert " loadavg: " in lines[2]
    assert lines[4].split() == ["PID", "COMM", "R_Kb", "FILE"]
    assert [l.split()[0] for l in lines[5:]] == ["2", "3"]  # largest R_Kb first, 2 rows


def test_json_screen_is_one_object_per_interval():
    out = io.StringIO()
    args = parse("--json", "-s", "pid", "1", "1")
    top.screen(lambda: ROWS, COLUMNS, args, out=out)
    (record,) = [json.loads(l) for l in out.getvalue().splitlines()]
    assert [r["pid"] for r in record["rows"]] == [3, 2, 1]
    assert record["rows"][0]["comm"] == "c" and len(record["loadavg"]) == 3
