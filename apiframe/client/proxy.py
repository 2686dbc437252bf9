"""Proxies: one per service of a connection, sending resource operations at one microversion.

A proxy holds a keystoneauth1 ``Adapter`` bound to its service's versioned root, the
microversion negotiated for it, and the generic operations every resource shares
(list with paging, get, find, create, update, delete, wait, actions). A service's client
subclasses :class:`Proxy` with a :class:`ServiceDescription`; plugins add methods
through mixins (see :mod:`apiframe.client.plugins`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from apiframe.api_version import APIVersion
from apiframe.client.discovery import VersionInfo, negotiate, parse_version
from apiframe.client.errors import ClientError, InvalidArgument, NotFound, from_response, request_id_of, translating
from apiframe.client.resource import Action, Resource, check_version, path_of
from apiframe.client.service import ServiceDescription


class Proxy:
    """The calls of one service; ``conn.compute`` is one.

    Subclasses set ``description`` and ``max_microversion`` (the newest microversion
    whose shapes the client knows) and list the ``resources`` they serve; a plugin's
    mixin lists the ``actions`` it adds to resources of other plugins.
    """

    description: ClassVar[ServiceDescription]
    max_microversion: ClassVar[str | None] = None
    resources: ClassVar[tuple[type[Resource], ...]] = ()
    actions: ClassVar[tuple[Action, ...]] = ()

    def __init__(self, adapter: Any, *, microversion: APIVersion | None = None,
                 version_info: VersionInfo | None = None) -> None:
        self.adapter = adapter
        self.version_info = version_info
        self._version = microversion
        self._version_headers = {} if microversion is None else self.description.version_headers(str(microversion))
        parts = urlsplit(adapter.endpoint_override or "")
        self._origin = f"{parts.scheme}://{parts.netloc}"

    # --- what this proxy is --------------------------------------------------------------

    @classmethod
    def declared(cls, name: str) -> list[Any]:
        """Every entry of the class attribute ``name`` (``resources``, ``actions``) over the MRO."""
        found: list[Any] = []
        for klass in reversed(cls.__mro__):
            for entry in vars(klass).get(name, ()):
                if entry not in found:
                    found.append(entry)
        return found

    @classmethod
    def client_max(cls) -> APIVersion | None:
        """The newest microversion every part of this proxy knows (``None``: no limit declared)."""
        declared = [vars(klass)["max_microversion"] for klass in cls.__mro__
                    if vars(klass).get("max_microversion")]
        declared += [r.max_microversion for r in cls.declared("resources") if r.max_microversion]
        return min((parse_version(v) for v in declared), default=None)

    @property
    def microversion(self) -> str | None:
        """The microversion every call of this proxy asks for (``None``: the API has none)."""
        return None if self._version is None else str(self._version)

    def at_microversion(self, version: str) -> Proxy:
        """The same proxy asking for another microversion (checked against the server's range)."""
        if self.version_info is None:
            raise ClientError("this proxy was made without discovery; make it through a Connection")
        chosen = negotiate(self.version_info, self.client_max(), service=self.description.service_type,
                           pinned=version)
        return type(self)(self.adapter, microversion=chosen, version_info=self.version_info)

    def proxy_for(self, resource: type[Resource]) -> Proxy:
        """This proxy: resource methods accept a proxy where they take a connection."""
        return self

    # --- sending ---------------------------------------------------------------------------

    def request(self, method: str, path: str, *, json: Any = None, params: Mapping[str, Any] | None = None,
                headers: Mapping[str, str] | None = None) -> Any:
        """Send one request below the versioned root; an error answer raises :class:`ClientError`.

        Returns the keystoneauth response. ``path`` may be an absolute URL (a next link).
        """
        all_headers = {**self._version_headers, **(headers or {})}
        with translating():
            response = self.adapter.request(path, method, json=json, params=params, headers=all_headers,
                                            raise_exc=False)
        if response.status_code >= 400:
            raise from_response(response, self.description.fault_format)
        return response

    @staticmethod
    def _decode(response: Any) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise ClientError("the server answered with a body that is not JSON", status=response.status_code,
                              request_id=request_id_of(response.headers)) from None

    def _operation(self, resource: type[Resource], name: str) -> tuple[str, str]:
        operation = resource.operations().get(name)
        if operation is None:
            raise InvalidArgument(f"{resource.__name__} does not allow {name}")
        method, template, versions = operation
        check_version(versions, self._version, f"{name} of {resource.__name__}")
        return method, template

    def _path(self, resource: type[Resource], template: str, uri: Mapping[str, Any], member: Any = None) -> str:
        values = dict(uri)
        if member is not None:
            values["id"] = member
        return path_of(template, values, resource.__name__)

    def _next(self, body: Mapping[str, Any], key: str) -> str | None:
        suffix = self.description.links_suffix
        if suffix is None:
            return None
        for link in body.get(key + suffix) or ():
            if link.get("rel") == "next" and link.get("href"):
                # The server's own host may be one this client cannot reach (behind a proxy).
                parts = urlsplit(link["href"])
                return self._origin + parts.path + (f"?{parts.query}" if parts.query else "")
        return None

    # --- generic operations ----------------------------------------------------------------

    def _instance(self, resource: type[Resource], value: Any, uri: Mapping[str, Any] | None) -> Resource:
        if isinstance(value, resource):
            if uri:
                value._uri.update(uri)
            return value
        if isinstance(value, Resource):
            raise InvalidArgument(f"expected a {resource.__name__} or its id, got a {type(value).__name__}")
        instance = resource(uri=uri)
        if resource.requires_id:
            if value is None or value == "":
                raise InvalidArgument(f"a {resource.__name__} id is needed")
            instance.body[resource._attributes[resource.id_attribute].wire] = value
        return instance

    def _item(self, resource: type[Resource], body: Any, uri: Mapping[str, Any], key: str | None) -> Resource:
        data = body.get(key) if key and isinstance(body, dict) else body
        if not isinstance(data, dict):
            raise ClientError(f"the server's answer has no {key or resource.__name__} object")
        return resource(data, microversion=self._version, uri=uri)

    def _call(self, resource: type[Resource], operation: str, uri: Mapping[str, Any], member: Any = None, *,
              json: Any = None) -> Any:
        """One operation of a resource whose bodies are plain values (a metadata map, a tag list)."""
        method, template = self._operation(resource, operation)
        return self._decode(self.request(method, self._path(resource, template, uri, member), json=json))

    def _list(self, resource: type[Resource], *, details: bool = False, uri: Mapping[str, Any] | None = None,
              **query: Any) -> Iterator[Resource]:
        """Every member, page after page, following the ``next`` links."""
        method, template = self._operation(resource, "list_detail" if details else "list")
        uri = dict(uri or {})
        params = resource.query.encode(query, self._version, f"the {resource.__name__} list")
        key = resource.resources_key
        url: str | None = self._path(resource, template, uri)
        while url is not None:
            body = self._decode(self.request(method, url, params=params))
            for entry in body.get(key) or ():
                yield self._item(resource, entry, uri, resource.list_item_key)
            url, params = self._next(body, key), None

    def _get(self, resource: type[Resource], value: Any = None, *, uri: Mapping[str, Any] | None = None,
             params: Mapping[str, Any] | None = None) -> Resource:
        instance = self._instance(resource, value, uri)
        method, template = self._operation(resource, "fetch")
        path = self._path(resource, template, instance.uri_values(),
                          instance.identity if resource.requires_id else None)
        body = self._decode(self.request(method, path, params=params))
        instance._absorb(body.get(resource.resource_key) if resource.resource_key else body, self._version)
        return instance

    def _find(self, resource: type[Resource], name_or_id: str, *, ignore_missing: bool = True,
              uri: Mapping[str, Any] | None = None, details: bool = False, **query: Any) -> Resource | None:
        """The member with this id, else the one member with this name (``None``/404 if none)."""
        try:
            return self._get(resource, name_or_id, uri=uri)
        except NotFound:
            pass
        matches = [r for r in self._list(resource, details=details, uri=uri, **query)
                   if getattr(r, "name", None) == name_or_id]
        if len(matches) > 1:
            raise ClientError(f"more than one {resource.__name__} is named {name_or_id!r}; use an id",
                              details=[str(m.identity) for m in matches])
        if matches:
            return matches[0]
        if ignore_missing:
            return None
        raise NotFound(f"no {resource.__name__} with id or name {name_or_id!r}", status=404)

    def _create(self, resource: type[Resource], *, uri: Mapping[str, Any] | None = None,
                **attrs: Any) -> Resource:
        method, template = self._operation(resource, "create")
        instance = resource(uri=uri, **attrs)
        path = self._path(resource, template, instance.uri_values())
        answer = self._decode(self.request(method, path, json=instance.request_body("create", self._version)))
        if answer is not None:
            data = answer.get(resource.resource_key) if resource.resource_key else answer
            instance._absorb(data or {}, self._version)
        return instance

    def _update(self, resource: type[Resource], value: Any, **attrs: Any) -> Resource:
        instance = self._instance(resource, value, None)
        method, template = self._operation(resource, "commit")
        changes = resource(**attrs)
        path = self._path(resource, template, instance.uri_values(), instance.identity)
        answer = self._decode(self.request(method, path, json=changes.request_body("commit", self._version)))
        if answer is not None:
            data = answer.get(resource.resource_key) if resource.resource_key else answer
            instance._absorb(data or {}, self._version)
        return instance

    def _delete(self, resource: type[Resource], value: Any, *, ignore_missing: bool = True,
                uri: Mapping[str, Any] | None = None, params: Mapping[str, Any] | None = None) -> None:
        instance = self._instance(resource, value, uri)
        method, template = self._operation(resource, "delete")
        try:
            self.request(method, self._path(resource, template, instance.uri_values(), instance.identity),
                         params=params)
        except NotFound:
            if not ignore_missing:
                raise

    def _wait_for(self, resource: type[Resource], value: Any, *, status: str, failures: tuple[str, ...] = ("ERROR",),
                  interval: float = 2.0, wait: float = 120.0, attribute: str = "status") -> Resource:
        """Poll until ``attribute`` reads ``status``; a failure status or the deadline raises."""
        deadline = time.monotonic() + wait
        wanted, failed = status.upper(), {f.upper() for f in failures}
        while True:
            current = self._get(resource, value)
            reached = str(getattr(current, attribute) or "").upper()
            if reached == wanted:
                return current
            if reached in failed:
                fault = getattr(current, "fault", None) or {}
                raise ClientError(f"{resource.__name__} {current.identity} reached {attribute} {reached} "
                                  f"while waiting for {wanted}", details=[str(fault.get("message", ""))] if fault
                                  else [])
            if time.monotonic() + interval > deadline:
                raise ClientError(f"{resource.__name__} {current.identity} still has {attribute} {reached} "
                                  f"after {wait} seconds of waiting for {wanted}")
            time.sleep(interval)
            value = current

    def _wait_for_delete(self, resource: type[Resource], value: Any, *, interval: float = 2.0,
                         wait: float = 120.0) -> None:
        """Poll until the member answers 404; the deadline raises."""
        deadline = time.monotonic() + wait
        while True:
            try:
                current = self._get(resource, value)
            except NotFound:
                return
            if time.monotonic() + interval > deadline:
                raise ClientError(f"{resource.__name__} {current.identity} still exists after {wait} seconds")
            time.sleep(interval)
            value = current

    def act(self, action: Action, value: Any, *args: Any, **kwargs: Any) -> Any:
        """Send ``action`` to a member; returns the decoded answer (``None`` without a body)."""
        return self._decode(self._post_action(action, value, args, kwargs))

    def _post_action(self, action: Action, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        resource = action.resource
        if resource is None:
            raise InvalidArgument(f"action {action.wire!r} is not bound to a resource")
        instance = self._instance(resource, value, None)
        body = action.body(self._version, args, kwargs)
        path = self._path(resource, resource.base_path + "/{id}/action", instance.uri_values(), instance.identity)
        return self.request("POST", path, json=body)
