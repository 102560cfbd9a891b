"""Event delivery from perf and ring buffers to Python: callbacks (BCC's API) and batches
(loop.py); the BPF class's polling methods (methods.py)."""
