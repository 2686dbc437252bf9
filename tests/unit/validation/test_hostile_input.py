"""Hostile input gets a quick 400, never a 500 or a hang."""

import time

import pytest

from apiframe import exception
from apiframe.validation import BodyValidator, QueryValidator
from apiframe.validation import parameter_types as types
from tests.unit.validation.sample_schemas import SERVER_CREATE

VALIDATOR = BodyValidator(SERVER_CREATE)
# CPU seconds: each case takes milliseconds, a backtracking pattern would take minutes.
# CPU time, not wall time, so that other processes on a busy machine do not count.
QUICK = 1.0


def nested(depth, leaf=None):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def server(**fields):
    return {"server": {"name": "vm", "flavorRef": "1", **fields}}


def rejected_quickly(validator, body):
    start = time.process_time()
    with pytest.raises(exception.ValidationError) as caught:
        validator.validate(body)
    assert time.process_time() - start < QUICK
    assert len(caught.value.message) < 1000
    return caught.value.message


@pytest.mark.parametrize("body", [
    server(name="a" * 10_000_000),
    server(adminPass=1, name="a" * 10_000_000),
    server(name="vm\x00"),
    server(description="\x00" * 100_000),
    server(metadata={"key\x00": "v"}),
    server(metadata={"k": "v\x00" * 1_000_000}),
    server(tags=["t"] * 1_000_000),
    server(hostname="a" * 100_000 + "-"),  # cubic backtracking if the pattern ran first
    server(availability_zone="a" * 50_000 + "\x00"),
    server(user_data="A" * 10_000_001),
    server(metadata={"k" * 1_000_000: "v"}),
])
def test_long_and_control_character_input(body):
    rejected_quickly(VALIDATOR, body)


def test_huge_numbers():
    validator = BodyValidator({"type": "object", "properties": {"size": types.volume_size},
                               "additionalProperties": False})
    assert "too many digits" in rejected_quickly(validator, {"size": 10**10_000})
    rejected_quickly(validator, {"size": "9" * 100_000})
    rejected_quickly(validator, {"size": float("inf")})
    rejected_quickly(VALIDATOR, server(min_count=-(10**5000)))
    rejected_quickly(VALIDATOR, server(min_count=float("nan")))


@pytest.mark.parametrize("depth", [500, 5000, 100_000])
def test_deep_nesting_where_the_schema_refuses_it(depth):
    rejected_quickly(VALIDATOR, server(metadata=nested(depth)))
    rejected_quickly(VALIDATOR, nested(depth))


def test_too_deep_to_describe_gets_a_plain_message():
    assert rejected_quickly(VALIDATOR, nested(100_000)) == "Invalid input: the value is nested too deeply."


def test_deep_nesting_where_the_schema_allows_anything_is_accepted():
    body = {**server(), "os:scheduler_hints": {"hint": nested(100_000)}}
    start = time.process_time()
    VALIDATOR.validate(body)
    assert time.process_time() - start < QUICK


def test_shallow_nesting_still_gets_the_precise_message():
    message = rejected_quickly(VALIDATOR, server(metadata=nested(20)))
    assert message.startswith("Invalid input for field/attribute metadata. Value: [[[[")


def test_hostile_query_string():
    validator = QueryValidator({"type": "object", "properties": {"limit": types.limit,
                                                                 "name": types.common_query_regex_param},
                                "additionalProperties": True})
    rejected_quickly(validator, [("limit", "9" * 1_000_000 + "x")])
    rejected_quickly(validator, [("name", "(")])
    rejected_quickly(validator, [("limit", "1")] * 10_000 + [("limit", "-1")])
    assert validator.validate([("name", "(a+)+$")]) == {"name": ["(a+)+$"]}
