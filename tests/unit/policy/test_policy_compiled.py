"""The compiled evaluator gives oslo.policy's answer for any rule, credentials and target."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oslo_config import cfg
from oslo_policy import policy as oslo_policy
from oslo_policy.policy import RuleDefault

from apiframe import policy_rules
from apiframe.policy import PolicyEngine

ROLES = ["admin", "member", "reader", "Member", "ADMIN", "auditor"]
IDS = ["p1", "p2", "u1", "True", "1"]

ATOMS = st.sampled_from([
    "@", "!",
    "role:admin", "role:member", "role:Reader", "role:%(role)s",
    "project_id:%(project_id)s", "user_id:%(user_id)s", "user_id:%(owner)s",
    "is_admin:True", "is_admin:False",
    "True:%(enabled)s", "'p1':%(project_id)s", "1:%(project_id)s",
    "domain.id:%(domain_id)s", "roles:member", "tags:%(tag)s",
    "project_id:p1", "system:all",
    "rule:context_is_admin", "rule:project_member_or_admin", "rule:admin_or_owner",
    "rule:undefined_rule", "rule:shared",
])


def expressions() -> st.SearchStrategy[str]:
    return st.recursive(
        ATOMS,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda e: f"not {e}" if e.startswith("(") else f"not ({e})"),
        ),
        max_leaves=6,
    )


maybe = st.none() | st.sampled_from(IDS)
CREDS = st.fixed_dictionaries(
    {"roles": st.lists(st.sampled_from(ROLES), max_size=3)},
    optional={
        "project_id": maybe, "user_id": maybe, "is_admin": st.booleans(),
        "domain": st.fixed_dictionaries({"id": maybe}) | st.lists(st.fixed_dictionaries({"id": maybe}), max_size=2),
        "domain_id": maybe, "system_scope": st.sampled_from(["all", None, ""]),
        "tags": st.lists(st.sampled_from(IDS), max_size=2),
    },
)
TARGETS = st.fixed_dictionaries({}, optional={
    key: maybe for key in ("project_id", "user_id", "owner", "role", "enabled", "domain_id", "tag")
})
SCOPES = st.sampled_from([None, ["project"], ["system"], ["project", "system"], ["domain"]])


def oslo_enforcer(defaults: list[RuleDefault]) -> oslo_policy.Enforcer:
    conf = cfg.ConfigOpts()
    conf([], project="apiframe-test", default_config_files=[], default_config_dirs=[])
    enforcer = oslo_policy.Enforcer(conf, policy_file="/nonexistent/policy.yaml")
    conf.set_override("policy_dirs", [], group="oslo_policy")
    enforcer.register_defaults(defaults)
    return enforcer


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=expressions(), shared=expressions().filter(lambda e: "rule:shared" not in e),
       scope_types=SCOPES, with_default=st.booleans(),
       checks=st.lists(st.tuples(CREDS, TARGETS), min_size=1, max_size=8))
def test_compiled_answer_equals_oslo_policy(rule, shared, scope_types, with_default, checks):
    defaults = [*policy_rules.base_rules(),
                RuleDefault("under_test", rule, scope_types=scope_types),
                RuleDefault("shared", shared)]
    if with_default:
        defaults.append(RuleDefault("default", "role:reader"))
    ours = PolicyEngine(defaults)
    theirs = oslo_enforcer(defaults)
    for creds, target in checks:
        expected = bool(theirs.authorize("under_test", target, copy.deepcopy(creds)))
        assert ours.authorize("under_test", target, creds) is expected, (rule, shared, creds, target)
