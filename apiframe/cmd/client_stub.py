"""``apiframe-api client-stub PLUGIN``: a starting client module for a plugin, written from the registry.

For each collection the plugin serves it writes a :class:`~apiframe.client.Resource`
(base path, body keys, the allowed operations with their microversion ranges, every
response and request property as an attribute with its type and range, the list's
query parameters, the actions), and a proxy mixin with the usual calls. The module is
a start: check it with ``apiframe.testing.client_drift`` and rename what reads badly.
"""

from __future__ import annotations

import argparse
import keyword
import re
from collections.abc import Iterable
from typing import Any

from apiframe.api_version import APIVersion
from apiframe.app import API, build_api
from apiframe.assembly import OperationInfo, all_versions
from apiframe.deploy import load_conf
from apiframe.exception import StartupError
from apiframe.registry import Ranged

_PYTHON_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "object": "dict",
                 "array": "list"}
#: Controller method -> (resource operation, path below the collection).
_OPERATIONS = {"index": "list", "detail": "list_detail", "create": "create", "update_all": "replace",
               "delete_all": "clear", "show": "fetch", "update": "commit", "delete": "delete"}


def add_parser(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Declare ``client-stub``."""
    parser = subparsers.add_parser("client-stub", parents=[parent], help="write a starting client module for a plugin",
                                   description="Print a client module (resources, attributes with their "
                                               "microversion ranges, actions, a proxy mixin) for PLUGIN.")
    parser.add_argument("plugin", metavar="PLUGIN", help="the plugin's alias, as 'apiframe-api routes' lists it")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the module here instead of printing it")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print (or write) the module."""
    text = client_stub(build_api(load_conf(args.config_files)), args.plugin)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as output:
            output.write(text)
    else:
        print(text, end="")
    return 0


def pep8_name(wire: str) -> str:
    """A Python name for a wire name: ``OS-EXT-STS:vm_state`` -> ``vm_state``, ``accessIPv4`` -> ``access_ipv4``."""
    name = wire.rsplit(":", 1)[-1]
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).replace("-", "_").lower()
    name = re.sub(r"\W", "_", name) or "value"
    return f"{name}_" if keyword.iskeyword(name) or name[0].isdigit() else name


def _pick(entries: list[Ranged], version: APIVersion) -> Any:
    return next((entry.value for entry in entries if version in entry.versions), None)


def _range_args(found: list[APIVersion], versions: list[APIVersion]) -> str:
    low, high = min(found), max(found)
    parts = [f'min_microversion="{low}"'] if low != versions[0] else []
    if high != versions[-1]:
        parts.append(f'max_microversion="{high}"')
    return ", ".join(parts)


def _since(found: list[APIVersion], versions: list[APIVersion]) -> str:
    args = _range_args(found, versions)
    return "True" if not args else "since(" + ", ".join(f'"{v}"' for v in re.findall(r'"([^"]+)"', args)) + ")"


def _types(schemas: Iterable[Any]) -> str:
    # Imported here: every apiframe-api command imports this module, and serving must not load the test harness.
    from apiframe.testing.client_drift import schema_types

    found: set[str] = set()
    for schema in schemas:
        types = schema_types(schema)
        if types is None:
            return "None"
        found |= types
    names = sorted({_PYTHON_TYPES[t] for t in found if t in _PYTHON_TYPES})
    if not names:
        return "None"
    return names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"


def _key_of(schema: Any, want_array: bool) -> str | None:
    for branch in [schema, *((schema or {}).get("oneOf") or [])]:
        properties = branch.get("properties", {}) if isinstance(branch, dict) else {}
        for key, value in properties.items():
            if isinstance(value, dict) and (value.get("type") == "array") == want_array and not key.endswith("_links"):
                return key
    return None


