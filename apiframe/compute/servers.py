"""Servers: list, detail, show, create, update and delete.

The create body is an extension point (``servers.create``): other plugins add properties
to it, as the keypairs plugin adds ``key_name``. Server actions live in their own
plugins (``server_actions``, ``lock_server``, ``pause_server``, ``suspend_server``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from apiframe import exception, wsgi
from apiframe.compute import driver
from apiframe.compute.common import is_true, pagination, query_value
from apiframe.compute.db import api as db
from apiframe.compute.db.servers import new_reservation_id
from apiframe.compute.policies import servers as policies
from apiframe.compute.server_access import check_unlocked, entry, get_server
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.compute.views import servers as views
from apiframe.extensions import ResourceSpec
from apiframe.integers import clamped_int
from apiframe.schemas import servers as schemas
from apiframe.validation import query_schema, response_schema, schema

CREATE_POINT = "servers.create"
API_STATUSES = frozenset(status for states in driver.STATE_MAP.values() for status in states.values())

#: First version of each server-create body schema (each holds until the next).
_CREATE_SCHEMAS = [("2.1", "create"), ("2.19", "create_v219"), ("2.32", "create_v232"),
                   ("2.33", "create_v233"), ("2.37", "create_v237"), ("2.42", "create_v242"),
                   ("2.52", "create_v252"), ("2.57", "create_v257"), ("2.63", "create_v263"),
                   ("2.67", "create_v267"), ("2.74", "create_v274"), ("2.90", "create_v290"),
                   ("2.94", "create_v294")]
_UPDATE_SCHEMAS = [("2.1", "update"), ("2.19", "update_v219"), ("2.90", "update_v290"), ("2.94", "update_v294")]
_INDEX_QUERIES = [("2.1", "index_query"), ("2.26", "index_query_v226"), ("2.66", "index_query_v266"),
                  ("2.73", "index_query_v273"), ("2.75", "index_query_v275")]
_DETAIL_RESPONSES = [("2.1", ""), ("2.3", "_v23"), ("2.9", "_v29"), ("2.16", "_v216"), ("2.19", "_v219"),
                     ("2.26", "_v226"), ("2.47", "_v247"), ("2.63", "_v263"), ("2.73", "_v273"),
                     ("2.90", "_v290"), ("2.96", "_v296"), ("2.98", "_v298"), ("2.100", "_v2100")]
_SHOW_RESPONSES = [*_DETAIL_RESPONSES[:8], ("2.71", "_v271"), *_DETAIL_RESPONSES[8:]]
_UPDATE_RESPONSES = [("2.1", ""), ("2.9", "_v29"), ("2.19", "_v219"), ("2.26", "_v226"), ("2.47", "_v247"),
                     ("2.63", "_v263"), ("2.71", "_v271"), ("2.73", "_v273"), ("2.75", "_v275"),
                     ("2.90", "_v290"), ("2.96", "_v296"), ("2.98", "_v298"), ("2.100", "_v2100")]


def versioned(decorator: Any, steps: list[tuple[str, str]], prefix: str = "", **kwargs: Any) -> Any:
    """Stack ``decorator(schemas.<prefix><name>, first, last)`` for consecutive version steps."""
    def apply(func: Any) -> Any:
        for index, (first, name) in enumerate(steps):
            following = steps[index + 1][0] if index + 1 < len(steps) else None
            last = None if following is None else _previous(following)
            func = decorator(getattr(schemas, prefix + name), first, last, **kwargs)(func)
        return func
    return apply


def _previous(version: str) -> str:
    major, minor = version.split(".")
    return f"{major}.{int(minor) - 1}"


#: Filters any caller may use; the rest need ``allow_all_filters`` (admins by default).
_USER_FILTERS = frozenset({"name", "status", "image", "flavor", "ip", "ip6", "changes-since",
                           "changes-before", "tags", "tags-any", "not-tags", "not-tags-any", "locked",
                           "limit", "marker", "sort_key", "sort_dir", "all_tenants"})
_USER_FILTERS_V283 = _USER_FILTERS | {"availability_zone", "config_drive", "key_name", "created_at",
                                      "launched_at", "terminated_at", "power_state", "task_state",
                                      "vm_state", "progress", "user_id"}


#: Counts up to here (far beyond any quota) are read exactly, so a quota refusal repeats the
#: request; a longer number, of any length, reads as this one.
_COUNT_CEILING = 10**100


def _time(req: wsgi.Request, name: str) -> dt.datetime | None:
    value = query_value(req, name)
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise exception.BadRequest(f"Invalid filter field: {name}.") from None
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _sort(req: wsgi.Request) -> tuple[list[str], list[str]]:
    """The sort keys and directions of a list request, without the keys the API ignores.

    An ignored key takes its direction with it (the direction at its position, when
    there is one), so the directions of the other keys stay paired with them.
    """
    ignored = schemas.IGNORED_SORT_KEYS_V273 if req.is_supported("2.73") else schemas.IGNORED_SORT_KEYS
    keys, dirs = list(req.query.get("sort_key", ())), list(req.query.get("sort_dir", ()))
    for key in [key for key in keys if key in ignored]:
        index = keys.index(key)
        if index < len(dirs):
            del dirs[index]
        del keys[index]
    return keys, dirs


def _tags(req: wsgi.Request, name: str) -> list[str]:
    value = query_value(req, name)
    return [tag for tag in value.split(",") if tag] if value else []


class ServersController(wsgi.Controller):
    """The server collection of the compute API."""

    def __init__(self, context: Any) -> None:
        self.context = context

    @property
    def services(self):
        """The application's compute services."""
        return compute_services(self.context)

    def _filters(self, req: wsgi.Request) -> db.ServerFilters:
        allowed = _USER_FILTERS_V283 if req.is_supported("2.83") else _USER_FILTERS
        if not req.is_supported("2.5"):
            allowed = allowed - {"ip6"}
        if not req.context.can(policies.ALLOW_ALL_FILTERS, fatal=False):
            req.query = {key: value for key, value in req.query.items() if key in allowed}
        statuses = [s.upper() for s in req.query.get("status", [])]
        unknown = set(statuses) - API_STATUSES
        if unknown and req.is_supported("2.38"):
            raise exception.BadRequest(f"Invalid status value: {sorted(unknown)[0]}")
        locked = query_value(req, "locked")
        return db.ServerFilters(
            name=query_value(req, "name"), status=statuses, image=query_value(req, "image"),
            flavor=query_value(req, "flavor"), user_id=query_value(req, "user_id"),
            host=query_value(req, "host"), availability_zone=query_value(req, "availability_zone"),
            reservation_id=query_value(req, "reservation_id"),
            locked=None if locked is None else is_true(locked),
            changes_since=_time(req, "changes-since"), changes_before=_time(req, "changes-before"),
            tags=_tags(req, "tags"), tags_any=_tags(req, "tags-any"),
            not_tags=_tags(req, "not-tags"), not_tags_any=_tags(req, "not-tags-any"),
            ip=query_value(req, "ip"), ip6=query_value(req, "ip6"))

    def _list(self, req: wsgi.Request, all_tenants_rule: str) -> tuple[list[Any], int]:
        project_id: str | None = req.context.project_id
        if is_true(query_value(req, "all_tenants", "false")) and req.context.can(all_tenants_rule, fatal=False):
            project_id = query_value(req, "project_id") or query_value(req, "tenant_id")
        limit, marker = pagination(req, self.services.max_limit)
        filters = self._filters(req)
        sort_keys, sort_dirs = _sort(req)
        with self.services.database.transaction() as session:
            servers = db.server_list(session, db.utcnow(), project_id=project_id, filters=filters,
                                     sort_keys=sort_keys, sort_dirs=sort_dirs, limit=limit, marker=marker)
            return [entry(server) for server in servers], limit

    @wsgi.policy(policies.INDEX)
    @wsgi.expected_errors((400, 403))
    @versioned(query_schema, _INDEX_QUERIES)
    @response_schema(schemas.index_response)
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /servers``: id, name and links of each server."""
        entries, limit = self._list(req, policies.INDEX_ALL_TENANTS)
        return views.index(req, [e.record for e in entries], limit)

    @wsgi.policy(policies.DETAIL)
    @wsgi.expected_errors((400, 403))
    @versioned(query_schema, _INDEX_QUERIES)
    @versioned(response_schema, _DETAIL_RESPONSES, "detail_response")
    def detail(self, req: wsgi.Request) -> dict[str, Any]:
        """``GET /servers/detail``: every field of each server."""
        entries, limit = self._list(req, policies.DETAIL_ALL_TENANTS)
        return views.detail(req, entries, limit)

    @wsgi.policy(policies.SHOW)
    @wsgi.expected_errors(404)
    @query_schema(schemas.show_query)
    @versioned(response_schema, _SHOW_RESPONSES, "show_response")
    def show(self, req: wsgi.Request, id: str) -> dict[str, Any]:
        """``GET /servers/{id}``."""
        with self.services.database.transaction() as session:
            return views.show(req, entry(get_server(req, session, id)))

    @wsgi.policy(policies.CREATE)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 409))
    @versioned(schema, _CREATE_SCHEMAS, extension_point=CREATE_POINT)
    @response_schema(schemas.create_response)
    def create(self, req: wsgi.Request, body: dict[str, Any]) -> wsgi.ResponseObject:
        """``POST /servers``: 202, ``Location`` of the (first) new server, and its admin password."""
        data = body["server"]
        min_count = clamped_int(data.get("min_count", 1), 1, _COUNT_CEILING)
        max_count = clamped_int(data.get("max_count", min_count), 1, _COUNT_CEILING)
        if min_count > max_count:
            raise exception.BadRequest("min_count must be <= max_count")
        services = self.services
        now = db.utcnow()
        with services.database.transaction() as session:
            flavor = self._flavor(req, session, data["flavorRef"])
            key_name, key_data = self._keypair(req, session, data.get("key_name"))
            limits = db.quota_limits(session, req.context.project_id, services.quota_defaults)
            count = self._count(session, req.context.project_id, flavor, min_count, max_count, limits)
            db.check_quota(session, req.context.project_id,
                           {"instances": count, "cores": count * flavor.vcpus, "ram": count * flavor.memory_mb},
                           limits)
            db.check_metadata_quota(len(data.get("metadata", {})), services.quota_defaults["metadata_items"])
            reservation_id = new_reservation_id()
            hints = body.get("os:scheduler_hints") or body.get("OS-SCH-HNT:scheduler_hints") or {}
            created = [self._create_one(req, session, now, data, flavor, key_name, key_data, reservation_id, index,
                                        hints)
                       for index in range(count)]
        if is_true(data.get("return_reservation_id", False)):
            return wsgi.ResponseObject(views.reservation(reservation_id))
        server = created[0]
        admin_pass = data.get("adminPass") or secrets.token_urlsafe(9)
        body = views.create(req, server, admin_pass if services.enable_instance_password else None)
        return wsgi.ResponseObject(body, headers={"Location": body["server"]["links"][0]["href"]})

    def _create_one(self, req: wsgi.Request, session: Any, now: dt.datetime, data: dict[str, Any], flavor: Any,
                    key_name: str | None, key_data: str | None, reservation_id: str, index: int,
                    scheduler_hints: dict[str, Any]) -> Any:
        name = data["name"] if index == 0 else f"{data['name']}-{index + 1}"
        fields: dict[str, Any] = {
            "image_ref": data.get("imageRef") or "", "key_name": key_name, "key_data": key_data,
            "description": data.get("description"), "access_ip_v4": data.get("accessIPv4"),
            "access_ip_v6": data.get("accessIPv6"), "availability_zone": data.get("availability_zone"),
            "config_drive": "True" if is_true(data.get("config_drive", False)) else "",
            "user_data": data.get("user_data"), "disk_config": data.get("OS-DCF:diskConfig", "MANUAL"),
            "reservation_id": reservation_id, "launch_index": index,
            "security_groups": [{"name": g["name"]} for g in data.get("security_groups", [])] or None,
            # What 2.96 and 2.100 show: the zone the request pinned and the hints it gave.
            "pinned_availability_zone": data.get("availability_zone"), "scheduler_hints": scheduler_hints,
        }
        if data.get("hostname") and index == 0:
            fields["hostname"] = data["hostname"]
        fields = {key: value for key, value in fields.items() if value is not None}
        server = db.server_create(session, now, project_id=req.context.project_id, user_id=req.context.user_id,
                                  name=name, flavor=db.flavor_snapshot(flavor), metadata=data.get("metadata"),
                                  tags=data.get("tags", ()), **fields)
        self.services.driver.spawn(server, now)
        return server

    @staticmethod
    def _count(session: Any, project_id: str, flavor: Any, min_count: int, max_count: int,
               limits: dict[str, int]) -> int:
        """How many servers to build: as many as the quota allows, up to ``max_count``.

        When not even ``min_count`` fit, ``min_count`` is returned and the quota check
        refuses the request with the compute API's message.
        """
        if min_count == max_count:
            return min_count
        usage = db.quota_usage(session, project_id)
        count = max_count
        for resource, each in (("instances", 1), ("cores", flavor.vcpus), ("ram", flavor.memory_mb)):
            limit = limits.get(resource, -1)
            if limit >= 0 and each > 0:
                count = min(count, (limit - usage[resource]) // each)
        return max(count, min_count)

    @staticmethod
    def _flavor(req: wsgi.Request, session: Any, flavor_ref: Any) -> Any:
        flavor_id = str(flavor_ref).rstrip("/").rsplit("/", 1)[-1]
        try:
            return db.flavor_get(session, flavor_id, project_id=req.context.project_id)
        except exception.NotFound:
            raise exception.BadRequest("Invalid flavorRef provided.") from None

    @staticmethod
    def _keypair(req: wsgi.Request, session: Any, key_name: str | None) -> tuple[str | None, str | None]:
        if key_name is None:
            return None, None
        try:
            keypair = db.keypair_get(session, req.context.user_id, key_name)
        except exception.NotFound:
            raise exception.BadRequest("Invalid key_name provided.") from None
        return keypair.name, keypair.public_key

    @wsgi.policy(policies.UPDATE)
    @wsgi.expected_errors((400, 404, 409))
    @versioned(schema, _UPDATE_SCHEMAS)
    @versioned(response_schema, _UPDATE_RESPONSES, "update_response")
    def update(self, req: wsgi.Request, id: str, body: dict[str, Any]) -> dict[str, Any]:
        """``PUT /servers/{id}``: name, description, access IPs, disk config, hostname."""
        data = body["server"]
        fields = {"name": "name", "description": "description", "accessIPv4": "access_ip_v4",
                  "accessIPv6": "access_ip_v6", "OS-DCF:diskConfig": "disk_config", "hostname": "hostname"}
        with self.services.database.transaction() as session:
            server = get_server(req, session, id)
            check_unlocked(req, server)
            db.server_update(session, server, db.utcnow(),
                             **{column: data[key] for key, column in fields.items() if key in data})
            return views.update(req, entry(server))

    @wsgi.policy(policies.DELETE)
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req: wsgi.Request, id: str) -> None:
        """``DELETE /servers/{id}``: the server is gone at once; a locked one answers 409."""
        with self.services.database.transaction() as session:
            server = get_server(req, session, id, lock=True)
            check_unlocked(req, server)
            self.services.driver.delete(server, db.utcnow())


class Servers(ComputePlugin):
    """Servers: create, list, show, update and delete virtual servers."""

    name = "Servers"
    alias = "servers"
    requires = ("flavors",)

    def get_resources(self) -> list[ResourceSpec]:
        """``/servers`` and ``/servers/detail``."""
        return [ResourceSpec("servers", ServersController(self.context), collection_actions={"detail": "GET"})]

    def get_policies(self) -> list:
        """The server rules."""
        return policies.list_rules()
