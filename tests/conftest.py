"""Shared by every pytest suite: tests import this checkout's tracekit (python/ with the native
module from build/), not an installed copy."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
os.environ.setdefault("TRACEKIT_BUILD_DIR", os.path.join(ROOT, os.environ.get("TRACEKIT_BUILD_DIR", "build")))
# Child processes (tools, compat runs) see the same package.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [os.path.join(ROOT, "python")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