class _Collection:
    def __init__(self, base: str) -> None:
        self.base = base
        self.operations: dict[str, OperationInfo] = {}
        self.singleton = False

    @property
    def class_name(self) -> str:
        last = [part for part in self.base.split("/") if part and not part.startswith("{")][-1]
        words = re.split(r"[-_]", last.removeprefix("os-"))
        name = "".join(word.capitalize() for word in words)
        return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _collections(api: API, plugin: str) -> tuple[dict[str, _Collection], list[OperationInfo]]:
    collections: dict[str, _Collection] = {}
    actions = []
    for info in api.assembly.operations:
        if info.plugin != plugin:
            continue
        if info.action is not None:
            actions.append(info)
            continue
        operation = _OPERATIONS.get(info.name)
        if operation is None:
            continue
        base = info.template
        for suffix in ("/{id}", "/detail"):
            base = base.removesuffix(suffix)
        collections.setdefault(base, _Collection(base)).operations[operation] = info
    return collections, actions


def _singleton(collection: _Collection, versions: list[APIVersion]) -> bool:
    """A collection whose only GET answers one object (``/limits``): fetched without an id."""
    listing = collection.operations.get("list")
    if listing is None or "fetch" in collection.operations:
        return False
    schema = _pick(listing.meta.response_schemas, versions[-1]) or {}
    values = [v for k, v in schema.get("properties", {}).items() if not k.endswith("_links")]
    return len(values) == 1 and isinstance(values[0], dict) and "properties" in values[0]


def _resource(api: API, collection: _Collection, versions: list[APIVersion], lines: list[str]) -> None:
    ops = collection.operations
    singleton = collection.singleton = _singleton(collection, versions)
    if singleton:
        ops["fetch"] = ops.pop("list")
    resource_key = _key_of(_pick(ops["fetch"].meta.response_schemas, versions[-1]), False) if "fetch" in ops else None
    listing = ops.get("list_detail") or ops.get("list")
    resources_key = None
    if listing is not None:
        schema = _pick(listing.meta.response_schemas, max(v for v in versions if v in listing.meta.versions))
        resources_key = _key_of(schema, True) or _key_of(schema, False)
    lines += ["", "", f"class {collection.class_name}(Resource):",
              f'    """TODO: what a {collection.class_name} is (set id_attribute if not addressed by id)."""',
              "",
              f'    base_path = "{collection.base}"']
    if resource_key:
        lines.append(f'    resource_key = "{resource_key}"')
    if resources_key:
        lines.append(f'    resources_key = "{resources_key}"')
    if singleton:
        lines.append("    requires_id = False")
    if "list_detail" in ops:
        lines.append('    detail_suffix = "/detail"')
    for operation, info in ops.items():
        if operation == "list_detail":
            continue
        served = [v for v in versions if v in info.meta.versions]
        lines.append(f"    allow_{operation} = {_since(served, versions)}")
    if listing is not None:
        schema = _pick(listing.meta.response_schemas, versions[-1]) or {}
        listed = _item(schema, resources_key, True, unwrap=False)
        if len(listed) == 1 and "properties" in next(iter(listed.values())):
            lines.append(f'    list_item_key = "{next(iter(listed))}"')
        lines += _query(listing, versions)
    kind = _kind(api, collection, resources_key, versions)
    if kind != "record":
        lines.append(f'    kind = "{kind}"')
        return
    lines.append("")
    shown: dict[str, list[tuple[APIVersion, Any]]] = {}
    sent: dict[tuple[str, str, bool], list[tuple[APIVersion, Any]]] = {}
    for operation, info in ops.items():
        for version in versions:
            if version not in info.meta.versions:
                continue
            schema = _pick(info.meta.response_schemas, version) or {}
            item = _item(schema, resource_key if not operation.startswith("list") else resources_key,
                         operation.startswith("list"))
            for wire, prop in item.items():
                shown.setdefault(wire, []).append((version, prop))
            if operation in ("create", "commit") and info.body_schemas:
                body = _pick(info.body_schemas, version) or {}
                for wire, prop in _item(body, resource_key, False).items():
                    sent.setdefault((operation, wire, False), []).append((version, prop))
                for wire, prop in body.get("properties", {}).items():
                    if wire != resource_key:
                        sent.setdefault((operation, wire, True), []).append((version, prop))
    names: set[str] = set()
    for wire in sorted(shown):
        found = sorted({v for v, _ in shown[wire]})
        args = [f'"{wire}"', _types(p for _, p in shown[wire])]
        args += [a for a in [_range_args(found, versions)] if a]
        for purpose in ("create", "commit"):
            sendable = sorted({v for v, _ in sent.pop((purpose, wire, False), [])})
            if sendable:
                args.append(f"{purpose}=True" if sendable == found else f"{purpose}={_since(sendable, versions)}")
        lines.append(_attribute(_unique(wire, names), args))
    requested: dict[tuple[str, bool], dict[str, list[APIVersion]]] = {}
    for (purpose, wire, top), seen in sent.items():
        requested.setdefault((wire, top), {})[purpose] = sorted({v for v, _ in seen})
    for (wire, top), purposes in sorted(requested.items()):
        found = sorted({v for seen in purposes.values() for v in seen})
        schemas = [p for (purpose, w, t), seen in sent.items() if (w, t) == (wire, top) for _, p in seen]
        args = [f'"{wire}"', _types(schemas)] + [a for a in [_range_args(found, versions)] if a]
        args += [f"{purpose}=True" for purpose in sorted(purposes)] + ["response=False"]
        if top:
            args.append("top_level=True")
        lines.append(_attribute(_unique(wire, names), args))


