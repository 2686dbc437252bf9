"""Base rules, personas, discoverable rules and the oslo.policy tool entry points."""

from __future__ import annotations

import pytest
from oslo_policy.policy import DocumentedRuleDefault, Enforcer, RuleDefault

from apiframe import policy_rules
from apiframe.exception import StartupError
from apiframe.extensions import Extension, PluginContext
from apiframe.policy import PolicyEngine, collect_rules, get_enforcer, list_compute_rules, list_rules

BASE_NAMES = {"context_is_admin", "admin_api", "admin_or_owner", "project_member_api", "project_reader_api",
              "project_member_or_admin", "project_reader_or_admin"}

ADMIN = {"roles": ["admin"], "project_id": "p0", "is_admin": True}
MEMBER = {"roles": ["member", "reader"], "project_id": "p1", "is_admin": False}
READER = {"roles": ["reader"], "project_id": "p1", "is_admin": False}
STRANGER = {"roles": ["member", "reader"], "project_id": "p2", "is_admin": False}


@pytest.fixture(scope="module")
def personas():
    return PolicyEngine([*policy_rules.base_rules(), *(
        RuleDefault(f"persona:{name}", getattr(policy_rules, name))
        for name in ("ADMIN", "PROJECT_MEMBER", "PROJECT_READER", "PROJECT_MEMBER_OR_ADMIN",
                     "PROJECT_READER_OR_ADMIN", "ADMIN_OR_OWNER", "ANYONE", "NOBODY"))])


@pytest.mark.parametrize(("persona", "allowed"), [
    ("ADMIN", {"admin"}),
    ("PROJECT_MEMBER", {"member"}),
    ("PROJECT_READER", {"member", "reader"}),
    ("PROJECT_MEMBER_OR_ADMIN", {"admin", "member"}),
    ("PROJECT_READER_OR_ADMIN", {"admin", "member", "reader"}),
    ("ADMIN_OR_OWNER", {"admin", "member", "reader"}),
    ("ANYONE", {"admin", "member", "reader", "stranger"}),
    ("NOBODY", set()),
])
def test_persona_matrix(personas, persona, allowed):
    callers = {"admin": ADMIN, "member": MEMBER, "reader": READER, "stranger": STRANGER}
    granted = {name for name, creds in callers.items()
               if personas.authorize(f"persona:{persona}", {"project_id": "p1"}, creds)}
    assert granted == allowed


def test_base_rules_are_the_documented_set():
    assert {rule.name for rule in policy_rules.base_rules()} == BASE_NAMES
    assert all(rule.description for rule in policy_rules.base_rules())


def test_discoverable_rule(tmp_path):
    rule = policy_rules.discoverable_rule("os-keypairs")
    assert isinstance(rule, DocumentedRuleDefault)
    assert rule.name == "os_compute_api:os-keypairs:discoverable" == policy_rules.discoverable_rule_name("os-keypairs")
    assert rule.check_str == "@"
    overrides = tmp_path / "policy.yaml"
    overrides.write_text('"os_compute_api:os-keypairs:discoverable": "rule:context_is_admin"\n')
    default = PolicyEngine([*policy_rules.base_rules(), rule])
    hidden = PolicyEngine([*policy_rules.base_rules(), rule], str(overrides))
    assert default.authorize(rule.name, {}, MEMBER)
    assert not hidden.authorize(rule.name, {}, MEMBER)
    assert hidden.authorize(rule.name, {}, ADMIN)
    assert policy_rules.discoverable_rule("widgets", prefix="widget_api").name == "widget_api:widgets:discoverable"


class _Keypairs(Extension):
    """Keypairs."""

    name, alias = "Keypairs", "os-keypairs"

    def get_policies(self):
        return [policy_rules.discoverable_rule(self.alias),
                RuleDefault("os_compute_api:os-keypairs:create", policy_rules.PROJECT_MEMBER_OR_ADMIN)]


class _Rogue(Extension):
    """Redefines a base rule."""

    name, alias = "Rogue", "rogue"

    def get_policies(self):
        return [RuleDefault("context_is_admin", "@")]


def test_collect_rules_appends_plugin_rules_to_the_base():
    names = [rule.name for rule in collect_rules([_Keypairs(PluginContext())])]
    assert set(names[:len(BASE_NAMES)]) == BASE_NAMES
    assert names[len(BASE_NAMES):] == ["os_compute_api:os-keypairs:discoverable", "os_compute_api:os-keypairs:create"]


def test_collect_rules_rejects_a_rule_defined_twice():
    expected = "'context_is_admin' is defined by both apiframe base rules and plugin 'rogue'"
    with pytest.raises(StartupError, match=expected):
        collect_rules([_Rogue(PluginContext())])


def test_list_rules_covers_the_base_rules():
    # Installed plugins add their rules; the base rules are always there.
    assert {rule.name for rule in list_rules()} >= BASE_NAMES


def test_compute_rules_leave_out_the_other_installed_plugins(sample_plugins):
    installed = {rule.name for rule in list_rules()}
    compute = {rule.name for rule in list_compute_rules()}
    assert {"sample:widgets:list", "os_compute_api:servers:create"} <= installed
    assert "os_compute_api:servers:create" in compute and "sample:widgets:list" not in compute
    assert compute >= BASE_NAMES


def test_get_enforcer_has_every_rule_registered():
    enforcer = get_enforcer()
    assert isinstance(enforcer, Enforcer)
    assert {rule.name for rule in list_rules()} == set(enforcer.registered_rules)
