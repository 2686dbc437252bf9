"""The small API every stack implements, and the requests the benchmarks send to it.

Everything that is not framework lives here and is shared by all stacks, so a
difference between two stacks is the cost of the framework and nothing else:
the data (20 servers), the views, the create schema and its one pre-compiled
validator, the microversion negotiation done by hand, the fault body, the extra
routes registered beside the measured ones, and the expected responses.

The API, below ``/v2.1``:

* ``GET /servers/{server_id}`` — one server, Nova's full shape;
* ``GET /servers`` — the 20 servers, Nova's brief shape with links;
* ``POST /servers`` — create, body validated against :data:`CREATE_SCHEMA` (14
  properties like Nova's server-create body), answers 202 with ``Location``.

Every response carries the negotiated microversion in ``OpenStack-API-Version``,
``X-OpenStack-Nova-API-Version`` and ``Vary``.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

PREFIX = "/v2.1"
SERVICE_TYPE = "compute"
MIN_VERSION = (2, 1)
MAX_VERSION = (2, 20)
REQUESTED_VERSION = "2.15"
SERVER_COUNT = 20
DEFAULT_EXTRA_ROUTES = 50

STANDARD_VERSION_HEADER = "OpenStack-API-Version"
LEGACY_VERSION_HEADER = "X-OpenStack-Nova-API-Version"
VARY_VALUE = f"{STANDARD_VERSION_HEADER}, {LEGACY_VERSION_HEADER}"

_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")

_NAME = {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"^\S(.*\S)?$"}
_UUID = {"type": "string", "format": "uuid"}
_COUNT = {"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1}

CREATE_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "properties": {
        "server": {
            "type": "object",
            "properties": {
                "name": _NAME,
                "imageRef": _UUID,
                "flavorRef": {"type": ["string", "integer"], "minLength": 1},
                "adminPass": {"type": "string"},
                "metadata": {
                    "type": "object",
                    "patternProperties": {
                        r"^[a-zA-Z0-9-_:. ]{1,255}$": {"type": "string", "maxLength": 255},
                    },
                    "additionalProperties": False,
                },
                "networks": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "uuid": _UUID,
                            "port": _UUID,
                            "fixed_ip": {"type": "string", "format": "ipv4"},
                        },
                        "additionalProperties": False,
                    },
                },
                "OS-DCF:diskConfig": {"type": "string", "enum": ["AUTO", "MANUAL"]},
                "accessIPv4": {"type": "string", "format": "ipv4"},
                "availability_zone": _NAME,
                "key_name": _NAME,
                "min_count": _COUNT,
                "max_count": _COUNT,
                "security_groups": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": _NAME},
                        "additionalProperties": False,
                    },
                },
                "config_drive": {"type": "boolean"},
            },
            "required": ["name", "flavorRef"],
            "additionalProperties": False,
        },
    },
    "required": ["server"],
    "additionalProperties": False,
}

CREATE_BODY: Mapping[str, Any] = {
    "server": {
        "name": "bench-server",
        "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b",
        "flavorRef": "1",
        "metadata": {"My Server Name": "Apache1"},
        "networks": [{"uuid": "ff608d40-75e9-48cb-b745-77bb55b5eaf2"}],
        "OS-DCF:diskConfig": "AUTO",
        "accessIPv4": "192.0.2.10",
        "availability_zone": "nova",
        "key_name": "bench-key",
        "min_count": 1,
        "max_count": 1,
        "security_groups": [{"name": "default"}],
        "config_drive": False,
    },
}


class APIFailure(Exception):
    """An error the API answers with a fault; each stack renders it its own way."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_FAULT_NAMES = {400: "badRequest", 404: "itemNotFound", 406: "computeFault"}


def fault(code: int, message: str) -> dict[str, Any]:
    """Return a Nova-shaped fault body."""
    return {_FAULT_NAMES.get(code, "computeFault"): {"code": code, "message": message}}


