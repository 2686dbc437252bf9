"""Query strings: repeated keys, unknown keys, webob multidicts."""

import pytest
from webob.multidict import MultiDict

from apiframe import exception
from apiframe.validation import QueryValidator
from apiframe.validation import parameter_types as types

OPEN = {"type": "object",
        "properties": {"limit": types.limit, "marker": types.marker, "status": types.common_query_param},
        "patternProperties": {"^tag-": types.common_query_param},
        "additionalProperties": True}
CLOSED = {**OPEN, "additionalProperties": False}
UNSTATED = {"type": "object", "properties": {"limit": types.limit}}


def test_repeated_keys_become_lists_in_order():
    params = MultiDict([("status", "ACTIVE"), ("limit", "5"), ("status", "ERROR")])
    assert QueryValidator(OPEN).validate(params) == {"status": ["ACTIVE", "ERROR"], "limit": ["5"]}


def test_every_value_of_a_repeated_key_is_validated():
    with pytest.raises(exception.ValidationError) as caught:
        QueryValidator(OPEN).validate(MultiDict([("limit", "5"), ("limit", "x")]))
    assert caught.value.message.startswith("Invalid input for query parameters limit. Value: x.")


@pytest.mark.parametrize("schema", [OPEN, UNSTATED])
def test_unknown_keys_are_dropped_when_allowed(schema):
    result = QueryValidator(schema).validate(MultiDict([("limit", "1"), ("bogus", "x"), ("tag-a", "y")]))
    expected = {"limit": ["1"], "tag-a": ["y"]} if schema is OPEN else {"limit": ["1"]}
    assert result == expected


def test_unknown_keys_are_refused_when_additional_properties_is_false():
    validator = QueryValidator(CLOSED)
    assert validator.validate(MultiDict([("tag-x", "1")])) == {"tag-x": ["1"]}
    with pytest.raises(exception.ValidationError) as caught:
        validator.validate(MultiDict([("limit", "1"), ("bogus", "x")]))
    assert caught.value.message == "Query parameter 'bogus' is not supported; supported: limit, marker, status."


def test_plain_dict_and_pairs_are_accepted_too():
    assert QueryValidator(OPEN).validate({"limit": "2"}) == {"limit": ["2"]}
    assert QueryValidator(OPEN).validate([]) == {}
