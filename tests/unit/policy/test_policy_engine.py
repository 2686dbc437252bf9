"""PolicyEngine: defaults, overrides file, reload, scopes and the oslo.policy fallback."""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
from urllib.parse import parse_qs

import pytest
from oslo_policy.policy import RuleDefault

from apiframe import policy_rules
from apiframe.exception import StartupError
from apiframe.policy import PolicyEngine, PolicyNotRegistered

MEMBER = {"roles": ["member", "reader"], "project_id": "p1", "user_id": "u1"}
ADMIN = {"roles": ["admin"], "project_id": "p0", "user_id": "root"}
OWN = {"project_id": "p1"}
OTHER = {"project_id": "p2"}


def engine(*extra: RuleDefault, **kwargs) -> PolicyEngine:
    return PolicyEngine([*policy_rules.base_rules(), *extra], **kwargs)


def write(path, text: str) -> None:
    path.write_text(text)
    # Make the change visible even where the clock's resolution hides a quick rewrite.
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_defaults_answer_per_persona():
    policy = engine(RuleDefault("thing:update", policy_rules.PROJECT_MEMBER_OR_ADMIN))
    assert policy.authorize("thing:update", OWN, MEMBER)
    assert not policy.authorize("thing:update", OTHER, MEMBER)
    assert policy.authorize("thing:update", OTHER, ADMIN)
    assert not policy.authorize("thing:update", OWN, {"roles": ["reader"], "project_id": "p1"})


def test_unregistered_rule_raises():
    policy = engine()
    with pytest.raises(PolicyNotRegistered):
        policy.authorize("nobody:registered:this", OWN, MEMBER)
    assert not policy.is_registered("nobody:registered:this")
    assert policy.is_registered("context_is_admin")


def test_duplicate_default_is_a_startup_error():
    with pytest.raises(StartupError, match="context_is_admin"):
        engine(RuleDefault("context_is_admin", "role:root"))


def test_override_file_takes_effect(tmp_path):
    overrides = tmp_path / "policy.yaml"
    write(overrides, '"thing:show": "role:auditor"\n')
    policy = engine(RuleDefault("thing:show", policy_rules.PROJECT_READER_OR_ADMIN), policy_file=str(overrides))
    assert not policy.authorize("thing:show", OWN, MEMBER)
    assert policy.authorize("thing:show", OTHER, {"roles": ["Auditor"]})
    assert policy.rules["thing:show"] == "role:auditor"
    assert policy.rules["context_is_admin"] == "role:admin"


def test_overriding_a_base_rule_changes_rules_that_refer_to_it(tmp_path):
    overrides = tmp_path / "policy.yaml"
    write(overrides, 'context_is_admin: "role:cloud-admin"\n')
    policy = engine(RuleDefault("thing:delete", policy_rules.ADMIN), policy_file=str(overrides))
    assert not policy.authorize("thing:delete", OWN, ADMIN)
    assert policy.authorize("thing:delete", OWN, {"roles": ["cloud-admin"]})


def test_changed_file_is_reloaded(tmp_path):
    overrides = tmp_path / "policy.yaml"
    write(overrides, '"thing:show": "!"\n')
    policy = engine(RuleDefault("thing:show", "@"), policy_file=str(overrides), reload_interval=0)
    assert not policy.authorize("thing:show", OWN, MEMBER)
    write(overrides, '"thing:show": "role:member"\n')
    assert policy.authorize("thing:show", OWN, MEMBER)
    overrides.unlink()
    assert policy.authorize("thing:show", OWN, {"roles": []}), "back to the default without the file"


def test_file_created_after_start_is_picked_up(tmp_path):
    overrides = tmp_path / "policy.yaml"
    policy = engine(RuleDefault("thing:show", "@"), policy_file=str(overrides), reload_interval=0)
    assert policy.authorize("thing:show", OWN, MEMBER)
    write(overrides, '"thing:show": "!"\n')
    assert not policy.authorize("thing:show", OWN, MEMBER)


