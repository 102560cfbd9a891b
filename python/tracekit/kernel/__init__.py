"""What the running kernel is and can do: capabilities found by trying (capabilities.py), the
header mode and kernel facts (info.py), CPUs, system call names, TCP states, bpf_trace_printk
output (trace_pipe.py), processes' runtimes; and the BPF class's methods over them (methods.py)."""
