"""Hold a client's resources against the loaded server, at every microversion.

:func:`client_drift` compares a proxy class (its resources, attributes, query
parameters and actions) with the registry of an assembled API and lists every
difference, naming the resource, the attribute and the microversions::

    assert_client_matches(app.api, ComputeProxy, extensions=installed_extensions())

* each allowed operation is a route of the server, served at the same microversions;
* each response attribute exists in the responses at exactly the microversions the
  client says, with a matching type; every response property has an attribute, unless
  the resource lists it in ``unmapped``;
* each attribute the client sends on create or update is in the request schema, and
  every request property has one;
* each query parameter is in the list's query schema and vice versa;
* each action exists with a body schema that takes the client's arguments;
* every route of the checked plugins is used by some resource operation or action;
* the proxy's :class:`~apiframe.client.ServiceDescription` is the one the served API's
  definition gives (:func:`service_description`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from apiframe.api_version import APIVersion, VersionRange
from apiframe.app import API
from apiframe.assembly import OperationInfo, all_versions
from apiframe.client.plugins import compose
from apiframe.client.proxy import Proxy
from apiframe.client.resource import Action, Attribute, Resource
from apiframe.client.service import ServiceDescription
from apiframe.definition import APIDefinition
from apiframe.faults import APIWGErrors, NovaFaults
from apiframe.registry import Ranged
from apiframe.testing.coverage import plugin_routes

_JSON_TYPES: dict[type, set[str]] = {str: {"string"}, int: {"integer"}, float: {"number", "integer"},
                                     bool: {"boolean"}, dict: {"object"}, list: {"array"}}
_RESPONSE_OPERATIONS = ("fetch", "list_detail", "list", "create", "commit")


class _Findings:
    """Problems found, each with the microversions at which it holds."""

    def __init__(self, versions: Sequence[APIVersion]) -> None:
        self.order = list(versions)
        self.found: dict[str, list[APIVersion]] = {}

    def add(self, message: str, version: APIVersion | None = None) -> None:
        seen = self.found.setdefault(message, [])
        if version is not None and version not in seen:
            seen.append(version)

    def messages(self) -> list[str]:
        return [message + (f" at {_ranges(self.order, versions)}" if versions else "")
                for message, versions in self.found.items()]


def _ranges(order: Sequence[APIVersion], versions: Iterable[APIVersion]) -> str:
    wanted = set(versions)
    spans: list[list[APIVersion]] = []
    previous_in = False
    for version in order:
        if version in wanted:
            if previous_in:
                spans[-1][1] = version
            else:
                spans.append([version, version])
        previous_in = version in wanted
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def service_description(definition: APIDefinition) -> ServiceDescription:
    """What the client layers need to know of an API, derived from the server's API definition."""
    if isinstance(definition.faults, NovaFaults):
        fault_format = "nova"
    elif isinstance(definition.faults, APIWGErrors):
        fault_format = "errors"
    else:
        fault_format = "problem"
    return ServiceDescription(service_type=definition.service_type, url_prefix=definition.prefix,
                              version_id=definition.version_id, legacy_header=definition.history.legacy_header,
                              fault_format=fault_format)


def _norm(template: str) -> str:
    return "/".join("{}" if part.startswith("{") and part.endswith("}") else part for part in template.split("/"))


def _pick(entries: list[Ranged], version: APIVersion) -> Any:
    for entry in entries:
        if version in entry.versions:
            return entry.value
    return None


def schema_types(schema: Any) -> set[str] | None:
    """The JSON types a schema allows (``None``: it does not say), ``null`` left out."""
    if not isinstance(schema, dict):
        return None
    if "type" in schema:
        declared = schema["type"]
        return {declared} - {"null"} if isinstance(declared, str) else set(declared) - {"null"}
    values = [schema["const"]] if "const" in schema else schema.get("enum")
    if values is not None:
        return {_json_type(v) for v in values if v is not None}
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        found: set[str] = set()
        for branch in branches:
            types = schema_types(branch)
            if types is None:
                return None
            found |= types
        return found
    if "properties" in schema or "patternProperties" in schema:
        return {"object"}
    return None


