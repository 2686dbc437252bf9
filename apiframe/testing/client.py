"""A test client for apiframe APIs: personas, microversions and JSON, on webtest.

::

    client = Client(app, persona="member", version="2.5")
    note = client.post("/notes", {"note": {"title": "t"}}, status=201).json["note"]
    reader = client.as_persona("reader")
    assert_fault(reader.delete(f"/notes/{note['id']}", status=403), 403, "forbidden")

Paths are relative to the versioned endpoint (the API's prefix, ``/v2.1`` for the compute
API); absolute URLs (``http://...``, as found in ``links``) are used as they are. A
response with a 4xx/5xx status fails the test unless ``status=`` names the expected
status (webtest's rule).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import webtest

from apiframe.api_version import STANDARD_HEADER
from apiframe.definition import load_definition
from apiframe.testing.personas import DEFAULT_PROJECT_ID, Persona
from apiframe.testing.personas import persona as find_persona

#: The scheme and host of requests webtest sends.
HOST_URL = "http://localhost"


class Client:
    """Sends requests to an in-process WSGI app as one persona at one microversion.

    ``version`` is a microversion (``"2.5"``, ``"latest"``) sent on every request, or
    ``None`` to send no version header (the API's minimum). ``service_type`` and
    ``prefix`` are the API's (default: those of the default API definition, compute's).
    ``project_in_url`` puts the caller's project id in URLs (``/v2.1/<project>/notes``),
    as older clients do.
    """

    def __init__(self, app: webtest.TestApp | Callable[..., Any], *, persona: str | Persona = "member",
                 version: str | None = None, service_type: str | None = None, prefix: str | None = None,
                 project_id: str = DEFAULT_PROJECT_ID, project_in_url: bool = False) -> None:
        if service_type is None or prefix is None:
            default = load_definition()
            service_type = default.service_type if service_type is None else service_type
            prefix = default.prefix if prefix is None else prefix
        self.testapp = app if isinstance(app, webtest.TestApp) else webtest.TestApp(app)
        self.project_id = project_id
        self.persona = find_persona(persona, project_id)
        self.version = version
        self.service_type = service_type
        self.prefix = prefix
        self.project_in_url = project_in_url

    def _copy(self, **changes: Any) -> Client:
        options = {"persona": self.persona, "version": self.version, "service_type": self.service_type,
                   "prefix": self.prefix, "project_id": self.project_id, "project_in_url": self.project_in_url,
                   **changes}
        return Client(self.testapp, **options)

    def as_persona(self, name: str | Persona) -> Client:
        """The same client acting as another persona."""
        return self._copy(persona=find_persona(name, self.project_id))

    def at_version(self, version: str | None) -> Client:
        """The same client asking for another microversion (``None``: no header)."""
        return self._copy(version=version)

    def with_project_url(self, enabled: bool = True) -> Client:
        """The same client with (or without) the project id in its URLs."""
        return self._copy(project_in_url=enabled)

    @property
    def endpoint(self) -> str:
        """The versioned base URL the app reports in links, e.g. ``http://localhost/v2.1``."""
        return HOST_URL + self._base_path()

    @property
    def sample_endpoints(self) -> dict[str, str]:
        """The URLs this client's responses link to, by sample placeholder name."""
        project = f"/{self.persona.project}" if self.project_in_url and self.persona.project else ""
        return {"endpoint": self.endpoint, "bookmark_endpoint": HOST_URL + project, "host": HOST_URL}

    def _base_path(self) -> str:
        if self.project_in_url and self.persona.project:
            return f"{self.prefix}/{self.persona.project}"
        return self.prefix

    def url(self, path: str) -> str:
        """The URL a request for ``path`` goes to."""
        if path.startswith(("http://", "https://")):
            return path
        return self._base_path() + ("" if not path or path.startswith("/") else "/") + path

    def headers(self, version: str | None = None, persona: str | Persona | None = None) -> dict[str, str]:
        """The headers of a request: the persona's token and the microversion."""
        who = self.persona if persona is None else find_persona(persona, self.project_id)
        headers = dict(who.headers)
        wanted = self.version if version is None else version
        if wanted is not None:
            headers[STANDARD_HEADER] = f"{self.service_type} {wanted}"
        return headers

    def request(self, method: str, path: str, body: Any = None, *, version: str | None = None,
                persona: str | Persona | None = None, status: int | str | None = None,
                headers: Mapping[str, str] | None = None, params: Mapping[str, Any] | None = None,
                content_type: str | None = None) -> webtest.TestResponse:
        """Send one request; ``body`` is JSON-encoded unless it is ``bytes`` or ``str``.

        ``version`` and ``persona`` override the client's for this request only,
        ``status`` is the expected status (``"*"``: any), ``params`` the query string.
        """
        all_headers = {**self.headers(version, persona), **(headers or {})}
        url = self.url(path)
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params, doseq=True)
        request: dict[str, Any] = {"method": method.upper(), "headers": all_headers}
        if body is not None:
            if not isinstance(body, bytes | str):
                body = json.dumps(body)
                content_type = content_type or "application/json"
            request["body"] = body.encode() if isinstance(body, str) else body
            request["content_type"] = content_type
        return self.testapp.request(url, status=status, expect_errors=status is not None, **request)

    def get(self, path: str, **kwargs: Any) -> webtest.TestResponse:
        """``GET path``; see :meth:`request` for the keywords."""
        return self.request("GET", path, **kwargs)

    def head(self, path: str, **kwargs: Any) -> webtest.TestResponse:
        """``HEAD path``."""
        return self.request("HEAD", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> webtest.TestResponse:
        """``DELETE path``."""
        return self.request("DELETE", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> webtest.TestResponse:
        """``POST path`` with a JSON body."""
        return self.request("POST", path, body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs: Any) -> webtest.TestResponse:
        """``PUT path`` with a JSON body."""
        return self.request("PUT", path, body, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any) -> webtest.TestResponse:
        """``PATCH path`` with a JSON body."""
        return self.request("PATCH", path, body, **kwargs)

    def action(self, path: str, name: str, value: Any = None, **kwargs: Any) -> webtest.TestResponse:
        """``POST path/action`` with the body ``{name: value}`` (server actions and the like)."""
        return self.request("POST", path.rstrip("/") + "/action", {name: value}, **kwargs)


def assert_fault(resp: webtest.TestResponse, code: int, name: str, message: str | None = None) -> str:
    """Assert that ``resp`` is the fault ``{name: {"code": code, "message": ...}}``; return the message.

    ``message``, when given, must equal the fault's message.
    """
    assert resp.status_int == code, f"expected a {code} {name} fault, got {resp.status}: {resp.text[:500]}"
    assert resp.content_type == "application/json", f"fault without a JSON body: {resp.content_type}"
    body = resp.json
    assert isinstance(body, dict) and list(body) == [name], f"expected fault {name!r}, got {body}"
    fault = body[name]
    assert fault.get("code") == code, f"fault {name} carries code {fault.get('code')}, not {code}"
    assert isinstance(fault.get("message"), str), f"fault {name} has no message: {fault}"
    if message is not None:
        assert fault["message"] == message, f"fault message {fault['message']!r} != {message!r}"
    return fault["message"]
