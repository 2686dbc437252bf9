"""Client messages are worded as Nova words them, and never echo huge values."""

import copy

import pytest

from apiframe import exception
from apiframe.validation import BodyValidator, QueryValidator
from apiframe.validation import parameter_types as types
from apiframe.validation.validators import REASON_LIMIT, VALUE_LIMIT, brief_repr
from tests.unit.validation.sample_schemas import SERVER_CREATE

VALIDATOR = BodyValidator(SERVER_CREATE)


def message(body):
    with pytest.raises(exception.ValidationError) as caught:
        VALIDATOR.validate(body)
    assert caught.value.code == 400
    return caught.value.message


def server(**fields):
    return {"server": {"name": "vm", "flavorRef": "1", **fields}}


@pytest.mark.parametrize(("body", "expected"), [
    ({}, "'server' is a required property"),
    ({"server": {"name": "vm"}},
     "Invalid input for field/attribute server. Value: {'name': 'vm'}. 'flavorRef' is a required property"),
    ({"server": {"name": "vm", "flavorRef": "1"}, "extra": 1},
     "Additional properties are not allowed ('extra' was unexpected)"),
    (server(bogus=True),
     "Invalid input for field/attribute server. Value: {'name': 'vm', 'flavorRef': '1', 'bogus': True}. "
     "Additional properties are not allowed ('bogus' was unexpected)"),
    (server(flavorRef=None),
     "Invalid input for field/attribute flavorRef. Value: None. None is not of type 'string', 'integer'"),
    (server(**{"OS-DCF:diskConfig": "auto"}),
     "Invalid input for field/attribute OS-DCF:diskConfig. Value: auto. 'auto' is not one of ['AUTO', 'MANUAL']"),
    (server(min_count="0"),
     "Invalid input for field/attribute min_count. Value: 0. 0 is less than the minimum of 1"),
    (server(min_count="x"),
     "Invalid input for field/attribute min_count. Value: x. 'x' does not match '^[0-9]*$'"),
    (server(hostname="-x"),
     "Invalid input for field/attribute hostname. Value: -x. "
     "'-x' does not match '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'"),
    (server(tags=["a" * 61]),
     f"Invalid input for field/attribute 0. Value: {'a' * 61}. '{'a' * 61}' is too long"),
    (server(accessIPv4="1.2.3"),
     "Invalid input for field/attribute accessIPv4. Value: 1.2.3. '1.2.3' is not a 'ipv4'"),
    (server(name=" vm"),
     "An invalid 'name' value was provided. The name must be: printable characters. "
     "Can not start or end with whitespace."),
    (server(description="a\x07"),
     "Invalid input for field/attribute description. Value: a\x07. The value must contain printable characters only."),
    (server(metadata={"k": 1}),
     "Invalid input for field/attribute k. Value: 1. 1 is not of type 'string'"),
])
def test_message(body, expected):
    assert message(body) == expected


def test_first_error_in_schema_order_is_reported():
    # name (too long) precedes flavorRef (wrong type) in the schema.
    assert "field/attribute name." in message(server(name="a" * 256, flavorRef=None))


def test_long_values_are_truncated():
    text = message(server(name="a" * 1_000_000))
    assert len(text) < VALUE_LIMIT + REASON_LIMIT + 100
    assert text.startswith("Invalid input for field/attribute name. Value: " + "a" * VALUE_LIMIT + "...")
    assert text.endswith("... is too long")


def test_large_structures_are_truncated():
    metadata = {f"key{i}": "v" * 300 for i in range(5000)}
    text = message(server(metadata=metadata))
    assert len(text) < VALUE_LIMIT + REASON_LIMIT + 100


def test_brief_repr_matches_repr_for_small_values_and_bounds_big_ones():
    small = {"a": [1, 2.5, None, True, "x'y"], "b": {}}
    assert brief_repr(small) == repr(small)
    deep = current = []
    for _ in range(10_000):
        current.append([])
        current = current[0]
    assert len(brief_repr(deep)) <= VALUE_LIMIT + 3
    assert brief_repr(10**5000) == "<integer too large to show>"


QUERY = {"type": "object", "properties": {"limit": types.limit, "marker": types.marker},
         "additionalProperties": False}


def test_query_messages():
    with pytest.raises(exception.ValidationError) as caught:
        QueryValidator(QUERY).validate([("limit", "-1")])
    assert caught.value.message == ("Invalid input for query parameters limit. Value: -1. "
                                    "'-1' does not match '^[0-9]*$'")
    with pytest.raises(exception.ValidationError) as caught:
        QueryValidator(QUERY).validate([("foo", "1")])
    assert caught.value.message == "Additional properties are not allowed ('foo' was unexpected)"


def test_validation_does_not_change_the_body():
    body = server(metadata={"a": "b"}, min_count="2")
    before = copy.deepcopy(body)
    VALIDATOR.validate(body)
    assert body == before