def _json_type(value: Any) -> str:
    for python, names in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
                          (dict, "object"), (list, "array")):
        if isinstance(value, python):
            return names
    return "null"


def _client_types(attribute: Attribute) -> set[str] | None:
    spec = attribute.type
    if spec is None:
        return None
    found: set[str] = set()
    for python in spec if isinstance(spec, tuple) else (spec,):
        found |= {"object"} if issubclass(python, Resource) else _JSON_TYPES.get(python, set())
    return found


def _object(schema: Any, key: str | None) -> dict[str, Any] | None:
    """The object schema under ``key`` (a ``oneOf`` of answers: the branch that has the key)."""
    if not isinstance(schema, dict):
        return None
    if key is None:
        return schema
    for branch in [schema, *(schema.get("oneOf") or schema.get("anyOf") or [])]:
        found = branch.get("properties", {}).get(key) if isinstance(branch, dict) else None
        if isinstance(found, dict):
            return found
    return None


def _properties(schema: Any) -> dict[str, Any]:
    return schema.get("properties", {}) if isinstance(schema, dict) else {}


class _Checker:
    def __init__(self, api: API, proxy: type[Proxy], plugins: Sequence[str] | None) -> None:
        self.api = api
        self.proxy = proxy
        self.versions = all_versions(api.history)
        self.findings = _Findings(self.versions)
        routes = [route.info for route in plugin_routes(api) if plugins is None or route.info.plugin in plugins]
        self.routes: dict[tuple[str, str], list[OperationInfo]] = {}
        for info in routes:
            self.routes.setdefault((info.method, _norm(info.template)), []).append(info)
        self.claimed: set[tuple[str, str, str | None]] = set()

    def _served(self, info: OperationInfo) -> set[APIVersion]:
        return {v for v in self.versions if v in info.meta.versions}

    def _in(self, versions: VersionRange) -> set[APIVersion]:
        return {v for v in self.versions if v in versions}

    def _compare_ranges(self, what: str, client: set[APIVersion], server: set[APIVersion]) -> None:
        for version in sorted(client - server):
            self.findings.add(f"{what}: the client allows it, the server does not serve it", version)
        for version in sorted(server - client):
            self.findings.add(f"{what}: the server serves it, the client does not allow it", version)

    def check(self) -> list[str]:
        expected = service_description(self.api.definition)
        if self.proxy.description != expected:
            self.findings.add(f"{self.proxy.__name__}: its description {self.proxy.description} is not the "
                              f"served API's {expected}")
        client_max = self.proxy.client_max()
        server_max = self.api.history.max
        if client_max is not None and client_max < server_max:
            self.findings.add(f"{self.proxy.__name__}: the server serves up to {server_max}, "
                              f"the client knows up to {client_max}")
        actions: dict[type[Resource], list[Action]] = {}
        for resource in self.proxy.declared("resources"):
            actions.setdefault(resource, []).extend(resource.actions().values())
        for action in self.proxy.declared("actions"):
            if action.resource is None:
                self.findings.add(f"action {action.wire!r} names no resource (Action(..., resource=...))")
                continue
            actions.setdefault(action.resource, []).append(action)
        for resource in self.proxy.declared("resources"):
            self._resource(resource)
        for resource, declared in actions.items():
            self._actions(resource, declared)
        for (method, template), infos in self.routes.items():
            for info in infos:
                if (method, template, info.action) not in self.claimed:
                    label = f"{method} {info.template}" + (f" ({info.action})" if info.action else "")
                    self.findings.add(f"server route {label} of plugin {info.plugin!r} has no client "
                                      "resource operation or action")
        return self.findings.messages()

    def _resource(self, resource: type[Resource]) -> None:
        name = resource.__name__
        served: dict[str, OperationInfo] = {}
        for operation, (method, path, versions) in resource.operations().items():
            infos = [i for i in self.routes.get((method, _norm(path)), []) if i.action is None]
            if not infos:
                self.findings.add(f"{name}: allow_{operation} but the server has no route {method} {path}")
                continue
            info = infos[0]
            self.claimed.add((method, _norm(path), None))
            served[operation] = info
            self._compare_ranges(f"{name} {operation} ({method} {path})", self._in(versions), self._served(info))
        if resource.kind == "record":
            self._attributes(resource, served)
            self._requests(resource, served)
        else:
            self._values(resource, served)
        for operation in ("list", "list_detail"):
            if operation in served:
                self._query(resource, served[operation])

    # --- responses --------------------------------------------------------------------------

    def _items(self, resource: type[Resource], operation: str, schema: Any) -> dict[str, Any] | None:
        if operation.startswith("list"):
            listed = _object(schema, resource.resources_key)
            item = listed.get("items") if isinstance(listed, dict) else None
            return _object(item, resource.list_item_key) if item is not None else None
        return _object(schema, resource.resource_key)

    def _attributes(self, resource: type[Resource], served: Mapping[str, OperationInfo]) -> None:
        for version in self.versions:
            shown: dict[str, list[tuple[str, Any]]] = {}
            for operation in _RESPONSE_OPERATIONS:
                info = served.get(operation)
                if info is None or version not in info.meta.versions:
                    continue
                schema = _pick(info.meta.response_schemas, version)
                if schema is None:  # the server declares no response schema: nothing to hold it to
                    continue
                item = self._items(resource, operation, schema)
                if item is None:
                    self.findings.add(f"{resource.__name__}: the {operation} response has no "
                                      f"{resource.resource_key or resource.resources_key} object", version)
                    continue
                for wire, schema in _properties(item).items():
                    shown.setdefault(wire, []).append((operation, schema))
            if shown:
                self._match(resource, resource.__name__, shown, version)

    def _match(self, resource: type[Resource], where: str, shown: Mapping[str, list[tuple[str, Any]]],
               version: APIVersion) -> None:
        attributes = [a for a in resource.attributes().values() if a.response and a.location == "body"]
        by_wire = {a.wire: a for a in attributes}
        for wire, seen in shown.items():
            if wire in resource.unmapped:
                continue
            attribute = by_wire.get(wire)
            if attribute is None:
                self.findings.add(f"{where}: server property {wire!r} has no client attribute", version)
                continue
            if version not in attribute.versions:
                self.findings.add(f"{where}.{attribute.name} ({wire!r}): the server shows it, "
                                  f"the client's range {attribute.versions} excludes it", version)
            client = _client_types(attribute)
            for operation, schema in seen:
                server = schema_types(schema)
                if client is not None and server is not None and not server <= client:
                    self.findings.add(f"{where}.{attribute.name} ({wire!r}): the server's type "
                                      f"{sorted(server)} is not the client's {sorted(client)}", version)
                nested = attribute.type if isinstance(attribute.type, type) else None
                if nested is not None and issubclass(nested, Resource):
                    inner = {w: [(operation, s)] for w, s in _properties(schema).items()}
                    self._match(nested, f"{where}.{attribute.name}", inner, version)
        for attribute in attributes:
            if version in attribute.versions and attribute.wire not in shown:
                self.findings.add(f"{where}.{attribute.name} ({attribute.wire!r}): the client's range "
                                  f"{attribute.versions} includes it, no response shows it", version)

    def _values(self, resource: type[Resource], served: Mapping[str, OperationInfo]) -> None:
        for operation, key in (("list", resource.resources_key), ("fetch", resource.resource_key)):
            info = served.get(operation)
            if info is None or key is None:
                continue
            for version in self._served(info):
                schema = _pick(info.meta.response_schemas, version)
                if schema is not None and _object(schema, key) is None:
                    self.findings.add(f"{resource.__name__}: the {operation} response has no {key!r}", version)

    # --- requests ----------------------------------------------------------------------------

    def _requests(self, resource: type[Resource], served: Mapping[str, OperationInfo]) -> None:
        for purpose in ("create", "commit"):
            info = served.get(purpose)
            if info is None:
                continue
            sendable = [(a, a.sendable(purpose)) for a in resource.attributes().values() if a.sendable(purpose)]
            for version in self._served(info):
                body = _pick(info.body_schemas, version)
                inner = _properties(_object(body, resource.resource_key))
                outer = {k: v for k, v in _properties(body).items() if k != resource.resource_key}
                for attribute, versions in sendable:
                    if version not in versions:
                        continue
                    if attribute.wire not in (outer if attribute.top_level else inner):
                        self.findings.add(f"{resource.__name__}.{attribute.name} ({attribute.wire!r}): the client "
                                          f"sends it on {purpose}, the request schema has no such property", version)
                for properties, top in ((inner, False), (outer, True)):
                    for wire in properties:
                        if wire in resource.unmapped:
                            continue
                        if not any(a.wire == wire and a.top_level == top and version in versions
                                   for a, versions in sendable):
                            self.findings.add(f"{resource.__name__}: {purpose} property {wire!r} has no client "
                                              f"attribute with {purpose}=True", version)

    def _query(self, resource: type[Resource], info: OperationInfo) -> None:
        params = resource.query.params
        for version in self._served(info):
            schema = _pick(info.meta.query_schemas, version)
            if schema is None:
                continue
            server = set(_properties(schema))
            client = {p.wire: name for name, p in params.items() if version in p.versions}
            for wire in sorted(set(client) - server):
                self.findings.add(f"{resource.__name__}: query parameter {client[wire]!r} ({wire!r}) is not in the "
                                  f"server's query schema", version)
            for wire in sorted(server - set(client)):
                self.findings.add(f"{resource.__name__}: server query parameter {wire!r} has no client parameter",
                                  version)

    def _actions(self, resource: type[Resource], actions: Sequence[Action]) -> None:
        path = _norm(resource.base_path + "/{id}/action")
        served = {i.action: i for i in self.routes.get(("POST", path), []) if i.action is not None}
        for action in actions:
            what = f"{resource.__name__} action {action.wire!r}"
            info = served.get(action.wire)
            if info is None:
                self.findings.add(f"{what}: the server has no such action on POST {resource.base_path}/{{id}}/action")
                continue
            self.claimed.add(("POST", path, action.wire))
            self._compare_ranges(what, self._in(action.versions), self._served(info))
            for version in self._served(info) & self._in(action.versions):
                argument = _object(_pick(info.body_schemas, version), action.wire)
                properties = _properties(argument)
                required = set(argument.get("required", ())) if isinstance(argument, dict) else set()
                given = {p.wire: (name, p) for name, p in action.params.items() if version in p.versions}
                for wire, (name, _param) in given.items():
                    if wire not in properties:
                        self.findings.add(f"{what}: argument {name!r} ({wire!r}) is not in the body schema", version)
                for wire in properties:
                    if wire not in given:
                        self.findings.add(f"{what}: body property {wire!r} has no client argument", version)
                for wire in required:
                    if wire in given and not given[wire][1].required:
                        self.findings.add(f"{what}: the server requires {wire!r}, the client does not", version)


def client_drift(api: API, proxy: type[Proxy], *, extensions: Mapping[str, type] | None = None,
                 name: str | None = None, plugins: Sequence[str] | None = None) -> list[str]:
    """Every difference between ``proxy`` (with ``extensions`` applied) and the served API.

    ``name``: the proxy's entry point name, which extensions name in ``extends``
    (default: the service type). ``plugins``: check only the routes of these plugin
    aliases (default: every loaded plugin).
    """
    if extensions:
        proxy = compose(name or proxy.description.service_type, proxy, extensions)
    return _Checker(api, proxy, plugins).check()


def assert_client_matches(api: API, proxy: type[Proxy], **options: Any) -> None:
    """Fail, listing every difference, unless the client matches the server (see :func:`client_drift`)."""
    problems = client_drift(api, proxy, **options)
    if problems:
        raise AssertionError(f"client {proxy.__name__} drifts from the server:\n  " + "\n  ".join(problems))
