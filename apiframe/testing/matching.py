"""Sample templates: JSON with ``%(name)s`` placeholders, matched against real bodies.

A template is JSON whose strings may hold placeholders. In a *response* template each
string is a pattern: literal text must appear as written, a placeholder stands for a
value the test passes in ``subs`` or for one of :data:`PATTERNS` (``%(uuid)s``,
``%(isotime)s``, ``%(endpoint)s`` ...). A string that is a single placeholder matches a
value of the placeholder's type, so ``"%(int)s"`` matches a JSON number and
``"%(size)s"`` with ``subs={"size": 3}`` matches exactly ``3``. ``%%`` is a literal ``%``.

Dicts match when their key sets are equal and every value matches; lists match when
they have as many items and every template item matches a different item, in any order.
:func:`compare` returns the JSON path of the first difference, e.g.
``$.note.links[0].href: 'http://localhost/v2.1/x' does not match '%(endpoint)s/notes/%(id)s'``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@dataclass(frozen=True)
class Pattern:
    """A named pattern: its regular expression and whether it matches strings or numbers."""

    regex: str
    number: bool = False


#: The placeholders every template may use without passing a value.
PATTERNS: dict[str, Pattern] = {
    "request_id": Pattern(f"req-{_UUID}"),
    "uuid": Pattern(_UUID),
    "isotime": Pattern(r"\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-][0-2]\d:[0-5]\d)"),
    "strtime": Pattern(r"\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d{6}"),
    "int": Pattern(r"-?\d+", number=True),
    "number": Pattern(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", number=True),
    "text": Pattern(r".*"),
    "host": Pattern(r"https?://[^/\s]+"),
    "endpoint": Pattern(r"https?://[^/\s]+/v2\.1(/[^/\s]+)?"),
    "bookmark_endpoint": Pattern(r"https?://[^/\s]+(/[^/\s]+)?"),
}

#: Patterns :func:`generalize` replaces whole values with, most specific first.
_GENERALIZE = ("request_id", "uuid", "isotime", "strtime")

Resolver = Callable[[str], Any]
_ANY = object()


class TemplateError(ValueError):
    """A template names a placeholder that is neither in ``subs`` nor in :data:`PATTERNS`."""


def resolver(subs: Mapping[str, Any] | None, *, lenient: bool = False) -> Resolver:
    """Look placeholders up in ``subs``, then :data:`PATTERNS`; ``lenient``: unknown names match anything."""
    values = dict(subs or {})

    def resolve(name: str) -> Any:
        if name in values:
            return values[name]
        if name in PATTERNS:
            return PATTERNS[name]
        if lenient:
            return _ANY
        raise TemplateError(f"unknown placeholder %({name})s: pass it in subs or use one of "
                            f"{', '.join(sorted(PATTERNS))}")

    return resolve


def compare(template: Any, actual: Any, resolve: Resolver, path: str = "$") -> str | None:
    """Return ``None`` when ``actual`` matches ``template``, else where and how they differ."""
    if isinstance(template, dict):
        return _compare_dict(template, actual, resolve, path)
    if isinstance(template, list):
        return _compare_list(template, actual, resolve, path)
    if isinstance(template, str):
        return _compare_string(template, actual, resolve, path)
    if type(template) is not type(actual) or template != actual:
        return f"{path}: expected {_show(template)}, got {_show(actual)}"
    return None


def _compare_dict(template: dict[str, Any], actual: Any, resolve: Resolver, path: str) -> str | None:
    if not isinstance(actual, dict):
        return f"{path}: expected an object, got {_show(actual)}"
    missing = sorted(set(template) - set(actual))
    unexpected = sorted(set(actual) - set(template))
    if missing or unexpected:
        parts = [f"missing keys {missing}" if missing else "", f"unexpected keys {unexpected}" if unexpected else ""]
        return f"{path}: " + "; ".join(p for p in parts if p)
    for key in template:
        difference = compare(template[key], actual[key], resolve, child_path(path, key))
        if difference:
            return difference
    return None


def _compare_list(template: list[Any], actual: Any, resolve: Resolver, path: str) -> str | None:
    if not isinstance(actual, list):
        return f"{path}: expected a list, got {_show(actual)}"
    if len(template) != len(actual):
        return f"{path}: expected {len(template)} items, got {len(actual)}"
    unused = list(range(len(actual)))
    for index, item in enumerate(template):
        found = next((j for j in unused if compare(item, actual[j], resolve) is None), None)
        if found is None:
            closest = compare(item, actual[index], resolve, f"{path}[{index}]")
            return f"{path}[{index}]: no item of the response matches this template item ({closest})"
        unused.remove(found)
    return None


def _compare_string(template: str, actual: Any, resolve: Resolver, path: str) -> str | None:
    whole = PLACEHOLDER.fullmatch(template)
    if whole and whole.group(1):
        value = resolve(whole.group(1))
        if value is _ANY:
            return None
        if isinstance(value, Pattern) and value.number:
            if isinstance(actual, int | float) and not isinstance(actual, bool) and re.fullmatch(
                    value.regex, json.dumps(actual)):
                return None
            return f"{path}: expected a number ({template}), got {_show(actual)}"
        if not isinstance(value, Pattern | str):
            if type(value) is type(actual) and value == actual:
                return None
            return f"{path}: expected {_show(value)} ({template}), got {_show(actual)}"
    if not isinstance(actual, str):
        return f"{path}: expected a string matching {template!r}, got {_show(actual)}"
    if re.fullmatch(to_regex(template, resolve), actual, re.DOTALL) is None:
        return f"{path}: {actual!r} does not match {template!r}"
    return None


def to_regex(template: str, resolve: Resolver) -> str:
    """The regular expression a template string stands for."""
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position:match.start()]))
        position = match.end()
        if match.group(1) is None:
            parts.append("%")
            continue
        value = resolve(match.group(1))
        if value is _ANY:
            parts.append("(?:.*)")
        elif isinstance(value, Pattern):
            parts.append(f"(?:{value.regex})")
        else:
            parts.append(re.escape(str(value)))
    parts.append(re.escape(template[position:]))
    return "".join(parts)


def render(template: Any, subs: Mapping[str, Any]) -> Any:
    """Fill a request template: ``"%(x)s"`` alone becomes ``subs["x"]`` of any type."""
    if isinstance(template, dict):
        return {key: render(value, subs) for key, value in template.items()}
    if isinstance(template, list):
        return [render(item, subs) for item in template]
    if not isinstance(template, str):
        return template
    whole = PLACEHOLDER.fullmatch(template)
    if whole and whole.group(1):
        return _sub(subs, whole.group(1))
    return PLACEHOLDER.sub(lambda m: "%" if m.group(1) is None else str(_sub(subs, m.group(1))), template)


def _sub(subs: Mapping[str, Any], name: str) -> Any:
    try:
        return subs[name]
    except KeyError:
        raise TemplateError(f"request template needs %({name})s: pass it in subs") from None


def generalize(actual: Any, subs: Mapping[str, Any], endpoints: Mapping[str, str]) -> Any:
    """Turn a real body into a template: known values become placeholders.

    ``subs`` values become their names; ``endpoints`` maps ``endpoint``/``bookmark_endpoint``
    to the URLs the app answered with, so links become ``%(endpoint)s/...``; uuids,
    request ids and times become :data:`PATTERNS` placeholders.
    """
    if isinstance(actual, dict):
        return {key: generalize(value, subs, endpoints) for key, value in actual.items()}
    if isinstance(actual, list):
        return [generalize(item, subs, endpoints) for item in actual]
    if not isinstance(actual, str):
        for name, value in subs.items():
            if type(value) is type(actual) and value == actual and actual is not None:
                return f"%({name})s"
        return actual
    return _generalize_string(actual, subs, endpoints)


def _generalize_string(text: str, subs: Mapping[str, Any], endpoints: Mapping[str, str]) -> str:
    for name, value in subs.items():
        if value == text:
            return f"%({name})s"
    for name in _GENERALIZE:
        if re.fullmatch(PATTERNS[name].regex, text):
            return f"%({name})s"
    prefix = ""
    # The longest endpoint first: the versioned one contains the bookmark one.
    for name, url in sorted(endpoints.items(), key=lambda item: -len(item[1])):
        if url and (text == url or text.startswith(url + "/")):
            prefix, text = f"%({name})s", text[len(url):]
            break
    text = text.replace("%", "%%")
    for name, value in subs.items():
        if isinstance(value, str) and len(value) >= 4:
            text = text.replace(value.replace("%", "%%"), f"%({name})s")
    return prefix + re.sub(_UUID, "%(uuid)s", text)


def child_path(path: str, key: str) -> str:
    """The JSON path of ``key`` inside the object at ``path``."""
    return f"{path}.{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f"{path}[{json.dumps(key)}]"


def _show(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 120 else text[:117] + "..."