def negotiate_version(standard: str | None, legacy: str | None) -> str:
    """Pick the request's microversion from its headers, the way OpenStack clients expect.

    The last ``compute`` entry of the standard header wins; the legacy header counts
    only when the standard one names no compute version; no header means the minimum.
    Raises :class:`APIFailure` 400 for a malformed version and 406 for one out of range.
    """
    requested = None
    if standard:
        for entry in standard.split(","):
            service, _, version = entry.strip().partition(" ")
            if service.lower() == SERVICE_TYPE and version.strip():
                requested = version.strip()
    if requested is None:
        requested = legacy.strip() if legacy else None
    if requested is None:
        return _text(MIN_VERSION)
    if requested == "latest":
        return _text(MAX_VERSION)
    match = _VERSION_RE.match(requested)
    if match is None:
        raise APIFailure(400, f"API Version String {requested} is of invalid format. Must be of "
                              "format MajorNum.MinorNum.")
    if not MIN_VERSION <= (int(match.group(1)), int(match.group(2))) <= MAX_VERSION:
        raise APIFailure(406, f"Version {requested} is not supported by the API. Minimum is "
                              f"{_text(MIN_VERSION)} and maximum is {_text(MAX_VERSION)}.")
    return requested


def version_headers(version: str) -> list[tuple[str, str]]:
    """Return the microversion headers every versioned response carries."""
    return [
        (STANDARD_VERSION_HEADER, f"{SERVICE_TYPE} {version}"),
        (LEGACY_VERSION_HEADER, version),
        ("Vary", VARY_VALUE),
    ]


