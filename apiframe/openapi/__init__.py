"""Publish what start-up knows about an API: OpenAPI documents and the version history.

``render_openapi(api, "2.10")`` is the OpenAPI 3.1 document of an assembled
:class:`~apiframe.app.API` at one microversion (served at ``<prefix>/openapi.json`` and
printed by ``apiframe-api openapi``); ``render_version_history(api)`` is the Markdown
history of its microversions (``docs/api-versions.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from apiframe.api_version import LATEST, APIVersion, UnsupportedVersion, VersionHistory
from apiframe.openapi.document import build_document
from apiframe.openapi.history import render_version_history

if TYPE_CHECKING:
    from apiframe.app import API

__all__ = ["build_document", "render_openapi", "render_version_history", "resolve_version"]


def resolve_version(history: VersionHistory, version: str | APIVersion) -> APIVersion:
    """``version`` (``"X.Y"``, ``"latest"`` or an :class:`APIVersion`) checked against ``history``.

    Raises :class:`~apiframe.exception.InvalidAPIVersionString` for malformed text and
    :class:`~apiframe.api_version.UnsupportedVersion` outside the API's range.
    """
    if version == LATEST:
        resolved = history.max
    else:
        resolved = version if isinstance(version, APIVersion) else APIVersion.parse(version)
    if not history.min <= resolved <= history.max:
        raise UnsupportedVersion(version, history.min, history.max)
    return resolved


def render_openapi(api: API, version: str | APIVersion) -> dict[str, Any]:
    """The OpenAPI 3.1 document of ``api`` at ``version`` (see :func:`resolve_version`)."""
    return build_document(
        api.assembly.operations, api.definition, resolve_version(api.history, version),
        auth_strategy=api.context.conf.auth.strategy,
        rules_in_force=api.policy.rules,
        policy_defaults={rule.name: rule for rule in api.policy_defaults},
    )
