"""Client messages are worded as Nova words them, and never echo huge values."""

import copy

import pytest

from apiframe import exception
from apiframe.api_version import APIVersion
from apiframe.validation import BodyValidator, QueryValidator
from apiframe.validation import parameter_types as types
from apiframe.validation.messages import REASON_LIMIT, VALUE_LIMIT, brief_repr
from tests.unit.validation.sample_schemas import SERVER_CREATE

VALIDATOR = BodyValidator(SERVER_CREATE)


def message(body):
    with pytest.raises(exception.ValidationError) as caught:
        VALIDATOR.validate(body)
    assert caught.value.code == 400
    return caught.value.message


def server(**fields):
    return {"server": {"name": "vm", "flavorRef": "1", **fields}}


_SERVER_PROPERTIES = ("name, description, imageRef, flavorRef, adminPass, metadata, networks, OS-DCF:diskConfig, "
                      "accessIPv4, accessIPv6, personality, availability_zone, config_drive, key_name, min_count, "
                      "max_count, return_reservation_id, security_groups, user_data, tags, hostname, "
                      "trusted_image_certificates")


@pytest.mark.parametrize(("body", "expected"), [
    (None, "The request body must be a JSON object; it was empty or null."),
    ([], "The request body must be a JSON object; it was a JSON array."),
    ("server", "The request body must be a JSON object; it was a string."),
    ({}, "Missing required property 'server'."),
    ({"server": {"name": "vm"}},
     "Invalid input for field/attribute server. Value: {'name': 'vm'}. Missing required property 'flavorRef'."),
    ({"server": {}},
     "Invalid input for field/attribute server. Value: {}. Missing required properties 'name', 'flavorRef'."),
    ({"server": {"name": "vm", "flavorRef": "1"}, "extra": 1},
     "Property 'extra' is not supported; supported: server, os:scheduler_hints."),
    (server(bogus=True),
     "Invalid input for field/attribute server. Value: {'name': 'vm', 'flavorRef': '1', 'bogus': True}. "
     f"Property 'bogus' is not supported; supported: {_SERVER_PROPERTIES}."),
    (server(flavorRef=None),
     "Invalid input for field/attribute flavorRef. Value: None. Expected a string or an integer, got null."),
    (server(**{"OS-DCF:diskConfig": "auto"}),
     "Invalid input for field/attribute OS-DCF:diskConfig. Value: auto. Expected one of 'AUTO', 'MANUAL', got 'auto'."),
    (server(min_count="0"),
     "Invalid input for field/attribute min_count. Value: 0. Expected at least 1, got '0'."),
    (server(min_count="x"),
     "Invalid input for field/attribute min_count. Value: x. Expected a string matching '^[0-9]*$', got 'x'."),
    (server(hostname="-x"),
     "Invalid input for field/attribute hostname. Value: -x. "
     "Expected a string matching '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$', got '-x'."),
    (server(tags=["a" * 61]),
     f"Invalid input for field/attribute 0. Value: {'a' * 61}. Expected at most 60 characters, got 61."),
    (server(tags=["t"] * 51),
     f"Invalid input for field/attribute tags. Value: {['t'] * 51}. Expected at most 50 items, got 51."),
    (server(accessIPv4="1.2.3"),
     "Invalid input for field/attribute accessIPv4. Value: 1.2.3. Expected an IPv4 address, got '1.2.3'."),
    (server(networks="all"),
     "Invalid input for field/attribute networks. Value: all. Expected a JSON array or one of 'none', 'auto', "
     "got a string."),
    (server(networks=[{"uuid": "not-a-uuid"}]),
     "Invalid input for field/attribute uuid. Value: not-a-uuid. Expected a UUID, got 'not-a-uuid'."),
    (server(name=" vm"),
     "An invalid 'name' value was provided. The name must be: printable characters. "
     "Can not start or end with whitespace."),
    (server(description="a\x07"),
     "Invalid input for field/attribute description. Value: a\x07. The value must contain printable characters only."),
    (server(metadata={"k": 1}),
     "Invalid input for field/attribute k. Value: 1. Expected a string, got an integer."),
    (server(security_groups=[{"name": "a", "x": 1}]),
     "Invalid input for field/attribute 0. Value: {'name': 'a', 'x': 1}. Property 'x' is not supported; "
     "supported: name."),
    (server(trusted_image_certificates=[]),
     "Invalid input for field/attribute trusted_image_certificates. Value: []. Expected at least 1 item, got 0."),
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
    assert text.endswith("... Expected at most 255 characters, got 1000000.")


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
                                    "Expected a string matching '^[0-9]*$', got '-1'.")
    with pytest.raises(exception.ValidationError) as caught:
        QueryValidator(QUERY).validate([("foo", "1")], APIVersion(2, 100))
    assert caught.value.message == ("Query parameter 'foo' is not supported at microversion 2.100; "
                                    "supported: limit, marker.")
    with pytest.raises(exception.ValidationError) as caught:
        QueryValidator(QUERY).validate([(f"p{n}", "1") for n in range(7)])
    assert caught.value.message == ("Query parameters 'p0', 'p1', 'p2', 'p3', 'p4' and 2 more are not supported; "
                                    "supported: limit, marker.")


def test_unsupported_properties_name_the_microversion():
    with pytest.raises(exception.ValidationError) as caught:
        VALIDATOR.validate(server(bogus=1, other=2), APIVersion(2, 18))
    assert caught.value.message.endswith(
        "Properties 'bogus', 'other' are not supported at microversion 2.18; "
        f"supported: {_SERVER_PROPERTIES}.")


@pytest.mark.parametrize(("value", "shown"), [("9" * 5000, brief_repr("9" * 5000)),
                                              (2**31, "2147483648"), ("0", "'0'")])
def test_numeric_bounds_show_the_value_as_sent(value, shown):
    # A numeric string is compared as a number; the message shows what was sent.
    validator = BodyValidator({"type": "object", "properties": {"ram": types.flavor_param_positive},
                               "additionalProperties": False})
    with pytest.raises(exception.ValidationError) as caught:
        validator.validate({"ram": value})
    bound = "at least 1" if value == "0" else "at most 2147483647"
    assert caught.value.message.endswith(f"Expected {bound}, got {shown}.")


def test_a_oneof_value_of_no_accepted_shape_lists_the_shapes():
    validator = BodyValidator({"type": "object", "properties": {"n": types.name_or_none},
                               "additionalProperties": False})
    with pytest.raises(exception.ValidationError) as caught:
        validator.validate({"n": 5})
    assert caught.value.message == ("Invalid input for field/attribute n. Value: 5. "
                                    "Expected a string or null, got an integer.")
    with pytest.raises(exception.ValidationError) as caught:
        validator.validate({"n": ""})
    assert caught.value.message.endswith("Expected at least 1 character, got 0.")


def test_validation_does_not_change_the_body():
    body = server(metadata={"a": "b"}, min_count="2")
    before = copy.deepcopy(body)
    VALIDATOR.validate(body)
    assert body == before
