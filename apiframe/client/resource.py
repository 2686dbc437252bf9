"""Resources: what a client knows of one kind of thing an API serves.

A :class:`Resource` subclass declares where the thing lives (``base_path``), how its
bodies are keyed (``resource_key``, ``resources_key``), which operations the API offers
(``allow_*``, each ``True`` or a microversion range from :func:`since`), its attributes
(the wire name, a PEP 8 name, a type and the microversion range in which the attribute
exists), the query parameters of its list and its actions::

    class Flavor(Resource):
        base_path = "/flavors"
        resource_key, resources_key = "flavor", "flavors"
        allow_list = allow_fetch = allow_create = allow_delete = True
        allow_commit = since("2.55")
        is_public = Body("os-flavor-access:is_public", bool, create=True)
        description = Body("description", str, min_microversion="2.55", create=True, commit=True)

Everything here is declaration and conversion; sending is the proxy's job
(:mod:`apiframe.client.proxy`). ``apiframe.testing.client_drift`` checks these
declarations against the server's registry at every microversion.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import quote

from apiframe.api_version import ALL_VERSIONS, APIVersion, VersionRange
from apiframe.client.errors import InvalidArgument, UnsupportedMicroversion

Allowed = bool | VersionRange
TypeSpec = type | tuple[type, ...] | None

#: The operations of a resource: the HTTP method and whether it addresses one member.
OPERATIONS: dict[str, tuple[str, bool]] = {
    "list": ("GET", False), "create": ("POST", False), "replace": ("PUT", False), "clear": ("DELETE", False),
    "fetch": ("GET", True), "commit": ("PUT", True), "delete": ("DELETE", True),
}


def since(first: str, last: str | None = None) -> VersionRange:
    """The microversions ``first`` to ``last`` (open-ended without ``last``)."""
    return VersionRange.of(first, last)


def _range(min_microversion: str | None, max_microversion: str | None) -> VersionRange:
    return VersionRange.of(min_microversion, max_microversion)


def _describe(versions: VersionRange) -> str:
    if versions.max is None:
        return f"microversion {versions.min} or later"
    return f"microversions {versions.min or 'up'} to {versions.max}"


def check_version(versions: VersionRange, version: APIVersion | None, what: str) -> None:
    """Refuse, before sending, a use of ``what`` outside ``versions`` at ``version``."""
    if version is not None and version not in versions:
        raise UnsupportedMicroversion(f"{what} needs {_describe(versions)}; this connection uses {version}")


class Param:
    """A named value a call sends: an action argument or a query parameter.

    ``wire`` is the name on the wire; the keyword a caller uses is the PEP 8 name given
    where the parameter is declared. ``required`` arguments must be given.
    """

    def __init__(self, wire: str, type: TypeSpec = None, *, required: bool = False,
                 min_microversion: str | None = None, max_microversion: str | None = None) -> None:
        self.wire = wire
        self.type = type
        self.required = required
        self.versions = _range(min_microversion, max_microversion)


class Attribute:
    """A value of a resource: its wire name, type and the microversions in which it exists.

    ``create``/``commit``: the attribute may be sent when creating/updating (``True``,
    or the microversions in which it may, when they differ from where it is shown).
    ``response``: the server shows it (``False`` for request-only values like
    ``flavorRef``). ``top_level``: sent beside the resource key, not inside it.
    """

    location = "body"

    def __init__(self, wire: str, type: TypeSpec = None, *, min_microversion: str | None = None,
                 max_microversion: str | None = None, create: Allowed = False, commit: Allowed = False,
                 response: bool = True, top_level: bool = False) -> None:
        self.wire = wire
        self.type = type
        self.versions = _range(min_microversion, max_microversion)
        self.create = create
        self.commit = commit
        self.response = response
        self.top_level = top_level
        self.name = wire

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def sendable(self, purpose: str) -> VersionRange | None:
        """Where the attribute may be sent for ``purpose`` (``create``/``commit``); ``None``: never."""
        allowed = getattr(self, purpose)
        return _intersect(self.versions, allowed) if allowed else None

    def __get__(self, instance: Resource | None, owner: type) -> Any:
        if instance is None:
            return self
        if self.name in instance._changes:
            return instance._changes[self.name]
        return self.convert(instance._source(self.location).get(self.wire), instance.microversion)

    def __set__(self, instance: Resource, value: Any) -> None:
        instance._changes[self.name] = value

    def convert(self, value: Any, microversion: APIVersion | None = None) -> Any:
        """The wire value as the declared type (values already of that type pass through).

        A :class:`Resource` type makes an object of a nested object (``limits.absolute``).
        """
        if value is None or self.type is None or isinstance(value, self.type):
            return value
        target = self.type[0] if isinstance(self.type, tuple) else self.type
        if isinstance(target, type) and issubclass(target, Resource):
            return target(value, microversion=microversion) if isinstance(value, dict) else value
        if target is bool and isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        try:
            return target(value)
        except (TypeError, ValueError):
            return value


class Body(Attribute):
    """An attribute carried in the resource's JSON body."""


