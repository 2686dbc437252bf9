"""Start-up: turn loaded plugins into compiled operations and a route table.

Everything that can be decided before the first request is decided here, and every
mistake a plugin can make is reported here as a
:class:`~apiframe.exception.StartupError` naming the plugin and method: overlapping or
missing version ranges, an operation without a policy rule or with an unregistered
one, a schema fragment for an unknown extension point, two routes on one path.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from apiframe import registry
from apiframe.api_version import APIVersion, VersionHistory, VersionRange, check_ranges
from apiframe.exception import StartupError
from apiframe.extensions import Extension, ResourceSpec
from apiframe.registry import OperationMeta, Ranged
from apiframe.resource import ActionOperation, Operation, Services, VersionedCall
from apiframe.router import Route
from apiframe.validation import (
    BodyValidator,
    QueryValidator,
    ResponseValidator,
    SchemaFragment,
    check_schema,
    merge_fragments,
)

STANDARD_OPERATIONS = {
    "index": ("GET", False),
    "create": ("POST", False),
    "show": ("GET", True),
    "update": ("PUT", True),
    "delete": ("DELETE", True),
}
BODY_METHODS = frozenset({"POST", "PUT"})


@dataclass
class OperationInfo:
    """What start-up learned about one operation; the basis of docs and checks."""

    plugin: str
    collection: str
    name: str
    method: str
    template: str
    meta: OperationMeta
    body_schemas: list[Ranged] = field(default_factory=list)
    action: str | None = None
    #: Plugins whose ``@extends`` hooks change this operation's response, with their versions.
    extended_by: list[Ranged] = field(default_factory=list)


@dataclass
class Assembly:
    """The result of start-up: routes to serve and what is known about each operation."""

    routes: list[Route]
    operations: list[OperationInfo]


class Assembler:
    """Compiles the plugins' resources into :class:`Operation` objects and routes."""

    def __init__(self, plugins: Sequence[Extension], history: VersionHistory, services: Services,
                 response_validation: str = "ignore") -> None:
        self.plugins = plugins
        self.history = history
        self.services = services
        self.response_validation = response_validation
        self.versions = all_versions(history)
        self._validators: dict[tuple[str, int], Any] = {}
        self.fragments: list[SchemaFragment] = [f for p in plugins for f in p.get_schema_fragments()]
        self._used_points: set[str] = set()
        self._checked: dict[int, Any] = {}

    def assemble(self) -> Assembly:
        """Build every route; raise :class:`StartupError` on the first inconsistency."""
        extensions = self._controller_extensions()
        routes: list[Route] = []
        infos: list[OperationInfo] = []
        for plugin in self.plugins:
            for spec in plugin.get_resources():
                self._resource_routes(plugin, spec, extensions.pop(spec.collection, []), routes, infos)
        if extensions:
            raise StartupError("controller extensions for unknown collections: " + ", ".join(
                f"{name} (from {', '.join(p.alias for p, _ in exts)})" for name, exts in extensions.items()))
        unknown = {f.point for f in self.fragments} - self._used_points
        if unknown:
            owners = ", ".join(sorted(f"{f.plugin} -> {f.point}" for f in self.fragments if f.point in unknown))
            raise StartupError(f"schema fragments for unknown extension points: {owners}")
        return Assembly(routes, infos)

    def _controller_extensions(self) -> dict[str, list[tuple[Extension, Any]]]:
        found: dict[str, list[tuple[Extension, Any]]] = {}
        for plugin in self.plugins:
            for ext in plugin.get_controller_extensions():
                found.setdefault(ext.collection, []).append((plugin, ext.controller))
        return found

    def _resource_routes(self, plugin: Extension, spec: ResourceSpec,
                         extensions: list[tuple[Extension, Any]], routes: list[Route],
                         infos: list[OperationInfo]) -> None:
        base = (spec.parent.path if spec.parent else "") + f"/{spec.collection}"
        member = base + "/{id}"
        controller = spec.controller
        hooks = _hooks(extensions)
        wanted: list[tuple[str, str, str]] = []
        for name, (method, on_member) in STANDARD_OPERATIONS.items():
            if callable(getattr(controller, name, None)):
                wanted.append((name, method, member if on_member else base))
        for name, method in spec.collection_actions.items():
            wanted.append((name, method, f"{base}/{name}"))
        for name, method in spec.member_actions.items():
            wanted.append((name, method, f"{member}/{name}"))
        for method, name in spec.collection_methods.items():
            wanted.append((name, method, base))
        for name, method, template in wanted:
            func = getattr(controller, name, None)
            if not callable(func):
                raise StartupError(f"plugin {plugin.alias!r}: {type(controller).__name__} has no method {name!r}")
            operation, info = self._operation(plugin, spec.collection, name, method, template, func,
                                               hooks.get(name, []))
            routes.append(Route(method, template, operation, name))
            infos.append(info)
        handlers = self._actions(plugin, spec, controller, extensions, f"{member}/action", infos)
        if handlers:
            routes.append(Route("POST", f"{member}/action", ActionOperation(handlers, self.services), "action"))

    def _actions(self, plugin: Extension, spec: ResourceSpec, controller: Any,
                 extensions: list[tuple[Extension, Any]], template: str,
                 infos: list[OperationInfo]) -> dict[str, Operation]:
        handlers: dict[str, Operation] = {}
        owners: dict[str, str] = {}
        for owner, candidate in [(plugin, controller), *extensions]:
            for name, func in _declared_methods(candidate):
                action = registry.meta(func).action
                if action is None:
                    continue
                if action in handlers:
                    raise StartupError(f"action {action!r} on {spec.collection} is defined by both "
                                       f"{owners[action]!r} and {owner.alias!r}")
                operation, info = self._operation(owner, spec.collection, name, "POST", template, func, [])
                info.action = action
                handlers[action] = operation
                owners[action] = owner.alias
                infos.append(info)
        return handlers

    def single_operation(self, plugin: Extension, collection: str, name: str, method: str,
                         template: str, func: Callable[..., Any], *,
                         versioned: bool = True) -> tuple[Operation, OperationInfo]:
        """Compile one method outside any resource (the version documents)."""
        return self._operation(plugin, collection, name, method, template, func, [], versioned=versioned)

    def _operation(self, plugin: Extension, collection: str, name: str, method: str, template: str,
                   func: Callable[..., Any], hooks: list[tuple[str, Callable[..., Any]]], *,
                   versioned: bool = True) -> tuple[Operation, OperationInfo]:
        meta = registry.meta(func)
        where = f"plugin {plugin.alias!r}: {_qualname(func)}"
        if meta.requires_auth and meta.policy is None:
            raise StartupError(f"{where} declares no policy rule (decorate it with @wsgi.policy)")
        if meta.policy is not None and not self.services.policy.is_registered(meta.policy):
            raise StartupError(f"{where} uses policy rule {meta.policy!r}, which no plugin registers "
                               "(return it from get_policies())")
        body_schemas = self._merged_body_schemas(meta, where)
        self._check_ranges(meta, body_schemas, where)
        takes_body = method in BODY_METHODS and "body" in inspect.signature(func).parameters
        if method in BODY_METHODS and not takes_body and meta.body_schemas:
            raise StartupError(f"{where} has a body schema but no 'body' parameter")
        calls = {}
        for version in self.versions:
            if version not in meta.versions:
                continue
            calls[version] = VersionedCall(
                status=_pick(meta.status, version, 200),
                errors=_pick(meta.errors, version, None),
                body_validator=self._validator(BodyValidator, _pick(body_schemas, version, None)),
                query_validator=self._validator(QueryValidator, _pick(meta.query_schemas, version, None)),
                response_validator=self._response_validator(_pick(meta.response_schemas, version, None)),
                hooks=tuple(hook for _owner, hook in hooks if version in registry.meta(hook).versions),
            )
        operation = Operation(f"{collection}:{name}", func, calls, policy=meta.policy,
                              requires_auth=meta.requires_auth, takes_body=takes_body,
                              versioned=versioned, services=self.services)
        info = OperationInfo(plugin.alias, collection, name, method, template, meta, body_schemas,
                             extended_by=[Ranged(registry.meta(hook).versions, owner) for owner, hook in hooks])
        return operation, info

    def _merged_body_schemas(self, meta: OperationMeta, where: str) -> list[Ranged]:
        if meta.extension_point is None:
            return meta.body_schemas
        self._used_points.add(meta.extension_point)
        fragments = [f for f in self.fragments if f.point == meta.extension_point]
        return merge_fragments(meta.extension_point, meta.body_schemas, fragments)

    def _check_ranges(self, meta: OperationMeta, body_schemas: list[Ranged], where: str) -> None:
        low, high = self.history.min, self.history.max
        for kind, entries in (("response", meta.status), ("expected_errors", meta.errors),
                              ("schema", body_schemas), ("query_schema", meta.query_schemas),
                              ("response_schema", meta.response_schemas)):
            if entries:
                check_ranges([e.versions for e in entries], meta.versions, f"{where} @{kind}", low, high)
            for entry in entries:
                # Schemas are shared between operations and versions: check each object once.
                if kind.endswith("schema") and id(entry.value) not in self._checked:
                    check_schema(entry.value, f"{where} @{kind} {entry.versions}")
                    self._checked[id(entry.value)] = entry.value

    def _validator(self, kind: type, schema: Any) -> Any:
        if schema is None:
            return None
        key = (kind.__name__, id(schema))
        if key not in self._validators:
            self._validators[key] = kind(schema)
        return self._validators[key]

    def _response_validator(self, schema: Any) -> Any:
        if schema is None or self.response_validation == "ignore":
            return None
        key = ("ResponseValidator", id(schema))
        if key not in self._validators:
            self._validators[key] = ResponseValidator(schema, self.response_validation)
        return self._validators[key]


