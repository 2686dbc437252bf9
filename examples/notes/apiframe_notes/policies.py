"""Policy rules of ``/notes``: readers of a project may look, members may write."""

from __future__ import annotations

from oslo_policy.policy import DocumentedRuleDefault

from apiframe.policy_rules import PROJECT_MEMBER_OR_ADMIN, PROJECT_READER_OR_ADMIN

RULE = "notes:%s"


def rules() -> list[DocumentedRuleDefault]:
    """The rules the notes operations check."""
    return [
        DocumentedRuleDefault(RULE % "list", PROJECT_READER_OR_ADMIN, "List the notes of a project",
                              [{"method": "GET", "path": "/notes"}], scope_types=["project"]),
        DocumentedRuleDefault(RULE % "show", PROJECT_READER_OR_ADMIN, "Show a note",
                              [{"method": "GET", "path": "/notes/{id}"}], scope_types=["project"]),
        DocumentedRuleDefault(RULE % "create", PROJECT_MEMBER_OR_ADMIN, "Create a note",
                              [{"method": "POST", "path": "/notes"}], scope_types=["project"]),
        DocumentedRuleDefault(RULE % "delete", PROJECT_MEMBER_OR_ADMIN, "Delete a note",
                              [{"method": "DELETE", "path": "/notes/{id}"}], scope_types=["project"]),
    ]
