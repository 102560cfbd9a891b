"""Attaching programs: one module per kind (kernel.py: kprobes, tracepoints, raw tracepoints,
trampolines; user.py: uprobes; perf.py: perf events; network.py: XDP, tc, sockets, cgroups;
usdt.py: USDT), the attachments of a BPF object and the probe quota (registry.py), and
detaching however the process ends (lifecycle.py)."""
