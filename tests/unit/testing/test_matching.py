"""Sample templates: matching with the path of the first difference, rendering, generalizing."""

import pytest

from apiframe.testing.matching import TemplateError, compare, generalize, render, resolver

UUID = "0b7a1c9e-2f4d-4a6b-8c1d-3e5f7a9b0c2d"


def diff(template, actual, subs=None):
    return compare(template, actual, resolver(subs))


def test_equal_bodies_match():
    assert diff({"a": [1, {"b": None}], "c": True}, {"a": [1, {"b": None}], "c": True}) is None


def test_nested_difference_names_its_path():
    template = {"note": {"links": [{"rel": "self", "href": "%(endpoint)s/notes/%(uuid)s"}]}}
    actual = {"note": {"links": [{"rel": "self", "href": f"http://localhost/v2.1/nodes/{UUID}"}]}}
    message = diff(template, actual)
    assert message.startswith("$.note.links[0]: no item of the response matches")
    assert f"$.note.links[0].href: 'http://localhost/v2.1/nodes/{UUID}' does not match" in message


def test_key_sets_must_be_equal():
    assert diff({"a": 1, "b": 2}, {"a": 1, "c": 2}) == "$: missing keys ['b']; unexpected keys ['c']"


def test_keys_that_are_not_identifiers_are_quoted():
    assert diff({"x": {"OS-DCF:diskConfig": "AUTO"}}, {"x": {"OS-DCF:diskConfig": "MANUAL"}}) == (
        "$.x[\"OS-DCF:diskConfig\"]: 'MANUAL' does not match 'AUTO'")


def test_lists_match_in_any_order_but_not_in_any_length():
    assert diff([{"id": 1}, {"id": 2}], [{"id": 2}, {"id": 1}]) is None
    assert diff([1, 2], [1, 2, 3]) == "$: expected 2 items, got 3"
    assert diff([1, 1], [1, 2]).startswith("$[1]: no item")


def test_scalars_compare_with_their_type():
    assert diff({"n": 1}, {"n": True}) == "$.n: expected 1, got true"
    assert diff({"n": 1}, {"n": 1.0}) == "$.n: expected 1, got 1.0"
    assert diff(None, 0) == "$: expected null, got 0"


def test_literal_text_is_not_a_regex():
    assert diff("2.1", "2x1") == "$: '2x1' does not match '2.1'"
    assert diff("100%% sure", "100% sure") is None


@pytest.mark.parametrize(("template", "actual"), [
    ("%(uuid)s", UUID),
    ("%(request_id)s", f"req-{UUID}"),
    ("%(isotime)s", "2024-01-31T12:30:00Z"),
    ("%(isotime)s", "2024-01-31T12:30:00.123456+02:00"),
    ("%(strtime)s", "2024-01-31T12:30:00.123456"),
    ("%(endpoint)s/x", "http://h:8774/v2.1/x"),
    ("%(endpoint)s/x", "https://h/v2.1/p1/x"),
    ("%(bookmark_endpoint)s/x", "http://h/p1/x"),
    ("%(host)s/", "http://h/"),
    ("%(int)s", 42),
    ("%(number)s", -2.5),
    ("before %(text)s after", "before anything\nat all after"),
])
def test_patterns_match(template, actual):
    assert diff(template, actual) is None


@pytest.mark.parametrize(("template", "actual"), [
    ("%(uuid)s", UUID.upper()),
    ("%(isotime)s", "2024-01-31 12:30:00"),
    ("%(int)s", "42"),
    ("%(int)s", True),
    ("%(endpoint)s/x", "http://h/v2/x"),
])
def test_patterns_refuse(template, actual):
    assert diff(template, actual) is not None


def test_subs_match_exactly_and_with_their_type():
    assert diff({"size": "%(size)s"}, {"size": 3}, {"size": 3}) is None
    assert diff({"size": "%(size)s"}, {"size": "3"}, {"size": 3}) == '$.size: expected 3 (%(size)s), got "3"'
    assert diff("/notes/%(id)s", "/notes/a.b", {"id": "a.b"}) is None
    assert diff("/notes/%(id)s", "/notes/aXb", {"id": "a.b"}) is not None


def test_unknown_placeholder_is_an_error_unless_lenient():
    with pytest.raises(TemplateError, match="unknown placeholder %\\(nope\\)s"):
        diff("%(nope)s", "x")
    assert compare("%(nope)s", 5, resolver(None, lenient=True)) is None


def test_render_fills_values_with_their_types():
    template = {"a": "%(n)s", "b": "id-%(n)s", "c": ["%(flag)s"], "d": "100%%"}
    assert render(template, {"n": 7, "flag": False}) == {"a": 7, "b": "id-7", "c": [False], "d": "100%"}
    with pytest.raises(TemplateError, match="needs %\\(missing\\)s"):
        render("%(missing)s", {})


def test_generalize_makes_a_template_that_matches():
    actual = {
        "id": UUID,
        "request": f"req-{UUID}",
        "created": "2024-01-31T12:30:00Z",
        "name": "my-note",
        "size": 3,
        "ratio": "50%",
        "links": [{"href": f"http://localhost/v2.1/p1/notes/{UUID}"}, {"href": f"http://localhost/p1/notes/{UUID}"}],
    }
    subs = {"name": "my-note", "size": 3}
    endpoints = {"endpoint": "http://localhost/v2.1/p1", "bookmark_endpoint": "http://localhost/p1",
                 "host": "http://localhost"}
    template = generalize(actual, subs, endpoints)
    assert template == {
        "id": "%(uuid)s",
        "request": "%(request_id)s",
        "created": "%(isotime)s",
        "name": "%(name)s",
        "size": "%(size)s",
        "ratio": "50%%",
        "links": [{"href": "%(endpoint)s/notes/%(uuid)s"}, {"href": "%(bookmark_endpoint)s/notes/%(uuid)s"}],
    }
    assert compare(template, actual, resolver(subs)) is None
