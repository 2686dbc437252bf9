"""Messages a person reads, for every schema of every plugin: what was expected, what came.

Every body-taking operation answers an empty or ``null`` body alike, and every strict
query schema names the unknown parameter, the microversion and the parameters it takes.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from apiframe import exception
from apiframe.api_version import APIVersion
from apiframe.testing import assert_fault
from apiframe.testing.coverage import PROBE_ID, plugin_routes
from tests.unit.validation.agreement import instances


def _url(template: str) -> str:
    return re.sub(r"\{[^}]+\}", PROBE_ID, template)


def _ends(route) -> list[APIVersion]:
    versions = sorted(route.operation.calls)
    return [versions[0], versions[-1]]


@pytest.mark.parametrize("body", [None, "null"])
def test_every_body_schema_refuses_an_empty_body_in_words(compute_app, tenant, body):
    admin = tenant.client("admin")
    probed = []
    for route in plugin_routes(compute_app.api):
        if not route.operation.takes_body or route.info.action is not None:
            continue
        for version in _ends(route):
            validator = route.operation.calls[version].body_validator
            if validator is None:
                continue
            resp = admin.request(route.info.method, _url(route.info.template), body, version=str(version),
                                 status="*", content_type="application/json")
            assert_fault(resp, 400, "badRequest", "The request body must be a JSON object; it was empty or null.")
            probed.append(route.label)
    assert {"POST /servers", "POST /flavors", "POST /os-keypairs", "PUT /servers/{id}"} <= set(probed)


def test_every_strict_query_schema_names_the_unknown_parameter(compute_app, tenant):
    admin = tenant.client("admin")
    probed = []
    for route in plugin_routes(compute_app.api):
        if route.info.method != "GET":
            continue
        for version in _ends(route):
            validator = route.operation.calls[version].query_validator
            if validator is None or validator.schema.get("additionalProperties", True) is not False:
                continue
            supported = ", ".join(validator.schema["properties"]) or "none"
            resp = admin.get(_url(route.info.template), params={"foo": "1"}, version=str(version), status="*")
            assert_fault(resp, 400, "badRequest", f"Query parameter 'foo' is not supported at microversion "
                                                  f"{version}; supported: {supported}.")
            probed.append(route.label)
    assert {"GET /servers", "GET /servers/detail", "GET /flavors", "GET /os-keypairs", "GET /limits"} <= set(probed)


def test_the_two_messages_on_the_wire(tenant):
    member = tenant.client("member", "latest")
    resp = member.post("/servers", status=400)
    assert_fault(resp, 400, "badRequest", "The request body must be a JSON object; it was empty or null.")
    message = assert_fault(member.get("/servers", params={"foo": "1"}, status=400), 400, "badRequest")
    assert message.startswith("Query parameter 'foo' is not supported at microversion 2.100; supported: user_id, ")
    assert "sort_key, sort_dir" in message and "'^_'" not in message


def test_every_validator_words_every_refusal(compute_app):
    # Instances shaped by each schema, with edge cases mixed in, through the message builder.
    seen: dict[int, tuple[object, str, APIVersion]] = {}
    for route in plugin_routes(compute_app.api):
        for version, call in route.operation.calls.items():
            for validator, where in ((call.body_validator, "body"), (call.query_validator, "query")):
                if validator is not None:
                    seen.setdefault(id(validator), (validator, where, version))
    for validator, where, version in seen.values():
        _words_every_refusal(validator, where, version)


def _words_every_refusal(validator, where, version):
    strategy = instances(validator.schema)
    if where == "query":
        strategy = strategy.filter(lambda value: isinstance(value, dict)).map(
            lambda value: [(str(key), str(item)) for key, item in value.items()])

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(strategy)
    def check(instance):
        try:
            validator.validate(instance, version)
        except exception.ValidationError as refused:
            assert isinstance(refused.message, str) and refused.message

    check()