class URI(Attribute):
    """A value of the resource's path: fills ``{name}`` in ``base_path`` (a parent's id)."""

    location = "uri"

    def __init__(self, wire: str, type: TypeSpec = str) -> None:
        super().__init__(wire, type, response=False)


class QueryParameters:
    """The query parameters a list takes: ``QueryParameters("name", changes_since="changes-since")``.

    Positional names are the same on the wire; keywords map a PEP 8 name to a wire name
    or to a :class:`Param` with a microversion range.
    """

    def __init__(self, *names: str, **mapped: str | Param) -> None:
        self.params: dict[str, Param] = {name: Param(name) for name in names}
        for name, wire in mapped.items():
            self.params[name] = wire if isinstance(wire, Param) else Param(wire)

    def encode(self, given: Mapping[str, Any], version: APIVersion | None, what: str) -> dict[str, Any]:
        """The query string of a call; unknown or out-of-range parameters raise before sending."""
        encoded: dict[str, Any] = {}
        for name, value in given.items():
            param = self.params.get(name)
            if param is None:
                known = ", ".join(sorted(self.params)) or "none"
                raise InvalidArgument(f"{what} takes no query parameter {name!r} (it takes: {known})")
            if value is not None:
                check_version(param.versions, version, f"query parameter {name!r} of {what}")
                encoded[param.wire] = _query_value(value)
        return encoded


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return [_query_value(v) for v in value]
    return value


