"""The OpenAPI 3.1 document of an assembled API at one microversion.

Every fact comes from what start-up compiled (:mod:`apiframe.openapi.facts`): the
paths and methods served at that version, their merged request schemas, query
parameters, status codes, response schemas, declared errors and policy rules. The
errors the framework itself may answer with (401 without credentials, 403 from
policy, 404 and 406 from version negotiation, 400/413/415 for request bodies, 503 when
what the service runs on is unavailable) are added to every operation they apply to,
each with the fault body it carries in the API's fault vocabulary.

All actions of one resource share ``POST .../{id}/action``; OpenAPI allows one
operation per path and method, so they are documented as one operation whose body
is one of the actions' bodies, with each action's own facts under ``x-actions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from oslo_policy.policy import RuleDefault

from apiframe.api_version import STANDARD_HEADER, APIVersion, VersionHistory
from apiframe.assembly import BODY_METHODS, OperationInfo, version_range_text
from apiframe.definition import APIDefinition
from apiframe.exception import InfrastructureError
from apiframe.faults import reason
from apiframe.openapi.facts import OperationAt, operation_id, operations_at, path_parameters

OPENAPI_VERSION = "3.1.0"
JSON = "application/json"
VERSION_PARAMETER = "microversion"

SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    "noauth": {"type": "apiKey", "in": "header", "name": "X-Auth-Token",
               "description": "Development only: the token names the caller as "
                              "'user:project[:role1,role2]' and is not verified."},
    "http_basic": {"type": "http", "scheme": "basic",
                   "description": "User name and password, checked against the deployment's htpasswd file."},
    "keystone": {"type": "apiKey", "in": "header", "name": "X-Auth-Token",
                 "description": "A token issued by the OpenStack identity service."},
}

_FAULT_DESCRIPTIONS = {
    400: "Bad request: malformed microversion, query or body.",
    401: "No or invalid credentials.",
    403: "Forbidden by policy.",
    404: "Not found, or the operation does not exist at this microversion.",
    405: "Method not allowed.",
    406: "The requested microversion is outside the supported range.",
    409: "Conflict with the state of the resource.",
    413: "Request body too large, or over quota.",
    415: "The body is not JSON.",
    429: "Too many requests, or over quota.",
    500: "Unexpected server error.",
    501: "Not implemented.",
    503: "Service unavailable.",
}
_BODY_ERRORS = frozenset({400, 413, 415})


def build_document(operations: Iterable[OperationInfo], definition: APIDefinition, version: APIVersion, *,
                   auth_strategy: str, rules_in_force: Mapping[str, str],
                   policy_defaults: Mapping[str, RuleDefault]) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``operations`` as the API ``definition`` serves them at ``version``.

    ``rules_in_force`` maps each policy rule to the check string in force (operator
    overrides included); ``policy_defaults`` to its default, whose description also
    becomes the operation's summary.
    """
    history = definition.history
    builder = _Builder(definition, version, rules_in_force, policy_defaults)
    paths: dict[str, dict[str, Any]] = {}
    codes: set[int] = set()
    for group in _grouped(operations_at(operations, version, definition.prefix)):
        operation = builder.operation(group)
        codes.update(int(code) for code in operation["responses"] if int(code) >= 400)
        paths.setdefault(group[0].path, {})[group[0].info.method.lower()] = operation
    security_name = auth_strategy if auth_strategy in SECURITY_SCHEMES else "noauth"
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": f"{history.service_type} API",
            "version": str(version),
            "description": _description(definition, version),
            "x-microversions": {"min": str(history.min), "max": str(history.max),
                                "this": str(version)},
        },
        "servers": [{"url": "/"}],
        "security": [{security_name: []}],
        "paths": paths,
        "components": {
            "securitySchemes": {security_name: SECURITY_SCHEMES[security_name]},
            "parameters": {"microversion": _version_parameter(history, version)},
            "headers": _headers(definition),
            "schemas": definition.faults.components(),
            "responses": {_fault_ref_name(code): _fault_response(definition, code) for code in sorted(codes)},
        },
    }