def _attribute(name: str, args: list[str]) -> str:
    line = f"    {name} = Body({', '.join(args)})"
    return line if len(line) <= 120 else f"    {name} = Body(\n        {', '.join(args)},\n    )"


def _unique(wire: str, names: set[str]) -> str:
    """A PEP 8 name not used yet in this class: the short one, else one with the wire name's prefix."""
    for candidate in (pep8_name(wire), pep8_name(wire.replace(":", "_")), "requested_" + pep8_name(wire)):
        if candidate not in names:
            names.add(candidate)
            return candidate
    raise StartupError(f"cannot name the attribute {wire!r}")


def _kind(api: API, collection: _Collection, key: str | None, versions: list[APIVersion]) -> str:
    """``record``, or ``map``/``set`` when the collection's body is a plain dict or list of values."""
    listing = collection.operations.get("list")
    if listing is None or key is None:
        return "record"
    schema = _pick(listing.meta.response_schemas, max(v for v in versions if v in listing.meta.versions)) or {}
    value = schema.get("properties", {}).get(key, {})
    if value.get("type") == "object" and "properties" not in value:
        return "map"
    items = value.get("items", {}) if value.get("type") == "array" else {}
    return "set" if isinstance(items, dict) and items.get("type") == "string" else "record"


def _query(listing: OperationInfo, versions: list[APIVersion]) -> list[str]:
    served = [v for v in versions if v in listing.meta.versions]
    found: dict[str, list[APIVersion]] = {}
    for version in served:
        for name in (_pick(listing.meta.query_schemas, version) or {}).get("properties", {}):
            found.setdefault(name, []).append(version)
    if not found:
        return []
    params = []
    for wire, seen in sorted(found.items()):
        ranged = _range_args(seen, served)
        params.append(f'{pep8_name(wire)}=Param("{wire}", {ranged})' if ranged
                      else f'{pep8_name(wire)}="{wire}"' if pep8_name(wire) != wire else f'"{wire}"')
    params.sort(key=lambda text: "=" in text)  # positional names first
    return ["    query = QueryParameters(", *(f"        {param}," for param in params), "    )"]


