"""C types in Python: ctypes types built from the layouts the compiler records (layout.py),
their text form for BCC's key_sprintf/leaf_scanf (text.py), and numpy views of arrays of
them (numpy_views.py). No kernel access here."""