def _description(definition: APIDefinition, version: APIVersion) -> str:
    history = definition.history
    text = (f"Microversion {version}: {history.descriptions[str(version)]}\n\n"
            f"This document describes the API at microversion {version} (of {history.min} to "
            f"{history.max}). Send `{STANDARD_HEADER}: {history.service_type} {version}` to get the "
            f"behaviour described here; without the header the API answers at {history.min}.")
    if definition.project_in_url:
        text += (f" Every path may also be prefixed with the project id "
                 f"(`{definition.prefix}/{{project_id}}/...`).")
    return text


def _grouped(facts: Sequence[OperationAt]) -> list[list[OperationAt]]:
    """One list per (path, method): a single operation, or every action of a resource."""
    groups: dict[tuple[str, str], list[OperationAt]] = {}
    for fact in facts:
        groups.setdefault((fact.info.template, fact.info.method), []).append(fact)
    return list(groups.values())


def _version_parameter(history: VersionHistory, version: APIVersion) -> dict[str, Any]:
    value = f"{history.service_type} {version}"
    return {
        "name": STANDARD_HEADER,
        "in": "header",
        "required": True,
        "description": f"The microversion this document describes. Without it the API answers at "
                       f"{history.min}; 'latest' asks for {history.max}.",
        "schema": {"type": "string", "enum": [value]},
        "example": value,
    }


def _headers(definition: APIDefinition) -> dict[str, Any]:
    headers = {STANDARD_HEADER: {"description": "The microversion of the response.", "required": True,
                                 "schema": {"type": "string"}}}
    legacy_header = definition.history.legacy_header
    if legacy_header:
        headers[legacy_header] = {"description": "The microversion, legacy form.", "required": True,
                                  "schema": {"type": "string"}}
    for name in definition.request_id_headers:
        headers[name] = {"description": "The request id, for logs and support.", "required": True,
                         "schema": {"type": "string", "pattern": "^req-[0-9a-f-]+$"}}
    return headers


def _fault_ref_name(code: int) -> str:
    return f"fault{code}"


def _fault_response(definition: APIDefinition, code: int) -> dict[str, Any]:
    return {
        "description": _FAULT_DESCRIPTIONS.get(code) or reason(code),
        "headers": {header: {"$ref": f"#/components/headers/{header}"} for header in definition.request_id_headers},
        "content": {JSON: {"schema": definition.faults.schema(code)}},
    }


