"""Helpers of the view tests: requests, policy decisions and model records.

Requests are real :class:`apiframe.wsgi.Request` objects prepared as the resource layer
prepares them; the policy context is a stand-in that allows a fixed set of rules, since
which fields a caller sees is exactly what these tests vary. Records are real (transient)
model objects.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

import jsonschema

from apiframe import wsgi
from apiframe.api_version import APIVersion
from apiframe.compute.db import models
from apiframe.validation.formats import FORMAT_CHECKER
from apiframe.validation.validators import ResponseValidator, compile_fast

HOST = "http://compute.example.com:8774"
PROJECT_ID = "6f70656e737461636b20342065766572"
ADMIN_RULES = frozenset({
    "os_compute_api:os-extended-server-attributes",
    "os_compute_api:servers:show:flavor-extra-specs",
    "os_compute_api:servers:show:host_status",
    "os_compute_api:os-flavor-extra-specs:index",
})
READER_RULES = frozenset({
    "os_compute_api:servers:show:flavor-extra-specs",
    "os_compute_api:os-flavor-extra-specs:index",
})


class FakeContext:
    """Allows exactly the given policy rules and records what was asked."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        self.asked: list[tuple[str, object]] = []

    def can(self, rule: str, target: object = None, fatal: bool = False) -> bool:
        self.asked.append((rule, target))
        return rule in self.allowed


def make_request(version: str, allowed: frozenset[str] = ADMIN_RULES, query: str = "",
                 project_in_url: bool = True) -> wsgi.Request:
    """A real :class:`~apiframe.wsgi.Request` as the resource layer prepares it, whose
    context allows exactly ``allowed`` (policy decisions are the views' input here)."""
    prefix = f"/{PROJECT_ID}" if project_in_url else ""
    req = wsgi.Request.blank(f"{HOST}/v2.1{prefix}/servers?{query}")
    req.api_version = APIVersion.parse(version)
    req.url_project_id = PROJECT_ID if project_in_url else None
    req.endpoint_prefix = "/v2.1"
    req.context = FakeContext(allowed)
    return req


def assert_valid(schema: dict, body: object) -> None:
    """Fail with every error when ``body`` does not match ``schema`` (formats checked).

    Both compiled forms must accept it: the fast one and the authoritative one.
    """
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(body)]
    assert not errors, errors
    fast, checked = _compiled(schema)
    fast(body)
    checked.validate(body)


_COMPILED: dict[int, tuple[Callable[[object], object], ResponseValidator]] = {}


def _compiled(schema: dict) -> tuple[Callable[[object], object], ResponseValidator]:
    # Schemas are module constants that live as long as the test run, so id() is stable;
    # compiling once per schema keeps the suite fast.
    if id(schema) not in _COMPILED:
        _COMPILED[id(schema)] = (compile_fast(schema), ResponseValidator(schema))
    return _COMPILED[id(schema)]


def pick(table: list[tuple[str, object]], version: str) -> object:
    """The value of a ``[(first version, value), ...]`` table that applies at ``version``."""
    wanted = APIVersion.parse(version)
    chosen = None
    for first, value in table:
        if APIVersion.parse(first) <= wanted:
            chosen = value
    assert chosen is not None, f"nothing applies at {version}"
    return chosen


CREATED = datetime.datetime(2013, 9, 3, 4, 1, 32)
UPDATED = datetime.datetime(2013, 9, 3, 4, 1, 33)
LAUNCHED = datetime.datetime(2013, 9, 23, 13, 37, 0, 880302)


def server_record(**overrides: object) -> models.Server:
    """An active server record with the model's attributes."""
    fields = {
        "id": str(uuid.uuid4()),
        "name": "new-server-test",
        "description": None,
        "project_id": PROJECT_ID,
        "user_id": "admin",
        "hostname": "new-server-test",
        "image_ref": "70a599e0-31e7-49b7-b260-868f441e862b",
        "flavor": {
            "flavorid": "1", "name": "m1.tiny", "vcpus": 1, "ram": 512, "disk": 1,
            "ephemeral": 0, "swap": 0, "extra_specs": {"hw:numa_nodes": "1"},
        },
        "key_name": None,
        "key_data": None,
        "vm_state": "active",
        "task_state": None,
        "power_state": 1,
        "locked": False,
        "locked_by": None,
        "locked_reason": None,
        "access_ip_v4": "1.2.3.4",
        "access_ip_v6": "80fe::",
        "availability_zone": "us-west",
        "host": "compute",
        "node": "fake-mini",
        "config_drive": "",
        "user_data": None,
        "disk_config": "AUTO",
        "progress": 0,
        "reservation_id": "r-t61j9da6",
        "launch_index": 0,
        "addresses": {"private": [{
            "addr": "192.168.1.30", "version": 4,
            "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": "00:0c:29:0d:11:74",
        }]},
        "security_groups": [{"name": "default"}],
        "launched_at": LAUNCHED,
        "terminated_at": None,
        "created_at": CREATED,
        "updated_at": UPDATED,
        "deleted": False,
        "deleted_at": None,
    }
    fields.update(overrides)
    return models.Server(**fields)


def flavor_record(**overrides: object) -> models.Flavor:
    """A public m1.tiny flavor record."""
    fields = {
        "flavorid": "1", "name": "m1.tiny", "memory_mb": 512, "vcpus": 1, "root_gb": 1,
        "ephemeral_gb": 0, "swap": 0, "rxtx_factor": 1.0, "is_public": True, "disabled": False,
        "description": None,
    }
    fields.update(overrides)
    return models.Flavor(**fields)


def keypair_record(**overrides: object) -> models.KeyPair:
    """An ssh keypair record."""
    fields = {
        "id": 1,
        "name": "keypair-6638abdb",
        "user_id": "fake",
        "fingerprint": "44:fe:29:6e:23:14:b9:53:5b:65:82:58:1c:fe:5a:c3",
        "public_key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC1 Generated-by-Nova\n",
        "type": "ssh",
        "created_at": datetime.datetime(2014, 5, 7, 12, 6, 13, 681238),
        "updated_at": None,
    }
    fields.update(overrides)
    return models.KeyPair(**fields)
