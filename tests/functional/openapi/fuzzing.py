"""Schemathesis against an API's own OpenAPI document, in process and bounded."""

import base64

import bcrypt
import schemathesis
from hypothesis import HealthCheck, given, settings

from apiframe.openapi import render_openapi

USER, PASSWORD = "admin", "fuzz-secret"
AUTHORIZATION = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}


def write_htpasswd(path, project="p1"):
    """An htpasswd file with one admin; bcrypt's cheapest cost keeps failed logins fast."""
    password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    path.write_text(f"{USER}:{password_hash}:{project}:admin,member,reader\n")
    return str(path)


def fuzz(api, app, version, *, max_examples, only=None, exclude=()):
    """Run every operation of ``api``'s document at ``version`` against ``app``.

    Each operation gets up to ``max_examples`` generated requests, sent with valid
    credentials and checked by schemathesis' default checks (no 5xx, documented
    status codes, headers and response bodies, credentials actually required).
    Returns ``{operation label: failure}``, empty when everything conforms.
    """
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
            case.call_and_validate(headers=AUTHORIZATION)

        try:
            run()
        except (Exception, BaseExceptionGroup) as failure:  # schemathesis groups its check failures
            failures[operation.label] = failure
    return failures
