"""The base policy rules and the personas plugin authors build their rules from.

Personas follow the secure-RBAC roles ``admin``, ``member`` and ``reader``: a reader
may look, a member may also change, within their own project; an admin may do
anything anywhere. A plugin's rule is a check string made of these constants::

    DocumentedRuleDefault(
        name="os_compute_api:os-keypairs:create",
        check_str=policy_rules.PROJECT_MEMBER_OR_ADMIN,
        description="Create a keypair",
        operations=[{"method": "POST", "path": "/os-keypairs"}],
        scope_types=["project"],
    )

Operators redefine the base rules in the overrides file to change every rule that
refers to them at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from oslo_policy.policy import DocumentedRuleDefault, RuleDefault

ADMIN = "rule:context_is_admin"
PROJECT_MEMBER = "rule:project_member_api"
PROJECT_READER = "rule:project_reader_api"
PROJECT_MEMBER_OR_ADMIN = "rule:project_member_or_admin"
PROJECT_READER_OR_ADMIN = "rule:project_reader_or_admin"
ADMIN_OR_OWNER = "rule:admin_or_owner"
ANYONE = "@"
NOBODY = "!"

#: The alias of the built-in plugin that lists the others (``/extensions``).
LIST_ALIAS = "extensions"
#: The prefix of ``discoverable`` rules when none is given: the compute API's, for existing callers.
DISCOVERABLE_PREFIX = "os_compute_api"


def base_rules() -> list[RuleDefault]:
    """The rules every apiframe API has, which plugin rules refer to by name."""
    return [
        RuleDefault("context_is_admin", "role:admin",
                    "Decides who is an administrator: the is_admin flag of the request context."),
        RuleDefault("admin_api", "is_admin:True",
                    "Administrators only (legacy name kept for existing policy files)."),
        RuleDefault("admin_or_owner", "is_admin:True or project_id:%(project_id)s",
                    "Administrators, or anyone with a role in the project that owns the target "
                    "(legacy rule; prefer the project_* rules)."),
        RuleDefault("project_member_api", "role:member and project_id:%(project_id)s",
                    "Members of the project that owns the target."),
        RuleDefault("project_reader_api", "role:reader and project_id:%(project_id)s",
                    "Readers of the project that owns the target."),
        RuleDefault("project_member_or_admin", "rule:project_member_api or rule:context_is_admin",
                    "Members of the owning project, or administrators."),
        RuleDefault("project_reader_or_admin", "rule:project_reader_api or rule:context_is_admin",
                    "Readers of the owning project, or administrators."),
    ]


def discoverable_rule_name(alias: str, prefix: str = DISCOVERABLE_PREFIX) -> str:
    """The name of the rule that decides whether plugin ``alias`` is listed at /extensions."""
    return f"{prefix}:{alias}:discoverable"


def extensions_rule_name(prefix: str) -> str:
    """The name of the rule that guards the plugin list (``<prefix>:extensions``)."""
    return f"{prefix}:extensions"


def extension_list_rules(prefix: str, aliases: Sequence[str]) -> list[RuleDefault]:
    """The rules of the plugin list: who may list it, and the ``discoverable`` rule of each
    plugin in ``aliases`` and of the list itself."""
    listing = DocumentedRuleDefault(
        name=extensions_rule_name(prefix),
        check_str=PROJECT_READER_OR_ADMIN,
        description="List the loaded plugins, or show one.",
        operations=[{"method": "GET", "path": "/extensions"},
                    {"method": "GET", "path": "/extensions/{alias}"}],
        scope_types=["project"],
    )
    return [listing, *(discoverable_rule(alias, prefix) for alias in [*aliases, LIST_ALIAS])]


def discoverable_rule(alias: str, prefix: str = DISCOVERABLE_PREFIX) -> DocumentedRuleDefault:
    """The rule that decides who sees plugin ``alias`` in the extension list (everyone by default)."""
    return DocumentedRuleDefault(
        name=discoverable_rule_name(alias, prefix),
        check_str=ANYONE,
        description=f"List the {alias} extension in the extension list. Hiding an extension "
                    f"does not disable its API.",
        operations=[{"method": "GET", "path": "/extensions"},
                    {"method": "GET", "path": f"/extensions/{alias}"}],
    )
