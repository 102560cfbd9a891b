"""Addresses to names and names to files: kernel and user symbolization (resolve.py),
binaries and shared libraries by short name, path or mount namespace (binaries.py), and the
BPF class's symbol methods (methods.py)."""
