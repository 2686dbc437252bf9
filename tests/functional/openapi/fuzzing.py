"""Schemathesis against an API's own OpenAPI document, in process and bounded."""

import base64

import bcrypt
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from apiframe.openapi import render_openapi
from apiframe.validation.formats import FORMATS

USER, PASSWORD = "admin", "fuzz-secret"
AUTHORIZATION = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}


_PRINTABLE = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
_SPECIAL_FORMATS = {
    "base64": st.binary(max_size=48).map(lambda data: base64.b64encode(data).decode()),
    "cidr": st.builds(lambda address, prefix: f"{address}/{prefix}", st.ip_addresses(v=4), st.integers(0, 32)),
}
# The formats hypothesis already generates correctly.
_KNOWN_FORMATS = frozenset({"uuid", "date-time", "ipv4", "ipv6", "uri"})


def register_formats():
    """Teach schemathesis apiframe's own string formats, so valid requests are generated."""
    for name, check in FORMATS.items():
        if name not in _KNOWN_FORMATS:
            if name in _SPECIAL_FORMATS:
                schemathesis.openapi.format(name, _SPECIAL_FORMATS[name])
            else:
                schemathesis.openapi.format(name, st.text(_PRINTABLE, max_size=40).filter(check))


def write_htpasswd(path, project="p1"):
    """An htpasswd file with one admin; bcrypt's cheapest cost keeps failed logins fast."""
    password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    path.write_text(f"{USER}:{password_hash}:{project}:admin,member,reader\n")
    return str(path)


def fuzz(api, app, version, *, max_examples, only=None, exclude=()):
    """Run every operation of ``api``'s document at ``version`` against ``app``.

    Each operation gets up to ``max_examples`` generated requests, sent with valid
    credentials and checked by schemathesis' default checks (no 5xx, documented
    status codes, headers and response bodies, credentials actually required), except
    that a schema-valid request may be refused with a documented 400: in this API a
    400 also means "no such flavor" or "unknown marker", which no schema can express.
    Returns ``{operation label: failure}``, empty when everything conforms.
    """
    register_formats()
    schema = schemathesis.openapi.from_dict(render_openapi(api, version))
    schema.app = app
    failures = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label in exclude or (only is not None and operation.label not in only):
            continue

        @given(operation.as_strategy())
        @settings(max_examples=max_examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=AUTHORIZATION, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except (Exception, BaseExceptionGroup) as failure:  # schemathesis groups its check failures
            failures[operation.label] = failure
    return failures


def report(failures, limit=800):
    """The failures of :func:`fuzz` as text for an assertion message: each check that failed, per operation."""
    lines = []
    for label, failure in failures.items():
        lines.append(label)
        for problem in getattr(failure, "exceptions", [failure]):
            lines.append(f"    {type(problem).__name__}: {str(problem)[:limit]}".replace("\n", "\n    "))
    return "\n".join(lines)
