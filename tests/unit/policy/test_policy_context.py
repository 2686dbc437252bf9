"""RequestContext: identity in, policy answers out."""

from __future__ import annotations

import json

import pytest
from oslo_policy.policy import RuleDefault

from apiframe import exception, faults, policy_rules
from apiframe.context import Identity, RequestContext, unauthorized
from apiframe.policy import PolicyEngine, PolicyNotRegistered

RULES = [
    *policy_rules.base_rules(),
    RuleDefault("thing:update", policy_rules.PROJECT_MEMBER_OR_ADMIN),
    RuleDefault("thing:admin", "rule:admin_api"),
]
MEMBER = Identity(user_id="u1", project_id="p1", roles=("member", "reader"))
ADMIN = Identity(user_id="root", project_id="p0", roles=("admin",))


@pytest.fixture(scope="module")
def policy():
    return PolicyEngine(RULES)


def test_anonymous_context(policy):
    context = RequestContext.from_identity(None, "req-1", policy)
    assert (context.user_id, context.project_id, context.roles) == (None, None, [])
    assert context.is_admin is False
    assert context.request_id == "req-1"
    assert not context.can("thing:update", fatal=False)


def test_identity_is_copied_into_the_context(policy):
    context = RequestContext.from_identity(MEMBER, "req-2", policy)
    assert (context.user_id, context.project_id, context.roles) == ("u1", "p1", ["member", "reader"])
    assert context.is_admin is False
    assert context.to_policy_values()["is_admin"] is False


def test_is_admin_comes_from_policy(policy, tmp_path):
    assert RequestContext.from_identity(ADMIN, "req-3", policy).is_admin is True
    overrides = tmp_path / "policy.yaml"
    overrides.write_text('context_is_admin: "role:cloud-admin"\n')
    strict = PolicyEngine(RULES, str(overrides))
    assert RequestContext.from_identity(ADMIN, "req-3", strict).is_admin is False


def test_can_defaults_to_the_callers_own_project(policy):
    context = RequestContext.from_identity(MEMBER, "req-4", policy)
    assert context.can("thing:update") is True
    assert context.can("thing:update", {"project_id": "p2"}, fatal=False) is False


def test_is_admin_flag_is_visible_to_rules(policy):
    assert RequestContext.from_identity(ADMIN, "req-5", policy).can("thing:admin")
    assert not RequestContext.from_identity(MEMBER, "req-5", policy).can("thing:admin", fatal=False)


def test_denial_raises_with_the_rule_name(policy):
    context = RequestContext.from_identity(MEMBER, "req-6", policy)
    with pytest.raises(exception.PolicyNotAuthorized) as raised:
        context.can("thing:update", {"project_id": "p2"})
    status, _, body = faults.from_exception(raised.value, {})
    assert status.startswith("403")
    assert json.loads(body) == {"forbidden": {
        "code": 403, "message": "Policy doesn't allow thing:update to be performed."}}


def test_unregistered_rule_is_a_programming_error(policy):
    context = RequestContext.from_identity(MEMBER, "req-7", policy)
    with pytest.raises(PolicyNotRegistered):
        context.can("thing:unknown")


def test_unauthorized_carries_the_strategy_challenge():
    challenge = (("WWW-Authenticate", 'Basic realm="apiframe"'),)
    error = unauthorized({"apiframe.auth_challenge": challenge})
    assert error.code == 401
    assert error.headers == list(challenge)
    assert unauthorized({}).headers == []
