import sys, os, time, subprocess, resource, ctypes as ct
sys.path.insert(0, "/work/wt5/python")
import importlib.machinery, importlib.util
loader = importlib.machinery.SourceFileLoader('bench_events', '/work/wt5/bench/events')
spec = importlib.util.spec_from_loader('bench_events', loader); m = importlib.util.module_from_spec(spec); loader.exec_module(m)
subprocess.run(["gcc", "-O2", "-o", "/tmp/producer", "/work/wt5/bench/native/producer.c"], check=True)
from tracekit import BPF
def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF); return u.ru_utime + u.ru_stime
for mode in ("raw", "gen"):
    b = BPF(text=m.PROGRAM, cflags=["-DUSE_RING=1"])
    p = m.Producer("/tmp/producer", 100000, 0)
    m.set_pid(b, p.proc.pid)
    t = b["events"]
    if mode == "gen":
        g = t.batches(timeout_ms=100)
    else:
        reader = t._open_batch_reader(64)
    p.go()
    n = batches = 0; t_read = t_wait = 0.0; c0 = cpu(); w0 = time.time(); empty = 0
    while True:
        done = p.finished()
        a = time.perf_counter()
        if mode == "gen":
            batch = next(g); count = len(batch)
        else:
            time.sleep(0.002)
            bb = time.perf_counter(); t_wait += bb - a
            buf, count, lost = reader.read_batch(64, 0)
            t_read += time.perf_counter() - bb
        n += count; batches += 1; empty += count == 0
        if done and count == 0:
            break
    c = cpu() - c0
    print(mode, "events", n, "batches", batches, "empty", empty, "wall", round(time.time() - w0, 2), "cpu", round(c, 3),
          "us/event", round(c / n * 1e6, 2), "read", round(t_read, 3), "sleep", round(t_wait, 3), flush=True)
    b.cleanup()
