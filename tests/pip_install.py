"""Install a test distribution with pip, as an operator would install a plugin package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def pip_install(source: str | Path, target: Path) -> Path:
    """Install the distribution at ``source`` into the directory ``target``; returns ``target``.

    pip builds from a private copy of ``source``: setuptools writes ``build/`` and
    ``*.egg-info`` beside the sources, which parallel test workers would otherwise share.
    """
    copy = target.with_name(target.name + "-src")
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(copy)], check=True)
    return target
