from tracekit.kernel.trace_pipe import parse_line


def test_parses_a_bpf_trace_printk_line():
    line = b"          python3-1234    [001] d..31  2051.813828: bpf_trace_printk: Hello, World! uid=0"
    assert parse_line(line) == (b"python3", 1234, 1, b"d..31", 2051.813828, b"Hello, World! uid=0")


def test_task_names_with_dashes_and_unknown_comm():
    assert parse_line(b"   kworker/u4:2-ev-99 [000] ....  1.5: bpf_trace_printk: x")[0:2] == (b"kworker/u4:2-ev", 99)
    assert parse_line(b"           <...>-7300    [000] d..31 12.000001: bpf_trace_printk: hi")[0:2] == (b"<...>", 7300)


def test_tgid_column_is_skipped():
    line = b"            bash-1234    (   1200) [003] d..3. 10.25: bpf_trace_printk: msg"
    assert parse_line(line) == (b"bash", 1234, 3, b"d..3.", 10.25, b"msg")


def test_other_lines_are_not_events():
    assert parse_line(b"CPU:1 [LOST 3 EVENTS]") is None
