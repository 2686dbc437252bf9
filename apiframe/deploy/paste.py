"""paste.deploy factories, for operators who compose their own pipeline (``etc/api-paste.ini``).

Every factory reads apiframe's configuration from the ``config_file`` option of its
section or of the paste file's ``[DEFAULT]`` section (otherwise from
:func:`apiframe.deploy.config_files`); factories naming the same file share one parsed
configuration. The standard order, outermost first, is the one :func:`apiframe.app.wrap`
builds: request_id, access_log, faults, healthcheck, sizelimit, (cors), auth, api.

A configuration, plugin or auth set-up that cannot work is logged as one line and the
process exits (:func:`apiframe.deploy.exit_on_startup_error`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from oslo_config import cfg

from apiframe.app import HealthCheck, WSGIApp, build_api, configured_definition
from apiframe.definition import APIDefinition
from apiframe.deploy import exit_on_startup_error, load_conf
from apiframe.faults import FaultWrapper
from apiframe.middleware.access_log import AccessLog
from apiframe.middleware.auth import build_auth_middleware
from apiframe.middleware.request_id import RequestId
from apiframe.middleware.sizelimit import BodySizeLimit

Filter = Callable[[WSGIApp], WSGIApp]


@functools.cache
def _conf_from(config_file: str | None) -> cfg.ConfigOpts:
    return load_conf([config_file] if config_file else None)


def paste_conf(global_conf: Mapping[str, Any], local_conf: Mapping[str, Any]) -> cfg.ConfigOpts:
    """The configuration a paste section refers to (``config_file``), parsed once per file."""
    with exit_on_startup_error():
        return _conf_from(local_conf.get("config_file") or global_conf.get("config_file"))


def paste_definition(global_conf: Mapping[str, Any], local_conf: Mapping[str, Any]) -> APIDefinition:
    """The API definition the configuration of a paste section selects (``[api] name``)."""
    conf = paste_conf(global_conf, local_conf)
    with exit_on_startup_error():
        return configured_definition(conf)


def api_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> WSGIApp:
    """The API without middleware, started: plugins, microversions, policy, validation."""
    conf = paste_conf(global_conf, local_conf)
    with exit_on_startup_error():
        api = build_api(conf)
        api.start()
    return api.router


def request_id_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> Filter:
    """:class:`~apiframe.middleware.request_id.RequestId` with the API's headers; keep it outermost."""
    headers = paste_definition(global_conf, local_conf).request_id_headers
    return lambda app: RequestId(app, headers)


def access_log_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> Filter:
    """:class:`~apiframe.middleware.access_log.AccessLog`; just inside request_id."""
    return AccessLog


def faults_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> Filter:
    """:class:`~apiframe.faults.FaultWrapper`, which renders every error below it in the API's vocabulary."""
    fault_format = paste_definition(global_conf, local_conf).faults
    return lambda app: FaultWrapper(app, fault_format)


def healthcheck_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> Filter:
    """The unauthenticated health check at ``[middleware] healthcheck_path``."""
    path = paste_conf(global_conf, local_conf).middleware.healthcheck_path
    return lambda app: HealthCheck(app, path) if path else app


def sizelimit_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> Filter:
    """413 for bodies over ``[middleware] max_request_body_size``."""
    limit = paste_conf(global_conf, local_conf).middleware.max_request_body_size
    return lambda app: BodySizeLimit(app, limit)


def auth_factory(global_conf: Mapping[str, Any], **local_conf: Any) -> Filter:
    """The ``[auth] strategy`` middleware (noauth, http_basic or keystone)."""
    auth = paste_conf(global_conf, local_conf).auth

    def auth_filter(app: WSGIApp) -> WSGIApp:
        with exit_on_startup_error():
            return build_auth_middleware(auth.strategy, app, htpasswd_file=auth.htpasswd_file)

    return auth_filter
