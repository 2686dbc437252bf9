"""The README as a newcomer follows it: its sections' code blocks, run as written.

A test gets a *workspace*: a directory where ``.venv`` is the environment running the
tests, so that the README's ``.venv/bin/...`` commands run there as they are written.
The README's service listens on the default port; the tests serve on a free port and
put its address in the commands instead.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apiframe.conf import DEFAULT_PORT

README = Path(__file__).resolve().parents[3] / "README.md"
README_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
#: The first line of a code block that is a file: a comment naming its path.
FILE_NAME = re.compile(r"^# (\S+/\S+)\n")
#: Environment variables of the shell running the tests that a newcomer's shell would not have.
FOREIGN_VARIABLES = ("OS_", "APIFRAME_", "PYTEST_", "PYTHONPATH")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language and its text."""

    language: str
    text: str


def section(title: str) -> list[Block]:
    """The fenced code blocks of the README section ``## title``, in order."""
    text = README.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return [Block(match.group(1), match.group(2))
            for match in FENCE.finditer(text[start:end if end != -1 else len(text)])]


def files(blocks: list[Block]) -> dict[str, str]:
    """The blocks that are files (first line ``# <path>``), by path."""
    found = {}
    for block in blocks:
        match = FILE_NAME.match(block.text)
        if match:
            found[match.group(1)] = block.text
    return found


def commands(blocks: list[Block]) -> list[str]:
    """The shell blocks' texts."""
    return [block.text for block in blocks if block.language == "sh"]


def workspace(directory: Path) -> Path:
    """Make ``directory`` a place where ``.venv`` is the environment running the tests."""
    (directory / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    return directory


def shell_env(home: Path, python_path: Path | None = None) -> dict[str, str]:
    """A newcomer's shell: none of the test run's OpenStack, apiframe or pytest settings, a home of its own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(FOREIGN_VARIABLES)}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    if python_path is not None:
        env["PYTHONPATH"] = str(python_path)
    return env


def serve_arguments(command: str) -> list[str]:
    """The arguments the README gives ``.venv/bin/apiframe-api`` in ``command`` (its last ``&&`` step)."""
    program, *arguments = shlex.split(command.split("&&")[-1])
    assert program == ".venv/bin/apiframe-api", f"the README serves with {program}, the tests with apiframe-api"
    return arguments


def run(command: str, cwd: Path, env: dict[str, str], url: str | None = None) -> subprocess.CompletedProcess:
    """Run a README shell block with bash; it calls the service at ``url`` instead of the default address."""
    if url is not None:
        assert README_URL in command, f"the README's service listens on {README_URL}, not in:\n{command}"
        command = command.replace(README_URL, url)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{command}\nexited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def json_documents(output: str) -> list[Any]:
    """The JSON documents printed one after the other (curl prints no newline between them)."""
    decoder = json.JSONDecoder()
    documents, position = [], 0
    while position < len(output):
        if output[position].isspace():
            position += 1
            continue
        document, position = decoder.raw_decode(output, position)
        documents.append(document)
    return documents


def faults(documents: list[Any]) -> list[Any]:
    """The documents that are API faults: ``{"name": {"code": ..., "message": ...}}``."""
    return [document for document in documents if isinstance(document, dict) and len(document) == 1
            and isinstance(body := next(iter(document.values())), dict) and {"code", "message"} <= body.keys()]