class _Builder:
    """Turns the facts of one (path, method) into an OpenAPI operation object."""

    def __init__(self, definition: APIDefinition, version: APIVersion, rules_in_force: Mapping[str, str],
                 policy_defaults: Mapping[str, RuleDefault]) -> None:
        self.definition = definition
        self.history = definition.history
        self.version = version
        self.rules_in_force = rules_in_force
        self.policy_defaults = policy_defaults

    def operation(self, group: list[OperationAt]) -> dict[str, Any]:
        """The operation object; ``group`` holds one operation or the actions of one path."""
        first = group[0].info
        is_actions = first.action is not None
        operation: dict[str, Any] = {
            "operationId": operation_id(first),
            "tags": [first.collection],
            "summary": self._summary(group, is_actions),
            "parameters": self._parameters(group),
        }
        body = self._request_body(group, is_actions)
        if body is not None:
            operation["requestBody"] = body
        operation["responses"] = self._responses(group)
        if not any(fact.info.meta.requires_auth for fact in group):
            operation["security"] = []
        if is_actions:
            operation["x-actions"] = {fact.info.action: self._extras(fact) for fact in group}
        else:
            operation.update(self._extras(group[0]))
        return operation

    def _summary(self, group: list[OperationAt], is_actions: bool) -> str:
        if is_actions:
            return f"Actions on {group[0].info.collection}: " + ", ".join(fact.info.action for fact in group)
        default = self.policy_defaults.get(group[0].info.meta.policy or "")
        if default is not None and default.description:
            return default.description
        return f"{group[0].info.name} {group[0].info.collection}"

    def _extras(self, fact: OperationAt) -> dict[str, Any]:
        info = fact.info
        extras: dict[str, Any] = {
            "x-plugin": info.plugin,
            "x-versions": version_range_text(info.meta.versions, self.history),
        }
        if info.meta.policy is not None:
            default = self.policy_defaults.get(info.meta.policy)
            extras["x-policy"] = {
                "rule": info.meta.policy,
                "check_str": self.rules_in_force.get(info.meta.policy),
                "default": default.check_str if default is not None else None,
                "description": default.description if default is not None else None,
            }
        extending = [hook.value for hook in info.extended_by if self.version in hook.versions]
        if extending:
            extras["x-extended-by"] = extending
        if info.action is not None:
            extras["x-status"] = fact.status
        return extras

    def _parameters(self, group: list[OperationAt]) -> list[dict[str, Any]]:
        template = group[0].info.template
        parameters: list[dict[str, Any]] = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in path_parameters(template)
        ]
        query = group[0].query_schema or {}
        required = set(query.get("required", ()))
        for name, schema in query.get("properties", {}).items():
            parameters.append({"name": name, "in": "query", "required": name in required,
                               "style": "form", "explode": True, "schema": schema})
        parameters.append({"$ref": "#/components/parameters/microversion"})
        return parameters

    def _request_body(self, group: list[OperationAt], is_actions: bool) -> dict[str, Any] | None:
        if group[0].info.method not in BODY_METHODS:
            return None
        if is_actions:
            schema: Any = {"oneOf": [_action_body(fact) for fact in group]}
        elif group[0].body_schema is not None:
            schema = group[0].body_schema
        else:
            return None
        return {"required": True, "content": {JSON: {"schema": schema}}}

    def _responses(self, group: list[OperationAt]) -> dict[str, Any]:
        responses: dict[str, Any] = {}
        by_status: dict[int, list[OperationAt]] = {}
        for fact in group:
            by_status.setdefault(fact.status, []).append(fact)
        for status, facts in sorted(by_status.items()):
            responses[str(status)] = self._success(status, facts)
        for code in sorted(self._error_codes(group)):
            responses[str(code)] = {"$ref": f"#/components/responses/{_fault_ref_name(code)}"}
        return responses

    def _success(self, status: int, facts: list[OperationAt]) -> dict[str, Any]:
        names = ", ".join(fact.info.action or fact.info.name for fact in facts)
        headers = {name: {"$ref": f"#/components/headers/{name}"} for name in _headers(self.definition)}
        response: dict[str, Any] = {"description": f"Success ({names}).", "headers": headers}
        schemas = [fact.response_schema for fact in facts]
        # A body is documented only where every operation answering this status declares one;
        # the others may answer without a body (and without a content type).
        if status != 204 and all(schema is not None for schema in schemas):
            response["content"] = {JSON: {"schema": schemas[0] if len(schemas) == 1 else {"anyOf": schemas}}}
        return response

    @staticmethod
    def _error_codes(group: list[OperationAt]) -> set[int]:
        # Malformed microversion; absent at this version; unsupported version; infrastructure down.
        codes = {400, 404, 406, InfrastructureError.code}
        for fact in group:
            codes.update(fact.errors or ())
            meta = fact.info.meta
            if meta.requires_auth:
                codes.add(401)
            if meta.policy is not None:
                codes.add(403)
            if fact.info.method in BODY_METHODS:
                codes.update(_BODY_ERRORS)
        return codes


def _action_body(fact: OperationAt) -> dict[str, Any]:
    """The body of one action: its declared schema, and exactly its one key."""
    name = fact.info.action
    envelope = {"type": "object", "required": [name], "maxProperties": 1, "title": name}
    if fact.body_schema is None:
        return envelope
    return {"allOf": [fact.body_schema, envelope], "title": name}
