"""The callers API tests play: who they are, and the ``noauth`` token that says so.

Every persona maps to an ``X-Auth-Token`` of the ``noauth`` strategy
(``user:project:role1,role2``), so a test picks a caller by name instead of spelling
out tokens. ``member`` and ``reader`` belong to the project under test; ``admin`` and
``other-project`` belong to projects of their own; ``anonymous`` sends no token.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The project that ``member`` and ``reader`` belong to, unless a fixture says otherwise.
DEFAULT_PROJECT_ID = "demo-project"
ADMIN_PROJECT_ID = "admin-project"
OTHER_PROJECT_ID = "other-project"


@dataclass(frozen=True)
class Persona:
    """A caller: user, project and roles; ``user`` is ``None`` for an anonymous caller."""

    name: str
    user: str | None
    project: str | None
    roles: tuple[str, ...] = ()

    @property
    def token(self) -> str | None:
        """The ``noauth`` token of this caller, ``None`` for an anonymous one."""
        if self.user is None:
            return None
        return f"{self.user}:{self.project}:{','.join(self.roles)}"

    @property
    def headers(self) -> dict[str, str]:
        """The request headers that authenticate this caller."""
        token = self.token
        return {} if token is None else {"X-Auth-Token": token}


def personas(project_id: str = DEFAULT_PROJECT_ID) -> dict[str, Persona]:
    """The standard personas, with ``member`` and ``reader`` in ``project_id``."""
    return {persona.name: persona for persona in (
        Persona("admin", "admin", ADMIN_PROJECT_ID, ("admin", "member", "reader")),
        Persona("member", "alice", project_id, ("member", "reader")),
        Persona("reader", "rita", project_id, ("reader",)),
        Persona("other-project", "olga", OTHER_PROJECT_ID, ("member", "reader")),
        Persona("anonymous", None, None),
    )}


#: The names tests may use wherever a persona is asked for.
PERSONA_NAMES = tuple(personas())


def persona(name: str | Persona, project_id: str = DEFAULT_PROJECT_ID) -> Persona:
    """Look a persona up by name (a :class:`Persona` passes through)."""
    if isinstance(name, Persona):
        return name
    try:
        return personas(project_id)[name]
    except KeyError:
        raise ValueError(f"unknown persona {name!r}; use one of {', '.join(PERSONA_NAMES)} "
                         "or a Persona(...) of your own") from None
