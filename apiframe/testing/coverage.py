"""One-line checks over a whole API: schemas, policy rules and refusals for every route.

Each check looks at the operations of the loaded plugins (not the framework's built-in
version and extension documents) and fails with the list of every route at fault::

    assert_schemas(app.api)                     # body, query and response schemas
    assert_policies(app.api)                    # a policy rule on every route
    assert_refused(app, "reader")               # every route a reader may not use answers 403
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from apiframe.app import API
from apiframe.assembly import OperationInfo
from apiframe.context import RequestContext
from apiframe.middleware.auth.noauth import parse_noauth_token
from apiframe.resource import ActionOperation, Operation
from apiframe.testing.personas import Persona

if TYPE_CHECKING:
    from apiframe.testing.fixture import AppFixture

#: The value put in every ``{...}`` of a route template when a route is probed.
PROBE_ID = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True)
class Route:
    """One operation of a plugin and the compiled operation that serves it."""

    info: OperationInfo
    operation: Operation

    @property
    def label(self) -> str:
        """How checks name the route: ``GET /notes/{id}``, ``POST /servers/{id}/action (reboot)``."""
        text = f"{self.info.method} {self.info.template}"
        return f"{text} ({self.info.action})" if self.info.action else text


def plugin_routes(api: API) -> Iterator[Route]:
    """Every operation of the loaded plugins, with its compiled :class:`Operation`."""
    aliases = {plugin.alias for plugin in api.plugins}
    targets = {(route.method, route.template): route.target for route in api.assembly.routes}
    for info in api.assembly.operations:
        if info.plugin not in aliases:
            continue
        target = targets[(info.method, info.template)]
        if info.action is not None and isinstance(target, ActionOperation):
            target = target.handlers[info.action]
        yield Route(info, target)


def missing_schemas(api: API, *, body: bool = True, query: bool = True, response: bool = True,
                    exempt: Sequence[str] = ()) -> list[str]:
    """The routes lacking a body schema (if they take a body), a query schema (``GET``) or a
    response schema (unless they answer ``204`` only); ``exempt`` lists route labels to skip."""
    missing = []
    for route in plugin_routes(api):
        if route.label in exempt:
            continue
        meta = route.info.meta
        lacking = []
        if body and route.operation.takes_body and not route.info.body_schemas:
            lacking.append("body")
        if query and route.info.method == "GET" and not meta.query_schemas:
            lacking.append("query")
        if response and not meta.response_schemas and not _answers_204_only(route):
            lacking.append("response")
        if lacking:
            missing.append(f"{route.label} ({route.info.plugin}): no {', '.join(lacking)} schema")
    return missing


def _answers_204_only(route: Route) -> bool:
    return all(call.status == 204 for call in route.operation.calls.values())


def assert_schemas(api: API, **options: Any) -> None:
    """Fail unless every route has its schemas; takes the options of :func:`missing_schemas`."""
    missing = missing_schemas(api, **options)
    if missing:
        raise AssertionError("routes without schemas:\n  " + "\n  ".join(missing))


def missing_policies(api: API, *, public: Sequence[str] = ()) -> list[str]:
    """The routes that answer without a policy rule, except the route labels in ``public``."""
    return [f"{route.label} ({route.info.plugin}): no policy rule" for route in plugin_routes(api)
            if route.info.meta.policy is None and route.label not in public]


def assert_policies(api: API, *, public: Sequence[str] = ()) -> None:
    """Fail unless every route (but the ``public`` ones) is guarded by a policy rule."""
    missing = missing_policies(api, public=public)
    if missing:
        raise AssertionError("routes without a policy rule:\n  " + "\n  ".join(missing))


def assert_refused(app: AppFixture, persona: str | Persona, *, exempt: Sequence[str] = ()) -> list[str]:
    """Send every route that ``persona`` has no right to and fail unless each is refused.

    An anonymous caller must get 401 from every route that needs credentials; anyone
    else must get 403 from every route whose policy rule (with the caller's own project
    as target) denies them. Routes are probed at their lowest microversion with
    :data:`PROBE_ID` for path variables and an empty body. Returns the labels of the
    routes probed. Cross-project isolation (a member of another project asking for your
    resource) depends on data, not on rules: test it on real resources.
    """
    client = app.client(persona)
    who = client.persona
    context = (None if who.token is None
               else RequestContext.from_identity(parse_noauth_token(who.token), "req-refusal-check", app.api.policy))
    probed, failures = [], []
    for route in plugin_routes(app.api):
        operation = route.operation
        if route.label in exempt or not operation.requires_auth or not operation.calls:
            continue
        if context is None:
            expected = 401
        elif operation.policy is None or context.can(operation.policy, fatal=False):
            continue
        else:
            expected = 403
        version = str(min(operation.calls))
        resp = client.request(route.info.method, _probe_path(route.info.template),
                              _probe_body(route), version=version, status="*")
        probed.append(route.label)
        if resp.status_int != expected:
            failures.append(f"{route.label} at {version}: expected {expected}, got {resp.status} "
                            f"{resp.text[:200]}")
    if failures:
        raise AssertionError(f"routes that did not refuse persona {who.name!r}:\n  " + "\n  ".join(failures))
    return probed


def _probe_path(template: str) -> str:
    parts = [PROBE_ID if part.startswith("{") and part.endswith("}") else part for part in template.split("/")]
    return "/".join(parts)


def _probe_body(route: Route) -> Any:
    if route.info.action is not None:
        return {route.info.action: None}
    return {} if route.operation.takes_body else None
