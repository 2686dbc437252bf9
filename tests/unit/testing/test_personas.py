"""Personas: each one's token is what the noauth strategy reads back as that caller."""

import pytest

from apiframe.middleware.auth.noauth import parse_noauth_token
from apiframe.testing.personas import PERSONA_NAMES, Persona, persona, personas


@pytest.mark.parametrize(("name", "user", "project", "roles"), [
    ("admin", "admin", "admin-project", ("admin", "member", "reader")),
    ("member", "alice", "p1", ("member", "reader")),
    ("reader", "rita", "p1", ("reader",)),
    ("other-project", "olga", "other-project", ("member", "reader")),
])
def test_tokens_name_the_persona(name, user, project, roles):
    identity = parse_noauth_token(personas("p1")[name].token)
    assert (identity.user_id, identity.project_id, identity.roles) == (user, project, roles)


def test_anonymous_sends_no_token():
    assert persona("anonymous").token is None and persona("anonymous").headers == {}


def test_lookup():
    custom = Persona("auditor", "aud", "p9", ("reader",))
    assert persona(custom) is custom
    assert PERSONA_NAMES == ("admin", "member", "reader", "other-project", "anonymous")
    with pytest.raises(ValueError, match="unknown persona 'root'"):
        persona("root")