def test_file_is_not_looked_at_within_the_interval(tmp_path):
    overrides = tmp_path / "policy.yaml"
    write(overrides, '"thing:show": "!"\n')
    policy = engine(RuleDefault("thing:show", "@"), policy_file=str(overrides), reload_interval=3600)
    write(overrides, '"thing:show": "@"\n')
    assert not policy.authorize("thing:show", OWN, MEMBER)
    policy.reload()
    assert policy.authorize("thing:show", OWN, MEMBER)


def test_broken_file_at_start_is_a_startup_error(tmp_path):
    overrides = tmp_path / "policy.yaml"
    write(overrides, '"thing:show": [unclosed\n')
    with pytest.raises(StartupError, match=str(overrides)):
        engine(RuleDefault("thing:show", "@"), policy_file=str(overrides))


def test_broken_file_on_reload_keeps_the_previous_rules(tmp_path, caplog):
    overrides = tmp_path / "policy.yaml"
    write(overrides, '"thing:show": "!"\n')
    policy = engine(RuleDefault("thing:show", "@"), policy_file=str(overrides), reload_interval=0)
    write(overrides, "- not\n- a mapping\n")
    assert not policy.authorize("thing:show", OWN, MEMBER)
    assert "Keeping the previous policy rules" in caplog.text


def test_scope_types_are_enforced():
    policy = engine(RuleDefault("thing:list", "@", scope_types=["project"]),
                    RuleDefault("system:reader", "role:reader", scope_types=["system"]))
    assert policy.authorize("thing:list", OWN, MEMBER)
    assert not policy.authorize("thing:list", OWN, {**MEMBER, "system_scope": "all"})
    assert not policy.authorize("thing:list", OWN, {**MEMBER, "domain_id": "d1"})
    assert policy.authorize("system:reader", {}, {"roles": ["reader"], "system_scope": "all"})
    assert not policy.authorize("system:reader", {}, {"roles": ["reader"], "project_id": "p1"})


def test_reference_cycle_is_a_startup_error(tmp_path):
    with pytest.raises(StartupError, match="refers to itself"):
        engine(RuleDefault("a", "rule:b or role:admin"), RuleDefault("b", "role:member and rule:a"))
    overrides = tmp_path / "policy.yaml"
    write(overrides, '"a": "rule:a"\n')
    with pytest.raises(StartupError, match="'a' refers to itself"):
        engine(RuleDefault("a", "@"), policy_file=str(overrides))


def test_unknown_rule_reference_fails_closed_unless_a_default_rule_exists():
    assert not engine(RuleDefault("thing", "rule:missing")).authorize("thing", OWN, ADMIN)
    with_default = engine(RuleDefault("thing", "rule:missing"), RuleDefault("default", "role:admin"))
    assert with_default.authorize("thing", OWN, ADMIN)
    assert not with_default.authorize("thing", OWN, MEMBER)


class _Decider(http.server.BaseHTTPRequestHandler):
    """An external policy decision point that allows user u1 only."""

    def do_POST(self):
        form = self.rfile.read(int(self.headers["Content-Length"])).decode()
        creds = json.loads(parse_qs(form)["credentials"][0])
        body = b"True" if creds.get("user_id") == "u1" else b"False"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def decider_url():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Decider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/decide"
    server.shutdown()
    server.server_close()


def test_check_kinds_not_compiled_are_left_to_oslo_policy(decider_url):
    policy = engine(RuleDefault("thing:external", f"role:admin or {decider_url}"),
                    RuleDefault("thing:uses-external", "rule:thing:external and project_id:%(project_id)s"))
    assert policy.authorize("thing:external", OTHER, MEMBER)
    assert not policy.authorize("thing:external", OTHER, {**MEMBER, "user_id": "u2"})
    assert policy.authorize("thing:external", OTHER, {**ADMIN, "user_id": "u2"})
    assert policy.authorize("thing:uses-external", OWN, MEMBER)
    assert not policy.authorize("thing:uses-external", OTHER, MEMBER)
