"""Whole-API checks: one line each."""

import pytest

from apiframe.testing import assert_policies, assert_refused, assert_schemas


def test_every_route_has_schemas(apiframe_app):
    assert_schemas(apiframe_app.api)


def test_every_route_has_a_policy_rule(apiframe_app):
    assert_policies(apiframe_app.api)


@pytest.mark.parametrize(("persona", "refused"), [
    ("anonymous", {"GET /notes", "GET /notes/{id}", "POST /notes", "DELETE /notes/{id}"}),
    ("reader", {"POST /notes", "DELETE /notes/{id}"}),
    ("member", set()),
])
def test_personas_without_rights_are_refused(apiframe_app, persona, refused):
    assert set(assert_refused(apiframe_app, persona)) == refused
