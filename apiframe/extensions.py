"""The plugin contract and the loader that finds plugins through entry points.

A plugin is a subclass of :class:`Extension` named in the plugin entry point group of
the API it extends (the API definition's ``plugin_group``; ``apiframe.api.v21.extensions``
for the compute API) in an installed distribution::

    [options.entry_points]
    apiframe.api.v21.extensions =
        keypairs = apiframe.compute.keypairs:Keypairs

Loading is deterministic and strict: plugins are ordered by name and then by their
``requires``; a plugin that fails to import or to be created, a missing requirement, a
cycle or a duplicate alias stops start-up with a :class:`~apiframe.exception.StartupError`
that names the plugin. Any error raised by a plugin's own code while the API is built
becomes one too (:func:`blame`), naming the plugin and its entry point
(:func:`plugin_label`), so that an operator reads one line, not a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import stevedore

from apiframe.data import Data
from apiframe.exception import StartupError, describe_error
from apiframe.wsgi import Controller

if TYPE_CHECKING:
    from oslo_policy.policy import RuleDefault

    from apiframe.validation import SchemaFragment

LOG = logging.getLogger(__name__)

#: The plugin group of the compute API, and of callers of :func:`load_extensions` that name none.
NAMESPACE = "apiframe.api.v21.extensions"
ALIAS_RE = re.compile(r"^[a-z]+[a-z\-]*[a-z]$")


@dataclass(frozen=True)
class Parent:
    """The member a nested resource hangs under: ``/servers/{server_id}/metadata``."""

    collection: str
    member_name: str

    @property
    def path(self) -> str:
        """The URL prefix of the nested collection."""
        return f"/{self.collection}/{{{self.member_name}_id}}"


@dataclass(frozen=True)
class ResourceSpec:
    """A collection a plugin serves, and how its controller's methods map to routes.

    ``index``/``create`` answer ``GET``/``POST /{collection}``; ``show``/``update``/
    ``delete`` answer ``GET``/``PUT``/``DELETE /{collection}/{id}``, each only when the
    controller defines the method. ``collection_actions`` adds ``/{collection}/<name>``
    routes (``{"detail": "GET"}``), ``member_actions`` adds ``/{collection}/{id}/<name>``
    routes, ``collection_methods`` maps other methods on the collection path
    (``{"PUT": "update_all"}``). A ``POST /{collection}/{id}/action`` route exists
    whenever the controller or a controller extension has ``@action`` handlers.
    """

    collection: str
    controller: Controller
    parent: Parent | None = None
    collection_actions: dict[str, str] = field(default_factory=dict)
    member_actions: dict[str, str] = field(default_factory=dict)
    collection_methods: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ControllerExtension:
    """Additions to another plugin's resource: ``@action`` handlers and ``@extends`` hooks."""

    collection: str
    controller: Controller


