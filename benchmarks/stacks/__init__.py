"""The stacks under comparison, each a module exposing a WSGI ``application``.

A stack module provides:

* ``application`` — the API of :mod:`benchmarks.workload` with the default 50 extra routes;
* ``build(extra_routes: Sequence[str]) -> WSGI callable`` — the same API with the given
  extra route templates registered beside it (used by the scaling runs).

A stack whose module cannot be imported (its framework is missing, or it raises
:class:`StackUnavailable`) is reported as not available and left out of every run;
any other error while importing it is a bug and stops the run.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

STACK_MODULES = {
    "raw": "benchmarks.stacks.raw_stack",
    "falcon": "benchmarks.stacks.falcon_stack",
    "webob": "benchmarks.stacks.webob_stack",
    "apiframe": "benchmarks.stacks.apiframe_stack",
}
STACK_LABELS = {
    "raw": "(a) raw WSGI",
    "falcon": "(b) Falcon",
    "webob": "(c) webob + routes",
    "apiframe": "(d) apiframe",
}
BASELINE = "raw"


class StackUnavailable(ImportError):
    """Raised by a stack module that cannot be built in this environment, saying why."""


@dataclass(frozen=True)
class Stack:
    """A stack by name, with its module when it could be imported and the reason when not."""

    name: str
    module: ModuleType | None
    unavailable: str | None = None

    @property
    def label(self) -> str:
        """The stack's name in tables."""
        return STACK_LABELS[self.name]

    @property
    def module_name(self) -> str:
        """The importable name of the stack's module (for ``gunicorn module:application``)."""
        return STACK_MODULES[self.name]


def load(names: Sequence[str] = tuple(STACK_MODULES)) -> list[Stack]:
    """Import the named stacks, marking those that cannot be imported as unavailable."""
    unknown = sorted(set(names) - set(STACK_MODULES))
    if unknown:
        raise ValueError(f"unknown stack(s) {', '.join(unknown)}; choose from {', '.join(STACK_MODULES)}")
    stacks = []
    for name in names:
        try:
            stacks.append(Stack(name, importlib.import_module(STACK_MODULES[name])))
        except ImportError as exc:
            stacks.append(Stack(name, None, f"{type(exc).__name__}: {exc}"))
    return stacks
