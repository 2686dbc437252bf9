"""Limits: the caller's absolute limits (quotas and usage); admins may ask for another project."""

from __future__ import annotations

from typing import Any

from apiframe import wsgi
from apiframe.compute.common import query_value
from apiframe.compute.db import api as db
from apiframe.compute.policies import limits as policies
from apiframe.compute.services import ComputePlugin, compute_services
from apiframe.compute.views import limits as views
from apiframe.extensions import ResourceSpec
from apiframe.schemas import limits as schemas
from apiframe.validation import query_schema, response_schema

#: Limits of resources this API does not manage, reported at the compute API's defaults
#: (until 2.36 and 2.57 take them out of the answer).
UNMANAGED_LIMITS = {"injected_files": 5, "injected_file_content_bytes": 10240, "floating_ips": 10,
                    "security_groups": 10, "security_group_rules": 20}


class LimitsController(wsgi.Controller):
    """``GET /limits``."""

    def __init__(self, context: Any) -> None:
        self.context = context

    @wsgi.policy(policies.LIMITS)
    @wsgi.expected_errors(())
    @query_schema(schemas.index_query, "2.1", "2.74")
    @query_schema(schemas.index_query_v275, "2.75")
    @response_schema(schemas.index_response, "2.1", "2.35")
    @response_schema(schemas.index_response_v236, "2.36", "2.38")
    @response_schema(schemas.index_response_v239, "2.39", "2.56")
    @response_schema(schemas.index_response_v257, "2.57")
    def index(self, req: wsgi.Request) -> dict[str, Any]:
        """Absolute limits and usage of the caller's project (or ``tenant_id``'s, for admins)."""
        project_id = req.context.project_id
        requested = query_value(req, "tenant_id")
        if requested is not None:
            # Naming a project at all needs the other-project rule, as in the compute API.
            req.context.can(policies.OTHER_PROJECT, {"project_id": requested})
            project_id = requested
        services = compute_services(self.context)
        with services.database.transaction() as session:
            quotas = {**UNMANAGED_LIMITS, **db.quota_limits(session, project_id, services.quota_defaults)}
            usage = db.quota_usage(session, project_id)
        return views.index(req, quotas, usage)


class Limits(ComputePlugin):
    """Absolute limits of a project."""

    name = "Limits"
    alias = "limits"

    def get_resources(self) -> list[ResourceSpec]:
        """``/limits``."""
        return [ResourceSpec("limits", LimitsController(self.context))]

    def get_policies(self) -> list:
        """The limits rules."""
        return policies.list_rules()
