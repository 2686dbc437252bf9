"""A tiny inner application that reports what authentication left in the environ."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

IDENTITY_HEADER_KEYS = (
    "HTTP_X_ROLES", "HTTP_X_ROLE", "HTTP_X_USER_ID", "HTTP_X_USER", "HTTP_X_USER_NAME", "HTTP_X_PROJECT_ID",
    "HTTP_X_TENANT_ID", "HTTP_X_TENANT", "HTTP_X_PROJECT_NAME", "HTTP_X_IDENTITY_STATUS",
    "HTTP_X_SERVICE_ROLES", "HTTP_X_USER_DOMAIN_ID", "HTTP_X_PROJECT_DOMAIN_ID", "HTTP_X_IS_ADMIN_PROJECT",
    "HTTP_OPENSTACK_SYSTEM_SCOPE",
)

# Every identity header a client might forge, in dash and underscore spellings.
SPOOFED = {
    "X-Roles": "admin", "X-Role": "admin", "X-User-Id": "root", "X-User": "root", "X-User-Name": "root",
    "X-Project-Id": "victim", "X-Tenant-Id": "victim", "X-Tenant": "victim", "X-Project-Name": "victim",
    "X-Identity-Status": "Confirmed", "X-Service-Roles": "service", "X-User-Domain-Id": "default",
    "X-Project-Domain-Id": "default", "X-Is-Admin-Project": "True", "OpenStack-System-Scope": "all",
}
SPOOFED_UNDERSCORE = {name.replace("-", "_"): value for name, value in SPOOFED.items()}


def echo_app(environ, start_response):
    """Answers with the identity, the challenge and the identity headers still present."""
    identity = environ.get("apiframe.identity")
    body = json.dumps({
        "identity": None if identity is None else {**asdict(identity), "auth_token": identity.auth_token},
        "challenge": [list(pair) for pair in environ.get("apiframe.auth_challenge", ())],
        "leftover": {key: environ[key] for key in IDENTITY_HEADER_KEYS if key in environ},
    }).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


@pytest.fixture
def inner_app():
    return echo_app


@pytest.fixture(params=[SPOOFED, SPOOFED_UNDERSCORE], ids=["dashes", "underscores"])
def spoofed_headers(request):
    return request.param
