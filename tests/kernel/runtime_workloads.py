"""Language runtime processes the u* tools' tests trace: a small program in each language that
reads commands on stdin ("calls 7", "alloc 5", "gc", "thread NAME"...), does exactly that with
uniquely named methods, classes and threads, and answers "ok <command> <detail>" when done.

    with runtime_workloads.start("java") as w:     # w.pid
        ...start the tool, wait for its header...
        w.do("calls 7")                             # returns the detail part of the answer

Java classes are compiled once per test session (the java_classes fixture, ~4 s of javac)."""

import os
import shutil
import subprocess
import tempfile

import pytest

from support.processes import TIMEOUT_SCALE

JAVA_SOURCE = r"""
import java.io.*;
import java.util.*;

public class TkLangWorkload {
    static long sink;
    static List<Object> kept = new ArrayList<>();

    static class TkLangObject { int[] payload; }

    static class TkLangRunnable implements Runnable {  // not a lambda: no metafactory bootstrap
        public void run() { sink++; }
    }

    static int tkLangInner(int x) { return x * 3 + 1; }
    static int tkLangOuter(int x) { return tkLangInner(x) + 1; }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ok ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.split(" ");
            String detail = "";
            if (w[0].equals("calls")) {
                for (int i = 0; i < Integer.parseInt(w[1]); i++) sink += tkLangOuter(i);
            } else if (w[0].equals("alloc")) {
                for (int i = 0; i < Integer.parseInt(w[1]); i++) kept.add(new TkLangObject());
            } else if (w[0].equals("thread")) {
                Thread t = new Thread(new TkLangRunnable(), w[1]);
                t.start();
                t.join();
            } else if (w[0].equals("gc")) {
                kept.clear();
                System.gc();
            }
            System.out.println("ok " + w[0] + " " + detail);
        }
    }
}
"""

PYTHON_SOURCE = r"""
import ctypes, gc, os, sys, threading
gc.disable()  # only the collections the test asks for
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
print("ok ready", flush=True)
for line in sys.stdin:
    w = line.split()
    detail = ""
    if w[0] == "gc":
        for i in range(int(w[1])):
            a = []; a.append(a)  # unreachable cycles for gc.collect() to find
        del a
        detail = str(gc.collect())
    elif w[0] == "import":
        __import__(w[1])  # the C import path, which fires import__find__load__*
    elif w[0] == "malloc":
        blocks = [libc.malloc(int(w[2])) for i in range(int(w[1]))]
        for b in blocks:
            libc.free(ctypes.c_void_p(b))
    elif w[0] == "getppid":
        for i in range(int(w[1])):
            os.getppid()
    elif w[0] == "thread":
        t = threading.Thread(target=lambda: None, name=w[1])
        t.start()
        detail = str(t.native_id)
        t.join()
    print("ok", w[0], detail, flush=True)
"""

RUBY_SOURCE = r"""
$stdout.sync = true
class TkRubyMarker
  def tk_ruby_inner(x) x + 1 end
  def tk_ruby_outer(x) tk_ruby_inner(x) * 2 end
end
GC.disable
kept = []
puts "ok ready"
while (line = $stdin.gets)
  w = line.split
  case w[0]
  when "calls"
    # Ruby fires method__entry for Ruby-defined methods only while a call TracePoint is on.
    m = TkRubyMarker.new
    calls = TracePoint.new(:call) {}
    calls.enable
    w[1].to_i.times { |i| m.tk_ruby_outer(i) }
    calls.disable
  when "alloc" then w[1].to_i.times { kept << TkRubyMarker.new }
  when "gc" then GC.enable; kept.clear; GC.start; GC.disable
  end
  puts "ok #{w[0]} "
end
"""

PHP_SOURCE = r"""<?php
class TkPhpMarker {
    function tk_php_method($x) { return $x + 1; }
}
function tk_php_function($x) { return $x * 2; }
echo "ok ready\n";
while (($line = fgets(STDIN)) !== false) {
    $w = explode(" ", trim($line));
    if ($w[0] == "calls") {
        $m = new TkPhpMarker();
        for ($i = 0; $i < intval($w[1]); $i++) { tk_php_function($i); $m->tk_php_method($i); }
    }
    echo "ok " . $w[0] . " \n";
}
"""

RUNTIME_PROGRAMS = {"python": "/usr/bin/python3", "ruby": "ruby", "php": "php"}


