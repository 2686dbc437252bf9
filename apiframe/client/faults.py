"""Reading an error answer: the fault vocabularies an apiframe API may speak.

An API definition names its fault format; :func:`read_fault` gets the message and the
facts from a body in that format. RFC 9457 problem details are understood whatever the
format, since any API may answer ``application/problem+json``.

* ``nova``: ``{"itemNotFound": {"code": 404, "message": "..."}}``
* ``errors`` (the API working group's): ``{"errors": [{"status": 404, "title": "...",
  "detail": "...", "code": "...", "request_id": "..."}]}``
* problem details: ``{"type": "...", "title": "...", "status": 404, "detail": "..."}``
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fault:
    """What an error body said: the message to show and further facts."""

    message: str
    details: list[str] = field(default_factory=list)


def _nova(body: Any) -> Fault | None:
    if isinstance(body, dict) and len(body) == 1:
        (name, fault), = body.items()
        if isinstance(fault, dict) and isinstance(fault.get("message"), str):
            return Fault(fault["message"], [name])
    return None


def _errors(body: Any) -> Fault | None:
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors or not all(isinstance(e, dict) for e in errors):
        return None
    messages = [str(e.get("detail") or e.get("title") or "") for e in errors]
    details = [str(e[key]) for e in errors for key in ("code", "title") if e.get(key)]
    return Fault("; ".join(m for m in messages if m), details)


def _problem(body: Any) -> Fault | None:
    if not isinstance(body, dict) or not ("title" in body or "detail" in body):
        return None
    details = [str(body[key]) for key in ("type", "title") if body.get(key)]
    for error in body.get("errors", ()) if isinstance(body.get("errors"), list) else ():
        if isinstance(error, dict):
            details.append(" ".join(str(error[key]) for key in ("pointer", "detail") if error.get(key)))
    return Fault(str(body.get("detail") or body.get("title")), details)


FORMATS: dict[str, Callable[[Any], Fault | None]] = {"nova": _nova, "errors": _errors, "problem": _problem}


def read_fault(body: Any, fault_format: str, content_type: str = "") -> Fault | None:
    """The fault in ``body`` (decoded JSON), read as ``fault_format``; ``None`` if unreadable."""
    if "problem+json" in content_type:
        return _problem(body)
    parser = FORMATS.get(fault_format)
    if parser is None:
        raise ValueError(f"unknown fault format {fault_format!r}; choose one of {', '.join(FORMATS)}")
    return parser(body) or _problem(body)
