"""Install a test plugin distribution with pip, as an operator would, into a private directory."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def install(source: Path, target: Path) -> Path:
    """pip-install the distribution in ``source`` into ``target``; returns ``target``.

    pip builds a local project inside its folder (``build/``, ``*.egg-info``), so each
    install builds a copy: test processes running side by side would otherwise build
    in the same folder at once and install each other's half-written files.
    """
    with tempfile.TemporaryDirectory() as scratch:
        copy = shutil.copytree(source, Path(scratch) / source.name,
                               ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                        "--target", str(target), str(copy)], check=True)
    return target