def _item(schema: dict[str, Any], key: str | None, listed: bool, *, unwrap: bool = True) -> dict[str, Any]:
    node: Any = schema
    if key:
        for branch in [schema, *(schema.get("oneOf") or [])]:
            if isinstance(branch, dict) and key in branch.get("properties", {}):
                node = branch["properties"][key]
                break
    if listed and isinstance(node, dict):
        node = node.get("items", {})
        properties = node.get("properties", {}) if isinstance(node, dict) else {}
        if unwrap and len(properties) == 1:  # wrapped items: {"keypairs": [{"keypair": {...}}]}
            (inner,) = properties.values()
            node = inner if isinstance(inner, dict) and "properties" in inner else node
    return node.get("properties", {}) if isinstance(node, dict) else {}


def client_stub(api: API, plugin: str) -> str:
    """The text of a starting client module for the plugin with alias ``plugin``."""
    if plugin not in {p.alias for p in api.plugins}:
        raise StartupError(f"no loaded plugin has the alias {plugin!r}; 'apiframe-api routes' lists them")
    versions = all_versions(api.history)
    collections, actions = _collections(api, plugin)
    service = api.history.service_type
    lines: list[str] = []
    for collection in collections.values():
        _resource(api, collection, versions, lines)
    methods = ["", "", f"class {''.join(w.capitalize() for w in re.split(r'[-_]', plugin))}Methods:",
               f'    """The calls of the {plugin} plugin, added to ``conn.{service}``."""', "",
               f'    extends = "{service}"']
    if collections:
        methods.append("    resources = (" + ", ".join(c.class_name for c in collections.values()) + ",)")
    declared = []
    for info in actions:
        served = [v for v in versions if v in info.meta.versions]
        argument = _item(_pick(info.body_schemas, served[0]) or {}, info.action, False)
        params = "".join(f', {pep8_name(w)}=Param("{w}")' for w in argument)
        ranged = _range_args(served, versions)
        name = pep8_name(info.action).upper()
        if not declared:
            lines += ["", ""] if lines else [""]  # one blank line after the imports, two after a class
        declared.append(name)
        lines.append(f'{name} = Action("{info.action}"{", " + ranged if ranged else ""}{params})  '
                     f"# TODO: resource=<the {info.collection} resource class>")
    if declared:
        methods.append(f"    actions = ({', '.join(declared)},)")
    for collection in collections.values():
        name, ops = collection.class_name, collection.operations
        plural = pep8_name(name) + "s"
        if "list" in ops:
            methods += ["", f"    def {plural}(self, **query: Any) -> Iterator[{name}]:",
                        f'        """Every {name}."""', f"        return self._list({name}, **query)"]
        for operation, verb in (("fetch", "get"), ("create", "create"), ("commit", "update"), ("delete", "delete")):
            if operation not in ops:
                continue
            signature = {"fetch": "" if collection.singleton else "value: Any", "create": "**attrs: Any",
                         "commit": "value: Any, **attrs: Any", "delete": "value: Any"}[operation]
            fetch = f"self._get({name})" if collection.singleton else f"self._get({name}, value)"
            call = {"fetch": fetch, "create": f"self._create({name}, **attrs)",
                    "commit": f"self._update({name}, value, **attrs)", "delete": f"self._delete({name}, value)"}
            methods += ["", f"    def {verb}_{pep8_name(name)}(self{', ' if signature else ''}{signature}) -> Any:",
                        f'        """{verb.capitalize()} a {name}."""', f"        return {call[operation]}"]
    body = "\n".join(lines + methods) + "\n"
    used = [name for name in ("Action", "Body", "Param", "QueryParameters", "Resource", "since")
            if re.search(rf"\b{name}\b", body)]
    standard = [line for line, wanted in (("from collections.abc import Iterator", "Iterator[" in body),
                                          ("from typing import Any", re.search(r"\bAny\b", body))) if wanted]
    header = [f'"""The client of the {plugin} plugin (generated by apiframe-api client-stub; edit freely)."""', "",
              "from __future__ import annotations", "", *standard, *([""] if standard else []),
              f"from apiframe.client import {', '.join(used)}"]
    return "\n".join(header) + "\n" + body
