"""``python benchmarks/run.py``: the same as ``python -m benchmarks``."""

import sys
from pathlib import Path

if __name__ == "__main__":
    # run as a script, sys.path[0] is this folder; the package needs the folder above it
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    from benchmarks.cli import main

    raise SystemExit(main())
