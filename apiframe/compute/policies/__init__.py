"""Policy rules of the compute API, in code, one module per resource.

Each module defines the rule names its controller uses and ``list_rules()``; the
resource's plugin returns them from ``get_policies()``. Names and defaults are those of
the OpenStack compute API, so existing ``policy.yaml`` files keep their meaning.
"""

from __future__ import annotations

from collections.abc import Sequence

from oslo_policy.policy import DocumentedRuleDefault


def rule(name: str, check_str: str, description: str,
         operations: Sequence[tuple[str, str]]) -> DocumentedRuleDefault:
    """A documented, project-scoped rule; ``operations`` are ``(method, path)`` pairs."""
    return DocumentedRuleDefault(
        name=name,
        check_str=check_str,
        description=description,
        operations=[{"method": method, "path": path} for method, path in operations],
        scope_types=["project"],
    )