def _text(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def make_create_validator() -> jsonschema.protocols.Validator:
    """Compile the create schema once, with format checking, as a careful hand-written API would."""
    return jsonschema.Draft4Validator(CREATE_SCHEMA, format_checker=jsonschema.FormatChecker())


def check_create_body(validator: jsonschema.protocols.Validator, body: Any) -> None:
    """Raise :class:`APIFailure` 400 in Nova's wording when ``body`` breaks the schema."""
    error = next(validator.iter_errors(body), None)
    if error is not None:
        path = "/".join(str(part) for part in error.path)
        raise APIFailure(400, f"Invalid input for field/attribute {path}. Value: {error.instance}. "
                              f"{error.message}")


def parse_json(raw: bytes) -> Any:
    """Decode a request body, answering 400 for anything that is not JSON."""
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise APIFailure(400, "Malformed request body") from exc


class ServerStore:
    """The servers the API serves: 20 fixed records, looked up by id.

    ``create`` builds the record a real create would and does not keep it, so
    memory and list size stay the same however many requests a run sends: the
    benchmark measures the framework, not a growing dict.
    """

    def __init__(self) -> None:
        self._servers = {server["id"]: server for server in map(_server_record, range(SERVER_COUNT))}
        self._ordered = tuple(self._servers.values())

    def get(self, server_id: str) -> dict[str, Any]:
        """Return one server or raise :class:`APIFailure` 404."""
        server = self._servers.get(server_id)
        if server is None:
            raise APIFailure(404, f"Instance {server_id} could not be found.")
        return server

    def list(self) -> Sequence[dict[str, Any]]:
        """Return every server, in a stable order."""
        return self._ordered

    def create(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Return the record a create of ``request`` (the validated ``server`` object) makes."""
        return {
            "id": str(uuid.uuid4()),
            "name": request["name"],
            "OS-DCF:diskConfig": request.get("OS-DCF:diskConfig", "MANUAL"),
            "security_groups": [{"name": group["name"]}
                                for group in request.get("security_groups", [{"name": "default"}])],
        }

    @property
    def first_id(self) -> str:
        """The id the member GET asks for."""
        return self._ordered[0]["id"]


def _server_record(index: int) -> dict[str, Any]:
    server_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"apiframe-bench-server-{index}"))
    return {
        "id": server_id,
        "name": f"server-{index:02d}",
        "status": "ACTIVE",
        "tenant_id": "6f70656e737461636b20342065766572",
        "user_id": "admin",
        "metadata": {"My Server Name": "Apache1"},
        "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6",
        "image_id": "70a599e0-31e7-49b7-b260-868f441e862b",
        "flavor_id": "1",
        "created": "2024-01-01T00:00:00Z",
        "updated": "2024-01-01T00:00:01Z",
        "addresses": {"private": [{"addr": f"192.168.1.{index + 10}", "version": 4,
                                   "OS-EXT-IPS:type": "fixed",
                                   "OS-EXT-IPS-MAC:mac_addr": f"aa:bb:cc:dd:ee:{index:02x}"}]},
        "accessIPv4": "", "accessIPv6": "", "key_name": None, "config_drive": "",
        "progress": 0, "OS-DCF:diskConfig": "AUTO", "OS-EXT-AZ:availability_zone": "nova",
        "OS-EXT-STS:power_state": 1, "OS-EXT-STS:task_state": None, "OS-EXT-STS:vm_state": "active",
        "OS-SRV-USG:launched_at": "2024-01-01T00:00:01.000000", "OS-SRV-USG:terminated_at": None,
        "security_groups": [{"name": "default"}],
    }


def _links(app_url: str, collection: str, item_id: str) -> list[dict[str, str]]:
    return [{"rel": "self", "href": f"{app_url}{PREFIX}/{collection}/{item_id}"},
            {"rel": "bookmark", "href": f"{app_url}/{collection}/{item_id}"}]


def show_view(server: Mapping[str, Any], app_url: str) -> dict[str, Any]:
    """Nova's full server representation."""
    view = {key: value for key, value in server.items() if key not in ("image_id", "flavor_id")}
    view["image"] = {"id": server["image_id"], "links": _links(app_url, "images", server["image_id"])[1:]}
    view["flavor"] = {"id": server["flavor_id"],
                      "links": _links(app_url, "flavors", server["flavor_id"])[1:]}
    view["os-extended-volumes:volumes_attached"] = []
    view["links"] = _links(app_url, "servers", server["id"])
    return {"server": view}


def index_view(servers: Sequence[Mapping[str, Any]], app_url: str) -> dict[str, Any]:
    """Nova's brief server list: id, name and links of each."""
    return {"servers": [{"id": server["id"], "name": server["name"],
                         "links": _links(app_url, "servers", server["id"])} for server in servers]}


def create_view(server: Mapping[str, Any], app_url: str) -> tuple[dict[str, Any], str]:
    """Nova's create response body and the ``Location`` of the new server."""
    links = _links(app_url, "servers", server["id"])
    return {"server": {**server, "links": links}}, links[0]["href"]


def extra_body() -> dict[str, Any]:
    """The body every extra route answers with."""
    return {"bench": []}


def extra_routes(count: int = DEFAULT_EXTRA_ROUTES, shared_prefix: bool = False) -> tuple[str, ...]:
    """Route templates registered beside the measured ones, each answering ``GET`` with 200.

    Unrelated routes come in collection/member pairs (``/v2.1/os-bench-3``,
    ``/v2.1/os-bench-3/{item_id}``). With ``shared_prefix`` every route is a
    sub-resource of a server (``/v2.1/servers/{server_id}/bench-7``), the case a
    prefix-scanning router handles worst.
    """
    if shared_prefix:
        return tuple(f"{PREFIX}/servers/{{server_id}}/bench-{index}" for index in range(count))
    return tuple(f"{PREFIX}/os-bench-{index // 2}" if index % 2 == 0
                 else f"{PREFIX}/os-bench-{index // 2}/{{item_id}}" for index in range(count))


def fill_template(template: str) -> str:
    """Turn a route template into a concrete path that matches it."""
    return re.sub(r"\{[^}]+\}", "x1", template)


@dataclass(frozen=True)
class RequestSpec:
    """One request the benchmarks send, and what a correct answer looks like."""

    name: str
    method: str
    path: str
    expected_status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)


#: Every request carries the same credentials; stacks without authentication ignore them.
AUTH_HEADERS = {"X-Auth-Token": "bench-user:bench-project"}


def _versioned(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    return {STANDARD_VERSION_HEADER: f"{SERVICE_TYPE} {REQUESTED_VERSION}", **AUTH_HEADERS, **(extra or {})}


def measured_requests() -> dict[str, RequestSpec]:
    """The measured requests, by endpoint name: ``get_member``, ``list``, ``create``."""
    member_id = ServerStore().first_id
    return {
        "get_member": RequestSpec("get_member", "GET", f"{PREFIX}/servers/{member_id}", 200,
                                  headers=_versioned()),
        "list": RequestSpec("list", "GET", f"{PREFIX}/servers", 200, headers=_versioned()),
        "create": RequestSpec("create", "POST", f"{PREFIX}/servers", 202,
                              body=json.dumps(CREATE_BODY).encode(),
                              headers=_versioned({"Content-Type": "application/json"})),
    }


ENDPOINTS = ("get_member", "list", "create")
ENDPOINT_TITLES = {"get_member": "GET member", "list": "GET list (20)", "create": "POST create"}


def probe_requests(routes: Sequence[str]) -> list[RequestSpec]:
    """Requests that prove a stack really serves what it claims: a bad body, an unknown
    id, an out-of-range version and the last extra route."""
    member = measured_requests()["get_member"]
    bad_body = {"server": {**CREATE_BODY["server"], "imageRef": "not-a-uuid"}}
    probes = [
        RequestSpec("bad_body", "POST", f"{PREFIX}/servers", 400, json.dumps(bad_body).encode(),
                    _versioned({"Content-Type": "application/json"})),
        RequestSpec("unknown_id", "GET", f"{PREFIX}/servers/no-such-id", 404, headers=_versioned()),
        RequestSpec("bad_version", "GET", member.path, 406,
                    headers={STANDARD_VERSION_HEADER: f"{SERVICE_TYPE} 9.9"}),
    ]
    if routes:
        probes.append(RequestSpec("extra_route", "GET", fill_template(routes[-1]), 200,
                                  headers=_versioned()))
    return probes


class WrongResponse(AssertionError):
    """A stack answered a benchmark request incorrectly; its timings would mean nothing."""


def check_response(spec: RequestSpec, status: int, headers: Mapping[str, str], body: bytes) -> None:
    """Raise :class:`WrongResponse` unless the answer to ``spec`` is what the API promises."""
    def fail(reason: str) -> WrongResponse:
        return WrongResponse(f"{spec.method} {spec.path} ({spec.name}): {reason}; "
                             f"status {status}, body {body[:200]!r}")

    if status != spec.expected_status:
        raise fail(f"expected status {spec.expected_status}")
    lowered = {key.lower(): value for key, value in headers.items()}
    try:
        document = json.loads(body)
    except ValueError:
        raise fail("body is not JSON") from None
    if status >= 400:
        detail = next(iter(document.values()), None) if isinstance(document, dict) else None
        if len(document) != 1 or not isinstance(detail, dict) or detail.get("code") != status \
                or not detail.get("message"):
            raise fail("not a fault body ({name: {code, message}})")
        return
    if lowered.get(STANDARD_VERSION_HEADER.lower()) != f"{SERVICE_TYPE} {REQUESTED_VERSION}":
        raise fail(f"{STANDARD_VERSION_HEADER} does not echo {REQUESTED_VERSION}")
    if lowered.get(LEGACY_VERSION_HEADER.lower()) != REQUESTED_VERSION:
        raise fail(f"{LEGACY_VERSION_HEADER} does not echo {REQUESTED_VERSION}")
    expectations = {
        "get_member": lambda: document["server"]["id"] == spec.path.rsplit("/", 1)[1],
        "list": lambda: len(document["servers"]) == SERVER_COUNT,
        "create": lambda: lowered.get("location", "").endswith(document["server"]["id"]),
        "extra_route": lambda: document == extra_body(),
    }
    if not expectations[spec.name]():
        raise fail("body does not match the endpoint's contract")
