"""Who is calling, and what they may do: the identity and the request context.

Authentication middleware (:mod:`apiframe.middleware.auth`) stores an :class:`Identity`
in the WSGI environ under :data:`IDENTITY_ENVIRON_KEY` when a request carries valid
credentials, and the challenge headers of its scheme under :data:`CHALLENGE_ENVIRON_KEY`.
The resource layer turns the identity into a :class:`RequestContext`, which answers
policy questions with :meth:`RequestContext.can`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oslo_context import context as oslo_context

from apiframe import exception

if TYPE_CHECKING:
    from apiframe.policy import PolicyEngine

IDENTITY_ENVIRON_KEY = "apiframe.identity"
CHALLENGE_ENVIRON_KEY = "apiframe.auth_challenge"
ADMIN_CHECK_RULE = "context_is_admin"


@dataclass(frozen=True)
class Identity:
    """The authenticated caller of one request, as the auth middleware established it.

    Only middleware creates these; nothing a client sends is copied here unverified.
    """

    user_id: str
    project_id: str | None
    roles: tuple[str, ...] = ()
    user_name: str | None = None
    project_name: str | None = None
    user_domain_id: str | None = None
    project_domain_id: str | None = None
    domain_id: str | None = None
    system_scope: str | None = None
    is_admin_project: bool = True
    auth_token: str | None = field(default=None, repr=False)


def unauthorized(environ: Mapping[str, Any], message: str | None = None) -> exception.Unauthorized:
    """Return the 401 error for a request that needs an identity, with its scheme's challenge."""
    return exception.Unauthorized(message, headers=environ.get(CHALLENGE_ENVIRON_KEY, ()))


class RequestContext(oslo_context.RequestContext):
    """The security context of one request: identity, request id and policy checks.

    Build it with :meth:`from_identity`; ``is_admin`` is decided once, by the policy
    rule ``context_is_admin``.
    """

    def __init__(self, *, policy: PolicyEngine, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.policy = policy
        # oslo.context's values, built directly: its mapping type costs microseconds per copy.
        self._creds: dict[str, Any] = {
            "user_id": self.user_id,
            "user_domain_id": self.user_domain_id,
            "system_scope": self.system_scope,
            "domain_id": self.domain_id,
            "project_id": self.project_id,
            "project_domain_id": self.project_domain_id,
            "roles": self.roles,
            "is_admin_project": self.is_admin_project,
            "service_user_id": self.service_user_id,
            "service_user_domain_id": self.service_user_domain_id,
            "service_project_id": self.service_project_id,
            "service_project_domain_id": self.service_project_domain_id,
            "service_roles": self.service_roles,
        }
        self.is_admin = policy.authorize(ADMIN_CHECK_RULE, self._default_target(), self._creds)
        self._creds["is_admin"] = self.is_admin

    @classmethod
    def from_identity(cls, identity: Identity | None, request_id: str,
                      policy: PolicyEngine) -> RequestContext:
        """Build the context of a request; ``identity`` is ``None`` for anonymous callers."""
        if identity is None:
            return cls(policy=policy, request_id=request_id)
        return cls(
            policy=policy,
            request_id=request_id,
            user_id=identity.user_id,
            project_id=identity.project_id,
            roles=list(identity.roles),
            user_name=identity.user_name,
            project_name=identity.project_name,
            user_domain_id=identity.user_domain_id,
            project_domain_id=identity.project_domain_id,
            domain_id=identity.domain_id,
            system_scope=identity.system_scope,
            is_admin_project=identity.is_admin_project,
            auth_token=identity.auth_token,
        )

    def to_policy_values(self) -> dict[str, Any]:
        """The credentials policy rules see (oslo.context's values plus ``is_admin``)."""
        return dict(self._creds)

    def can(self, rule: str, target: Mapping[str, Any] | None = None, fatal: bool = True) -> bool:
        """Whether policy ``rule`` allows this caller to act on ``target``.

        ``target`` defaults to the caller's own project and user. When the rule denies
        and ``fatal`` is true, raises :class:`~apiframe.exception.PolicyNotAuthorized`.
        """
        allowed = self.policy.authorize(rule, self._default_target() if target is None else target,
                                        self._creds)
        if not allowed and fatal:
            raise exception.PolicyNotAuthorized(rule)
        return allowed

    def _default_target(self) -> dict[str, Any]:
        return {"project_id": self.project_id, "user_id": self.user_id}