class Action:
    """A ``POST {member}/action`` the API serves: ``{"reboot": {"type": "SOFT"}}``.

    Declared on the resource (``reboot = Action("reboot", type=Param("type", str,
    required=True))``) it is also a method of each instance: ``server.reboot(conn,
    "SOFT")``; positional arguments fill the parameters in declaration order. A plugin
    declaring an action of another plugin's resource passes ``resource=``.
    Without arguments the body is ``{name: null}``.
    """

    def __init__(self, wire: str, *, min_microversion: str | None = None, max_microversion: str | None = None,
                 resource: type[Resource] | None = None, **params: Param) -> None:
        self.wire = wire
        self.versions = _range(min_microversion, max_microversion)
        self.params = params
        self.resource = resource
        self.name = wire

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.resource = owner

    def __get__(self, instance: Resource | None, owner: type) -> Any:
        if instance is None:
            return self

        def call(connection: Any, *args: Any, **kwargs: Any) -> Any:
            return proxy_for(connection, owner).act(self, instance, *args, **kwargs)

        call.__doc__ = f"POST the {self.wire!r} action of this {owner.__name__} through ``connection``."
        return call

    def body(self, version: APIVersion | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The request body for these arguments; refuses wrong ones before sending."""
        what = f"action {self.wire!r}"
        check_version(self.versions, version, what)
        if len(args) > len(self.params):
            raise InvalidArgument(f"{what} takes at most {len(self.params)} arguments ({', '.join(self.params)})")
        given = dict(zip(self.params, args, strict=False))
        for name, value in kwargs.items():
            if name not in self.params:
                raise InvalidArgument(f"{what} takes no argument {name!r} (it takes: "
                                      f"{', '.join(self.params) or 'none'})")
            if name in given:
                raise InvalidArgument(f"{what} got argument {name!r} twice")
            given[name] = value
        values = {}
        for name, param in self.params.items():
            value = given.get(name)
            if value is None:
                if param.required:
                    raise InvalidArgument(f"{what} needs argument {name!r}")
                continue
            check_version(param.versions, version, f"argument {name!r} of {what}")
            values[param.wire] = value
        return {self.wire: values or None}


def proxy_for(connection: Any, resource: type[Resource]) -> Any:
    """The proxy that serves ``resource``: ``connection`` itself if it is a proxy."""
    finder = getattr(connection, "proxy_for", None)
    return finder(resource) if finder is not None else connection


class Resource:
    """Base of client resources; see the module docstring for the declarations.

    An instance holds the body the server last showed (``body``), the microversion it
    was shown at, and the values the caller set since. Attributes are read through
    their PEP 8 names; :meth:`to_dict` gives them all.
    """

    #: ``record``: attributes in a JSON object; ``map``: a dict of values (metadata);
    #: ``set``: a list of values (tags), each a member of its own.
    kind: ClassVar[str] = "record"
    base_path: ClassVar[str] = ""
    resource_key: ClassVar[str | None] = None
    resources_key: ClassVar[str | None] = None
    #: Lists whose items are wrapped: ``{"keypairs": [{"keypair": {...}}]}``.
    list_item_key: ClassVar[str | None] = None
    #: The path below ``base_path`` of the list with every attribute (``/detail``).
    detail_suffix: ClassVar[str | None] = None
    #: The attribute whose value addresses a member (``/os-keypairs/{name}``).
    id_attribute: ClassVar[str] = "id"
    #: ``False``: fetch is ``GET base_path`` (a singleton such as ``/limits``).
    requires_id: ClassVar[bool] = True
    commit_method: ClassVar[str] = "PUT"
    #: Where the resource exists at all (server tags from 2.26).
    versions: ClassVar[VersionRange] = ALL_VERSIONS
    #: The newest microversion whose shape this definition knows (``None``: its proxy's).
    max_microversion: ClassVar[str | None] = None
    allow_list: ClassVar[Allowed] = False
    allow_create: ClassVar[Allowed] = False
    allow_fetch: ClassVar[Allowed] = False
    allow_commit: ClassVar[Allowed] = False
    allow_delete: ClassVar[Allowed] = False
    allow_replace: ClassVar[Allowed] = False
    allow_clear: ClassVar[Allowed] = False
    query: ClassVar[QueryParameters] = QueryParameters()
    #: Wire names of response properties the client deliberately does not map.
    unmapped: ClassVar[frozenset[str]] = frozenset()

    _attributes: ClassVar[dict[str, Attribute]] = {}
    _actions: ClassVar[dict[str, Action]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        attributes: dict[str, Attribute] = {}
        actions: dict[str, Action] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                # A subclass may hide an inherited attribute or action by assigning anything else.
                attributes.pop(name, None)
                actions.pop(name, None)
                if isinstance(value, Attribute):
                    attributes[name] = value
                elif isinstance(value, Action):
                    actions[name] = value
        cls._attributes = attributes
        cls._actions = actions

    def __init__(self, body: Mapping[str, Any] | None = None, *, microversion: APIVersion | None = None,
                 uri: Mapping[str, Any] | None = None, **attrs: Any) -> None:
        self.body: dict[str, Any] = dict(body or {})
        self.microversion = microversion
        self._uri = dict(uri or {})
        self._changes: dict[str, Any] = {}
        for name, value in attrs.items():
            attribute = self._attributes.get(name)
            if attribute is None:
                raise InvalidArgument(f"{type(self).__name__} has no attribute {name!r}")
            if attribute.location == "uri":
                self._uri[attribute.wire] = value
            else:
                self._changes[name] = value

    def _source(self, location: str) -> Mapping[str, Any]:
        return self._uri if location == "uri" else self.body

    @classmethod
    def attributes(cls) -> dict[str, Attribute]:
        """The declared attributes, by PEP 8 name."""
        return cls._attributes

    @classmethod
    def actions(cls) -> dict[str, Action]:
        """The actions declared on this resource, by method name."""
        return cls._actions

    @classmethod
    def operations(cls) -> dict[str, tuple[str, str, VersionRange]]:
        """The allowed operations: name -> (method, path template, microversion range)."""
        found = {}
        for name, (method, on_member) in OPERATIONS.items():
            allowed = getattr(cls, f"allow_{name}")
            if not allowed:
                continue
            if name == "commit":
                method = cls.commit_method
            path = cls.base_path + ("/{id}" if on_member and cls.requires_id else "")
            found[name] = (method, path, _intersect(cls.versions, allowed))
        if "list" in found and cls.detail_suffix:
            found["list_detail"] = ("GET", cls.base_path + cls.detail_suffix, found["list"][2])
        return found

    @property
    def identity(self) -> Any:
        """The value that addresses this member in URLs."""
        return getattr(self, self.id_attribute)

    def uri_values(self) -> dict[str, Any]:
        """The values of the path placeholders this instance knows."""
        return dict(self._uri)

    def to_dict(self) -> dict[str, Any]:
        """Every attribute by its PEP 8 name (``None`` where the server showed none), nested ones too."""
        values = {name: getattr(self, name) for name in self._attributes}
        return {name: value.to_dict() if isinstance(value, Resource) else value for name, value in values.items()}

    def request_body(self, purpose: str, version: APIVersion | None) -> dict[str, Any]:
        """The body that sends the values set on this instance, for ``create`` or ``commit``."""
        inner: dict[str, Any] = {}
        outer: dict[str, Any] = {}
        kind = type(self).__name__
        for name, value in self._changes.items():
            attribute = self._attributes[name]
            versions = attribute.sendable(purpose)
            if versions is None:
                raise InvalidArgument(f"{kind}.{name} cannot be set on {purpose}")
            check_version(versions, version, f"{kind}.{name} on {purpose}")
            (outer if attribute.top_level else inner)[attribute.wire] = value
        if self.resource_key is None:
            return {**inner, **outer}
        return {self.resource_key: inner, **outer}

    def _absorb(self, body: Mapping[str, Any], version: APIVersion | None) -> None:
        """Take what the server answered as the new state; local changes are sent, so dropped."""
        self.body = dict(body)
        self.microversion = version
        self._changes.clear()

    def __repr__(self) -> str:
        shown = {name: value for name, value in self.to_dict().items() if value is not None}
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.to_dict() == self.to_dict()

    __hash__ = None  # type: ignore[assignment]


def _intersect(resource: VersionRange, allowed: Allowed) -> VersionRange:
    if not isinstance(allowed, VersionRange):
        return resource
    low = max((v for v in (resource.min, allowed.min) if v is not None), default=None)
    high = min((v for v in (resource.max, allowed.max) if v is not None), default=None)
    return VersionRange(low, high)


def path_of(template: str, values: Mapping[str, Any], what: str) -> str:
    """``template`` with its ``{name}`` placeholders filled; a missing value raises before sending."""
    try:
        return template.format_map({key: _quote(value) for key, value in values.items()})
    except KeyError as exc:
        raise InvalidArgument(f"{what} needs {exc.args[0]!r} (the id of its parent)") from None


def _quote(value: Any) -> str:
    return quote(str(value), safe="")
