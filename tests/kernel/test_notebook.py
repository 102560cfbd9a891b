"""tracekit in a notebook: histogram tables render as charts with BCC's buckets and convert to
data frames, stack tables and stack tools render as flame graphs, live() cleans up however it
ends, and the example notebook (docs/notebooks/) runs in a real kernel as root, shows the
workload's counts and frames, and its HTML export renders in a browser."""

import json
import os
import re
import subprocess

import pytest

from support import chromium
from support.processes import ROOT, TIMEOUT_SCALE

NOTEBOOK = os.path.join(ROOT, "docs", "notebooks", "diagnose-block-io-and-cpu.ipynb")
SVG_BUCKET = re.compile(r'data-low="(\d+)" data-high="(\d+)" data-count="(\d+)"')

LSEEK_HISTOGRAM = """
BPF_HISTOGRAM(offsets);
TRACEPOINT_PROBE(syscalls, sys_enter_lseek) {
    if ((bpf_get_current_pid_tgid() >> 32) != %d || args->whence != 2) return 0;  /* SEEK_END */
    offsets.increment(bpf_log2l(args->offset));
    return 0;
}
"""


def seek_workload(path, offsets):
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        for offset in offsets:
            os.lseek(fd, offset, os.SEEK_END)  # Python's own seeks are SEEK_SET/SEEK_CUR
    finally:
        os.close(fd)


def test_histogram_table_renders_bcc_buckets_as_a_chart(tmp_path, capsys):
    from tracekit import BPF
    with BPF(text=LSEEK_HISTOGRAM % os.getpid()) as b:
        seek_workload(tmp_path / "f", [5, 5, 6, 100, 100])
        html = b["offsets"]._repr_html_()
        b["offsets"].print_log2_hist("offset")
    buckets = [(int(lo), int(hi), int(n)) for lo, hi, n in SVG_BUCKET.findall(html)]
    assert (4, 7, 3) in buckets and (64, 127, 2) in buckets
    assert sum(n for _, _, n in buckets) == 5
    # The same rows as the text histogram BCC prints.
    text_rows = [l for l in capsys.readouterr().out.splitlines() if "->" in l]
    assert len(text_rows) == len(buckets)


def test_to_dataframe_decodes_keys_and_values():
    pandas = pytest.importorskip("pandas", reason="needs python3-pandas")
    from tracekit import BPF
    program = """
    struct key_t { u32 pid; char comm[16]; };
    BPF_HASH(calls, struct key_t, u64);
    TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
        struct key_t k = {.pid = bpf_get_current_pid_tgid() >> 32};
        if (k.pid != %d) return 0;
        bpf_get_current_comm(&k.comm, sizeof(k.comm));
        calls.increment(k);
        return 0;
    }""" % os.getpid()
    with BPF(text=program) as b:
        for _ in range(7):
            os.getppid()
        frame = b["calls"].to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["pid", "comm", "value"]
    row = frame.iloc[0]
    assert (row["pid"], row["value"]) == (os.getpid(), 7)
    assert row["comm"] == open("/proc/self/comm").read().strip()


def test_stack_table_and_stack_tool_render_as_flame_graphs():
    import tracekit.notebook as tkn
    from tracekit import PerfSWConfig, PerfType
    busy = subprocess.Popen(["yes"], stdout=subprocess.DEVNULL)
    try:
        prof = tkn.tool_program("profile", {"USER_STACKS": 1, "KERNEL_STACKS": 1, "FILTER_PID": busy.pid})
        prof.attach_perf_event(ev_type=PerfType.SOFTWARE, ev_config=PerfSWConfig.CPU_CLOCK,
                               fn_name="do_perf_event", sample_freq=199)
        deadline = 10 * TIMEOUT_SCALE
        while not len(prof["counts"]) and deadline > 0:
            subprocess.run(["sleep", "0.2"])
            deadline -= 0.2
        graph = tkn.flamegraph(prof, title="yes")
        stack_html = prof["stack_traces"]._repr_html_()
        prof.cleanup()
    finally:
        busy.kill()
        busy.wait()
    assert graph.stacks.root.children.get("yes"), graph.stacks.root.children.keys()
    assert 'data-name="yes" data-kind=""' in graph._repr_html_()
    assert '<g class="frame"' in stack_html and 'data-kind="kernel"' in stack_html