def _declared_methods(controller: Any) -> Iterable[tuple[str, Callable[..., Any]]]:
    for name in sorted(dir(type(controller))):
        if name.startswith("__"):
            continue
        func = getattr(controller, name)
        if callable(func) and registry.declared(func) is not None:
            yield name, func


def _hooks(extensions: list[tuple[Extension, Any]]) -> dict[str, list[tuple[str, Callable[..., Any]]]]:
    hooks: dict[str, list[tuple[str, Callable[..., Any]]]] = {}
    for plugin, controller in extensions:
        for _name, func in _declared_methods(controller):
            target = registry.meta(func).extends
            if target is not None:
                hooks.setdefault(target, []).append((plugin.alias, func))
    return hooks


def _pick(entries: list[Ranged], version: APIVersion, default: Any) -> Any:
    for entry in entries:
        if version in entry.versions:
            return entry.value
    return default


def _qualname(func: Callable[..., Any]) -> str:
    return getattr(func, "__qualname__", repr(func))


def all_versions(history: VersionHistory) -> list[APIVersion]:
    """Every microversion from the API's minimum to its maximum."""
    if history.min.major != history.max.major:
        raise StartupError("an API's microversions must share one major version")
    return [APIVersion(history.min.major, minor) for minor in range(history.min.minor, history.max.minor + 1)]


def version_range_text(versions: VersionRange, history: VersionHistory) -> str:
    """A range as ``2.1-2.100`` with open ends filled in from the API's range."""
    return f"{versions.min or history.min}-{versions.max or history.max}"
