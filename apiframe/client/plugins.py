"""Client plugins: proxies and proxy extensions found through entry points.

A distribution declares its client side next to its server plugins::

    [options.entry_points]
    apiframe.client.proxies =
        notes = apiframe_notes.client:NotesProxy       # conn.notes
    apiframe.client.extensions =
        lock-server = apiframe.compute.client.lock_server:LockServerMethods

A proxy is a :class:`~apiframe.client.proxy.Proxy` subclass; its entry point name is
the connection attribute. An extension is a mixin class whose ``extends`` names the
proxy it adds methods (and resources, and actions) to. Extensions are applied in
entry-point-name order; two that define the same method stop the connection with a
:class:`ClientError` naming both.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import EntryPoint, distributions
from typing import Any

from apiframe.client.errors import ClientError
from apiframe.client.proxy import Proxy

PROXIES_GROUP = "apiframe.client.proxies"
EXTENSIONS_GROUP = "apiframe.client.extensions"
_MARKER = "[apiframe.client."


def load(entry_point: EntryPoint) -> Any:
    """The object an entry point names; a failure to import names the entry point."""
    try:
        return entry_point.load()
    except Exception as exc:
        raise ClientError(f"client plugin {entry_point.name!r} ({entry_point.value}) failed to load: {exc}") from None


def installed() -> tuple[dict[str, EntryPoint], dict[str, EntryPoint]]:
    """The proxy entry points (by connection attribute) and extension entry points of installed distributions.

    PERF: one pass over the installed distributions, parsing only the entry point files
    that mention a client group; ``importlib.metadata.entry_points()`` parses every
    entry point of every distribution, which costs a connection's cold start dearly.
    """
    proxies: dict[str, EntryPoint] = {}
    extensions: dict[str, EntryPoint] = {}
    seen: set[str] = set()
    for dist in distributions():
        text = dist.read_text("entry_points.txt")
        if not text or _MARKER not in text:
            continue
        # A distribution found twice on sys.path counts once, the first (importlib's rule).
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        for entry_point in _parse(text):
            if entry_point.group == PROXIES_GROUP:
                proxies.setdefault(entry_point.name.replace("-", "_"), entry_point)
            elif entry_point.group == EXTENSIONS_GROUP:
                extensions.setdefault(entry_point.name, entry_point)
    return proxies, extensions


def _parse(text: str) -> list[EntryPoint]:
    found, group = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif group is not None and "=" in line:
            name, _, value = line.partition("=")
            found.append(EntryPoint(name.strip(), value.strip(), group))
    return found


def load_extensions(entry_points: Mapping[str, EntryPoint]) -> dict[str, type]:
    """The extension mixins, by entry point name, in name order."""
    return {name: load(entry_points[name]) for name in sorted(entry_points)}


def installed_extensions() -> dict[str, type]:
    """The extension mixins of installed distributions, by entry point name."""
    return load_extensions(installed()[1])


def compose(name: str, base: type[Proxy], extensions: Mapping[str, type]) -> type[Proxy]:
    """``base`` with the methods of every extension whose ``extends`` is ``name``."""
    if not (isinstance(base, type) and issubclass(base, Proxy)):
        raise ClientError(f"client plugin {name!r}: {base!r} is not an apiframe.client.Proxy subclass")
    mixins = [(entry, mixin) for entry, mixin in extensions.items() if getattr(mixin, "extends", None) == name]
    if not mixins:
        return base
    owners = {attr: f"{base.__module__}.{base.__qualname__}" for attr in _public(base)}
    for entry, mixin in mixins:
        for attr in _public(mixin):
            if attr in owners:
                raise ClientError(f"client extension {entry!r} defines {name}.{attr}, "
                                  f"which {owners[attr]} already defines")
            owners[attr] = f"extension {entry!r}"
    return type(base.__name__, (*(mixin for _, mixin in mixins), base), {"__module__": base.__module__})


def _public(cls: type) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass in (Proxy, object):
            continue
        names.update(n for n in vars(klass) if not n.startswith("_")
                     and n not in ("resources", "actions", "extends", "max_microversion", "description"))
    return names
