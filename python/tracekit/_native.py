"""Loads tracekit._core: installed next to this file, or, when running from a source checkout
(python/ on sys.path), from the build tree ($TRACEKIT_BUILD_DIR or <checkout>/build)."""

import sys

try:
    from . import _core  # noqa: F401
except ImportError:
    import importlib.machinery
    import importlib.util
    import os

    _here = os.path.dirname(os.path.abspath(__file__))
    _build = os.environ.get("TRACEKIT_BUILD_DIR") or os.path.join(_here, "..", "..", "build")
    _dir = os.path.join(_build, "python", "tracekit")
    _found = None
    if os.path.isdir(_dir):
        for _name in sorted(os.listdir(_dir)):
            if _name.startswith("_core") and _name.endswith(".so"):
                _found = os.path.join(_dir, _name)
    if _found is None:
        raise ImportError(
            "tracekit's native module _core is not built; run scripts/setup "
            "(or set TRACEKIT_BUILD_DIR to a build directory)")
    _loader = importlib.machinery.ExtensionFileLoader("tracekit._core", _found)
    _spec = importlib.util.spec_from_file_location("tracekit._core", _found, loader=_loader)
    _core = importlib.util.module_from_spec(_spec)
    _loader.exec_module(_core)
    sys.modules["tracekit._core"] = _core

core = sys.modules["tracekit._core"]
