"""The BPF program as text and as code: the source BPF() compiles (source.py), the container
filters tools put in front of it (containers.py), its instructions and table layouts as text
(disassembler.py), and the BPF class's load_func/dump_func methods (methods.py)."""