class Extension:
    """Base class of plugins.

    Subclasses set ``name``, ``alias``, ``version`` and a docstring (the description
    listed at ``/extensions``), list the aliases they need in ``requires``, declare the
    :class:`~apiframe.data.Data` they keep in ``data``, and override the ``get_*``
    methods they contribute to. ``self.context`` is the
    :class:`PluginContext` of the application being built.
    """

    name: str = ""
    alias: str = ""
    version: int = 1
    requires: Sequence[str] = ()
    #: ``(name, target)`` of the entry point the plugin was loaded from; set by the loader.
    entry_point: tuple[str, str] | None = None
    #: The tables this plugin keeps its state in, migrated by ``apiframe-manage db sync``.
    data: Data | None = None

    def __init__(self, context: PluginContext) -> None:
        self.context = context

    @property
    def description(self) -> str:
        """The first paragraph of the plugin's docstring."""
        return (self.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")

    def get_resources(self) -> list[ResourceSpec]:
        """The collections this plugin serves."""
        return []

    def get_controller_extensions(self) -> list[ControllerExtension]:
        """Additions to collections served by other plugins."""
        return []

    def get_policies(self) -> list[RuleDefault]:
        """The policy rules (defaults in code) this plugin's operations use."""
        return []

    def get_schema_fragments(self) -> list[SchemaFragment]:
        """Properties this plugin adds to other plugins' request schemas."""
        return []

    def start(self) -> None:
        """Open what the plugin needs to serve (a database engine, a client).

        Called once the application is built to serve requests, in the process that
        serves them, before the first; tools that only inspect an API do not call it.
        """

    def stop(self) -> None:
        """Release what :meth:`start` opened; the application is being torn down."""


@dataclass
class PluginContext:
    """What the application hands every plugin: configuration and shared services.

    ``services`` holds per-application singletons (a database handle, a driver) that
    plugins create in :meth:`Extension.start` or on first use and release in
    :meth:`Extension.stop`; it dies with the application, so tests get fresh ones.
    """

    conf: Any = None
    services: dict[str, Any] = field(default_factory=dict)


def load_extensions(enabled: Sequence[str] | None = None, context: PluginContext | None = None,
                    *, skip_failed: bool = False, namespace: str = NAMESPACE) -> list[Extension]:
    """Find, import, order and instantiate the plugins installed in entry point group ``namespace``.

    ``enabled`` lists the entry point names to load (``None``: every installed plugin).
    ``skip_failed`` logs and skips plugins that fail to import instead of stopping.
    """
    context = context or PluginContext()
    wanted = None if enabled is None else set(enabled)
    skipped: set[str] = set()

    def on_failure(_manager: Any, entry_point: Any, exc: Exception) -> None:
        message = f"{_label(entry_point.name, entry_point.value)} failed to load: {describe_error(exc)}"
        if not skip_failed:
            raise StartupError(message) from exc
        skipped.add(entry_point.name)
        LOG.error("%s; skipped", message)

    def on_missing(names: Sequence[str]) -> None:
        missing = sorted(set(names) - skipped)
        if missing:
            raise StartupError(
                f"enabled plugins not installed: {', '.join(missing)} "
                f"(no entry point in group {namespace}; check [api] enabled_plugins)")

    manager = stevedore.ExtensionManager(
        namespace,
        invoke_on_load=False,
        on_load_failure_callback=on_failure,
    ) if wanted is None else stevedore.NamedExtensionManager(
        namespace,
        names=sorted(wanted),
        invoke_on_load=False,
        on_load_failure_callback=on_failure,
        on_missing_entrypoints_callback=on_missing,
        name_order=True,
    )
    found = {ext.name: ext for ext in manager}
    plugins = [_instantiate((name, found[name].entry_point.value), found[name].plugin, context)
               for name in sorted(found)]
    return order_plugins(plugins)


def _instantiate(entry_point: tuple[str, str], plugin_class: Any, context: PluginContext) -> Extension:
    label = _label(*entry_point)
    if not (isinstance(plugin_class, type) and issubclass(plugin_class, Extension)):
        raise StartupError(f"{label}: {plugin_class!r} is not an apiframe Extension subclass")
    with blame(label, "creating the plugin"):
        plugin = plugin_class(context)
        alias, name = plugin.alias, plugin.name
    plugin.entry_point = entry_point
    if not ALIAS_RE.match(alias or ""):
        raise StartupError(f"{label}: alias {alias!r} must match {ALIAS_RE.pattern}")
    if not name:
        raise StartupError(f"{label}: name is empty")
    return plugin


def plugin_label(plugin: Extension) -> str:
    """How start-up errors name a plugin: ``plugin 'notes' (apiframe_notes.notes:Notes)``.

    That is the entry point's name and target; for a plugin created without the loader,
    its alias and class.
    """
    cls = type(plugin)
    return _label(*(plugin.entry_point or (plugin.alias, f"{cls.__module__}:{cls.__qualname__}")))


def _label(name: str, target: str) -> str:
    return f"plugin {name!r} ({target})"


@contextlib.contextmanager
def blame(label: str, doing: str) -> Iterator[None]:
    """Turn an error raised in the block into the one-line :class:`StartupError`
    ``<label>: <doing> failed: <error>``; a ``StartupError`` passes unchanged.

    Wrap every call into a plugin's code at start-up, so that a plugin's bug names the
    plugin (the traceback stays on the exception's ``__cause__``).
    """
    try:
        yield
    except StartupError:
        raise
    except Exception as exc:
        raise StartupError(f"{label}: {doing} failed: {describe_error(exc)}") from exc


def order_plugins(plugins: Sequence[Extension]) -> list[Extension]:
    """Order plugins by alias, each after the plugins it requires.

    Raises :class:`StartupError` for duplicate aliases, missing requirements and cycles.
    """
    by_alias: dict[str, Extension] = {}
    for plugin in sorted(plugins, key=lambda p: p.alias):
        if plugin.alias in by_alias:
            raise StartupError(f"plugins {type(by_alias[plugin.alias]).__qualname__} and "
                               f"{type(plugin).__qualname__} both use alias {plugin.alias!r}")
        by_alias[plugin.alias] = plugin
    for plugin in by_alias.values():
        missing = [alias for alias in plugin.requires if alias not in by_alias]
        if missing:
            raise StartupError(f"plugin {plugin.alias!r} requires {', '.join(missing)}, "
                               "which is not loaded (install or enable it)")
    ordered: list[Extension] = []
    state: dict[str, str] = {}

    def visit(alias: str, chain: tuple[str, ...]) -> None:
        if state.get(alias) == "done":
            return
        if state.get(alias) == "visiting":
            cycle = " -> ".join((*chain[chain.index(alias):], alias))
            raise StartupError(f"plugin requirements form a cycle: {cycle}")
        state[alias] = "visiting"
        for required in sorted(by_alias[alias].requires):
            visit(required, (*chain, alias))
        state[alias] = "done"
        ordered.append(by_alias[alias])

    for alias in by_alias:
        visit(alias, ())
    return ordered
