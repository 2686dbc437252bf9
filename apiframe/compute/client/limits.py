"""Limits: the ``conn.compute`` call of the limits plugin."""

from __future__ import annotations

from apiframe.client import Body, QueryParameters, Resource


class AbsoluteLimits(Resource):
    """Quota limits and usage of a project; -1 means unlimited."""

    image_meta = Body("maxImageMeta", int, max_microversion="2.38")
    personality = Body("maxPersonality", int, max_microversion="2.56")
    personality_size = Body("maxPersonalitySize", int, max_microversion="2.56")
    security_group_rules = Body("maxSecurityGroupRules", int, max_microversion="2.35")
    security_groups = Body("maxSecurityGroups", int, max_microversion="2.35")
    floating_ips = Body("maxTotalFloatingIps", int, max_microversion="2.35")
    security_groups_used = Body("totalSecurityGroupsUsed", int, max_microversion="2.35")
    floating_ips_used = Body("totalFloatingIpsUsed", int, max_microversion="2.35")
    server_meta = Body("maxServerMeta", int)
    total_cores = Body("maxTotalCores", int)
    instances = Body("maxTotalInstances", int)
    keypairs = Body("maxTotalKeypairs", int)
    total_ram = Body("maxTotalRAMSize", int)
    server_groups = Body("maxServerGroups", int)
    server_group_members = Body("maxServerGroupMembers", int)
    total_cores_used = Body("totalCoresUsed", int)
    instances_used = Body("totalInstancesUsed", int)
    total_ram_used = Body("totalRAMUsed", int)
    server_groups_used = Body("totalServerGroupsUsed", int)


class Limits(Resource):
    """The limits of the caller's project (or, for admins, of ``tenant_id``)."""

    base_path = "/limits"
    resource_key = "limits"
    requires_id = False
    allow_fetch = True
    query = QueryParameters(project_id="tenant_id")

    absolute = Body("absolute", AbsoluteLimits)
    rate = Body("rate", list)


class LimitsMethods:
    """``conn.compute.get_limits()``."""

    extends = "compute"
    resources = (Limits,)

    def get_limits(self, project_id: str | None = None) -> Limits:
        """The absolute limits and usage of the caller's project (admins: of ``project_id``)."""
        return self._get(Limits, params=Limits.query.encode({"project_id": project_id}, self._version, "get_limits"))