def test_live_cleans_up_when_interrupted():
    import tracekit.notebook as tkn
    from tracekit import BPF
    b = BPF(text=LSEEK_HISTOGRAM % os.getpid())
    assert b.num_open_tracepoints() == 1
    calls = []

    def render():
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # what interrupting the cell does
        return "frame %d" % len(calls)

    tkn.live(render, every=0.01, cleanup=b.cleanup)
    assert len(calls) == 2 and b.num_open_tracepoints() == 0


@pytest.fixture(scope="module")
def kernel_spec(tmp_path_factory):
    """A Jupyter kernel that runs this checkout's tracekit with Debian's python3 as root."""
    pytest.importorskip("nbclient", reason="needs python3-nbclient and python3-ipykernel")
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / "tracekit-root"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (root)", "language": "python"}))
    os.environ["JUPYTER_PATH"] = str(home)
    return "tracekit-root"


def outputs_of(nb):
    texts, htmls = [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out["text"])
            elif out.get("output_type") in ("execute_result", "display_data"):
                htmls.append(out["data"].get("text/html", ""))
                texts.append(out["data"].get("text/plain", ""))
            elif out.get("output_type") == "error":
                raise AssertionError("cell failed: %s\n%s" % (out["ename"], "\n".join(out["traceback"])))
    return "\n".join(texts), htmls


@pytest.fixture(scope="module")
def executed_notebook(kernel_spec):
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name=kernel_spec, timeout=int(120 * TIMEOUT_SCALE),
                   resources={"metadata": {"path": ROOT}}).execute()
    return nb


def test_example_notebook_shows_the_workload(executed_notebook):
    text, htmls = outputs_of(executed_notebook)
    assert "write requests seen: 64 of 64 issued" in text
    histogram = next(h for h in htmls if "tracekit-histogram" in h and "flags =" in h)
    sections = re.findall(r"flags = ([\w-]+)", histogram)
    assert sections and all("Write" in s for s in sections)
    assert sum(int(n) for _, _, n in SVG_BUCKET.findall(histogram)) == 64
    graph = next(h for h in htmls if 'class="frame"' in h)
    assert 'data-name="yes"' in graph and 'data-kind="kernel"' in graph


def test_example_notebook_html_export_renders(executed_notebook, tmp_path):
    if not chromium.available():
        pytest.skip("needs Debian's chromium and python3-websocket (scripts/setup installs them)")
    from nbconvert import HTMLExporter
    body, _ = HTMLExporter().from_notebook_node(executed_notebook)
    page = tmp_path / "notebook.html"
    page.write_text(body)
    with chromium.Browser() as browser:
        browser.open(str(page))
        counts = browser.evaluate(
            "Array.prototype.filter.call(document.querySelectorAll('svg.tracekit-histogram'),"
            " function (svg) { return svg.textContent.indexOf('flags =') >= 0; })"
            ".flatMap(function (svg) { return Array.from(svg.querySelectorAll('g.bucket')); })"
            ".map(function (g) { return parseInt(g.getAttribute('data-count'), 10); })")
        graph = browser.evaluate("document.querySelectorAll('svg g.frame').length")
        share = browser.evaluate(
            "(function () { var svg = document.querySelector('svg[data-total]');"
            " return svg.tracekit ? svg.tracekit.search('^yes$') : null; })()")
        assert sum(counts) == 64 and graph > 3
        assert share == 100.0  # every sample is the yes process's
        assert browser.errors == []


def test_a_restarted_kernel_leaves_no_program_behind(kernel_spec):
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name=kernel_spec)
    marker = "tk_restart_%d" % os.getpid()
    try:
        client.execute_interactive(
            "from tracekit import BPF\n"
            "b = BPF(text='int %s(void *ctx) { return 0; }')\n"
            "b.attach_tracepoint(tp='syscalls:sys_enter_getppid', fn_name='%s')\n" % (marker, marker),
            timeout=120 * TIMEOUT_SCALE)
        assert marker[:15] in subprocess.run(["bpftool", "prog", "show"], capture_output=True, text=True).stdout
        manager.restart_kernel(now=True)  # kills the kernel process: its fds, and probes, go
        assert marker[:15] not in subprocess.run(["bpftool", "prog", "show"], capture_output=True, text=True).stdout
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
