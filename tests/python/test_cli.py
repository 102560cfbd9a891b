import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tracekit(*args):
    return subprocess.run(["/usr/bin/python3", "-c", "import sys; from tracekit.cli import main; sys.exit(main())"]
                          + list(args), capture_output=True, text=True)


def test_list_shows_tools_with_descriptions():
    out = tracekit("list")
    assert out.returncode == 0
    lines = dict(l.split(None, 1) for l in out.stdout.splitlines())
    assert lines["execsnoop"].startswith("trace new processes")


def test_unknown_tool_is_an_error():
    out = tracekit("nosuchtool")
    assert out.returncode == 2
    assert "no tool named 'nosuchtool'" in out.stderr


def test_installed_command_runs():
    out = subprocess.run(["tracekit", "list"], capture_output=True, text=True)
    assert out.returncode == 0 and "execsnoop" in out.stdout