def missing(language):
    """Why `language`'s workload cannot run here, or None."""
    program = {"java": "java", "python": "python3", "ruby": "ruby", "php": "php"}[language]
    if shutil.which(program) is None or (language == "java" and shutil.which("javac") is None):
        package = {"java": "openjdk-17-jdk-headless", "python": "python3", "ruby": "ruby", "php": "php-cli"}
        return "%s is not installed (Debian package %s)" % (program, package[language])
    return None


class Workload:
    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=dict(os.environ, **(env or {})))
        self.pid = self.proc.pid
        self._expect("ready")

    def _expect(self, command):
        line = self.proc.stdout.readline().decode()
        if not line.startswith("ok " + command):
            raise AssertionError("workload %d answered %r to %r" % (self.pid, line, command))
        return line[len("ok " + command):].strip()

    def do(self, command):
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()
        return self._expect(command.split()[0])

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(30 * TIMEOUT_SCALE)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture(scope="session")
def java_classes():
    """A directory holding TkLangWorkload compiled by javac (once per session)."""
    why = missing("java")
    if why:
        pytest.skip(why)
    directory = tempfile.mkdtemp(prefix="tk-java-")
    with open(os.path.join(directory, "TkLangWorkload.java"), "w") as f:
        f.write(JAVA_SOURCE)
    # Plain StringBuilder concatenation: javac's default (invokedynamic) bootstraps thousands of
    # java.lang.invoke calls on first use, which the method probes would all trace.
    subprocess.run(["javac", "-XDstringConcat=inline", "-d", directory,
                    os.path.join(directory, "TkLangWorkload.java")], check=True,
                   timeout=300 * TIMEOUT_SCALE)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def start_java(classes):
    # ExtendedDTraceProbes turns on the method and allocation probes (off by default: cost).
    return Workload(["java", "-XX:+ExtendedDTraceProbes", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                     "-cp", classes, "TkLangWorkload"])


def start(language, source_dir=None, env=None):
    """The workload of python, ruby or php (java: start_java)."""
    why = missing(language)
    if why:
        pytest.skip(why)
    source = {"python": PYTHON_SOURCE, "ruby": RUBY_SOURCE, "php": PHP_SOURCE}[language]
    fd, path = tempfile.mkstemp(prefix="tk-lang-", suffix={"python": ".py", "ruby": ".rb", "php": ".php"}[language],
                                dir=source_dir)
    with os.fdopen(fd, "w") as f:
        f.write(source)
    try:
        return Workload([RUNTIME_PROGRAMS[language], path], env=env)
    finally:
        os.unlink(path)  # the runtime has read it


def traced(workload, *args, commands=(), until=None):
    """Runs tool args[0] with args[1:] ("{pid}" is the workload's pid) around `commands`: starts
    it, waits for its banner (on stderr with --json), runs the commands, then waits for `until`
    (bytes on stdout, (bytes, how many times), or a list of those) if given and stops the tool
    with Ctrl-C.
    Returns the finished tool, with the workload's answers to the commands in .answers."""
    from support.processes import tool
    import signal
    as_json = "--json" in args
    traced_tool = tool(*[a.replace("{pid}", str(workload.pid)) for a in args])
    try:
        traced_tool.wait_for(b"Tracing", stderr=as_json)
        traced_tool.wait_for(b"" if as_json else b"\n", stderr=as_json)
        traced_tool.answers = [workload.do(command) for command in commands]
        for wanted in until if isinstance(until, list) else [until] if until is not None else []:
            needle, count = wanted if isinstance(wanted, tuple) else (wanted, 1)
            traced_tool.wait_for_count(needle, count)
        traced_tool.stop(signal.SIGINT)
    finally:
        traced_tool.stop()
    assert traced_tool.proc.returncode == 0, traced_tool.err
    return traced_tool


def json_lines(out):
    import json
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def semaphore(pid, probe_name):
    """The current value of USDT probe `probe_name`'s semaphore in process `pid` (the count of
    tracers that asked the runtime to fire it), read from /proc/PID/mem."""
    import struct
    from tracekit import USDT
    probe = next(p for p in USDT(pid=pid).enumerate_probes() if p.name.decode() == probe_name)
    with open("/proc/%d/maps" % pid) as f:
        for line in f:
            fields = line.split()
            if len(fields) < 6 or os.path.realpath(fields[5]) != os.path.realpath(probe.bin_path):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            offset = int(fields[2], 16)
            if offset <= probe.semaphore_offset < offset + end - start:
                with open("/proc/%d/mem" % pid, "rb") as mem:
                    mem.seek(start + probe.semaphore_offset - offset)
                    return struct.unpack("<H", mem.read(2))[0]
    raise AssertionError("process %d does not map the semaphore of %s" % (pid, probe_name))
