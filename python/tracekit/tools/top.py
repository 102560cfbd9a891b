"""The screen loop of the top-style tools (filetop, dirtop, biotop, tcptop, cachetop,
slabratetop, ustat...), with BCC's options and layout:

    Tracing... Output every 1 secs. Hit Ctrl-C to end
    <clear screen, unless -C>
    08:00:23 loadavg: 0.91 0.33 0.23 3/286 26635

    PID    COMM             READS  WRITES R_Kb    W_Kb    T FILE
    ...at most -r rows, sorted by -s...

A tool declares its options with add_arguments() and passes a function that returns this
interval's rows (dicts keyed like its columns; it usually reads and clears a map). With
--json, each interval is one object: {"time": ..., "loadavg": [...], "rows": [...]}.
"""

import json
import sys
import time

from . import columns as columns_module


def add_arguments(p, sort_keys, default_sort, default_interval=1, maxrows=20):
    """-C/--noclear, -r/--maxrows, -s/--sort (sort_keys, largest first), interval and count."""
    from . import cli
    p.add_argument("-C", "--noclear", action="store_true", help="don't clear the screen")
    p.add_argument("-r", "--maxrows", type=cli.positive_int, default=maxrows,
                   help="maximum rows to print, default %d" % maxrows)
    p.add_argument("-s", "--sort", choices=sort_keys, default=default_sort,
                   help="sort column, default %s" % default_sort)
    p.add_argument("interval", nargs="?", type=cli.positive_int, default=default_interval,
                   help="output interval, in seconds")
    p.add_argument("count", nargs="?", type=cli.positive_int, default=None,
                   help="number of outputs")


def loadavg_line(now=None):
    """BCC's first line: "HH:MM:SS loadavg: 1m 5m 15m running/total last_pid"."""
    with open("/proc/loadavg") as f:
        loadavg = f.read().strip()
    return "%s loadavg: %s" % (time.strftime("%H:%M:%S", now or time.localtime()), loadavg)


def sorted_rows(rows, sort_key, maxrows, tie_key=None):
    """The maxrows largest rows by sort_key (ties by tie_key, then stable)."""
    key = (lambda r: (r.get(sort_key, 0), r.get(tie_key, 0))) if tie_key else (lambda r: r.get(sort_key, 0))
    return sorted(rows, key=key, reverse=True)[:maxrows]


def screen(rows_fn, cols, args, banner="Tracing... Output every %d secs. Hit Ctrl-C to end",
           tie_key=None, out=None, after_rows=None):
    """Prints a screen every args.interval seconds (args.count times at most, until Ctrl-C):
    rows_fn() gives the rows of the interval just ended."""
    out = out or sys.stdout
    table = columns_module.Table(cols, as_json=False, out=out)
    status = sys.stderr if args.json else out
    status.write((banner % args.interval if "%d" in banner else banner) + "\n")
    status.flush()
    remaining = args.count
    try:
        while remaining is None or remaining > 0:
            time.sleep(args.interval)
            now = time.localtime()
            rows = sorted_rows(rows_fn(), args.sort, args.maxrows, tie_key)
            if args.json:
                _json_screen(out, now, rows, cols)
            else:
                if not args.noclear:
                    out.write("\033[H\033[J")  # home, clear to the end: what `clear` prints
                else:
                    out.write("\n")
                out.write(loadavg_line(now) + "\n\n")
                table.header()
                for row in rows:
                    table.row(row)
                if after_rows:
                    after_rows(out)
            out.flush()
            if remaining is not None:
                remaining -= 1
    except KeyboardInterrupt:
        pass


def _json_screen(out, now, rows, cols):
    with open("/proc/loadavg") as f:
        loadavg = [float(x) for x in f.read().split()[:3]]
    keys = [c.key for c in cols]
    records = []
    for row in rows:
        record = {}
        for key in keys + [k for k in row if k not in keys]:
            value = row.get(key)
            record[key] = value.decode(errors="replace") if isinstance(value, bytes) else value
        records.append(record)
    out.write(json.dumps({"time": time.strftime("%H:%M:%S", now), "loadavg": loadavg, "rows": records}) + "\n")
