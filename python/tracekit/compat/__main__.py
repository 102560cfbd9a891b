import runpy
import sys

from . import install


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: python3 -m tracekit.compat script.py [args...]\n")
        return 2
    install()
    sys.argv = sys.argv[1:]
    sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(sys.argv[0])))
    runpy.run_path(sys.argv[0], run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
