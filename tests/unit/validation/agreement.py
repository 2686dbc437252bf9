"""Property check: the fast and the reference validator agree on a schema.

``assert_agreement(schema)`` generates instances from the schema itself — mostly
near-valid ones with edge-case strings and numbers mixed in, plus arbitrary JSON — and
checks that fastjsonschema (on the derived schema) accepts exactly what jsonschema
accepts, and that :class:`BodyValidator` decides like the reference. Use it on every
schema an API declares.
"""

from __future__ import annotations

import base64
import string
from collections.abc import Mapping
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apiframe import exception
from apiframe.validation.validators import BodyValidator, compile_fast, reference_validator

_EDGE_STRINGS = [
    "", " ", "a", "a ", " a", "a\n", "\n", "a\x00b", "\t", "\u00a0", "a\u00a0", "\u3000x",
    "\U0001f600", "0", "1", "-1", "01", "1.0", "1.5", "1e3", " 2", "2 ", "+3", "1_0", "nan", "inf",
    "x" * 256, "AUTO", "MANUAL", "true", "True", "yes", "t", "null",
    "00000000-0000-0000-0000-000000000000", "{12345678-1234-5678-1234-567812345678}",
    "12345678123456781234567812345678", "0x345678123456781234567812345678",
    "10.0.0.1", "10.0.0.256", "::1", "fe80::1%eth0", "10.0.0.0/8", "http://example.com/a",
    "YWJj", "YWJ", "2020-01-02T03:04:05Z", "2020-13-01",
]

_EDGE_NUMBERS = [0, 1, -1, 2, 255, 65535, 65536, 0x7FFFFFFF, 0x80000000, 10**20, 0.0, 1.0, 1.5, -0.5,
                 float("inf"), 1e308]

_ALPHABET = string.ascii_letters + string.digits + " -_:./,@\n\t\x00\x7f\u00a0\u00e9\u200b\U0001f600"

json_values = st.recursive(
    st.none() | st.booleans() | st.sampled_from(_EDGE_NUMBERS) | st.integers()
    | st.text(_ALPHABET, max_size=8) | st.sampled_from(_EDGE_STRINGS),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(_ALPHABET, max_size=6), children, max_size=3),
    max_leaves=8,
)


_PLAIN = string.ascii_letters + string.digits + " -_.\u00e9"


def _strings(schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
    fmt = schema.get("format")
    low, high = schema.get("minLength", 0), min(schema.get("maxLength", 12), 12)
    options = [st.text(_PLAIN, min_size=low, max_size=max(low, high))]
    if fmt == "uuid":
        options.append(st.uuids().map(str))
    elif fmt in ("ipv4", "ipv6"):
        options.append(st.ip_addresses(v=int(fmt[-1])).map(str))
    elif fmt == "base64":
        options.append(st.binary(max_size=20).map(lambda raw: base64.b64encode(raw).decode()))
    elif fmt == "date-time":
        options.append(st.datetimes().map(lambda value: value.isoformat()))
    elif fmt == "uri":
        options.append(st.sampled_from(["http://example.com/v2.1/servers", "https://h:8774/x?y=1#z"]))
    if "pattern" in schema:
        pattern = schema["pattern"]
        matching = st.from_regex(pattern, fullmatch=True).filter(lambda text: len(text) < 300)
        options.append(matching)
        options.append(matching.map(lambda text: text + "\n"))
    if "maxLength" in schema:
        options.append(st.sampled_from(["a" * schema["maxLength"], "a" * (schema["maxLength"] + 1)]))
    return st.one_of(options)


def _numbers(schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    bounds = [schema[key] + delta for key in ("minimum", "maximum") if key in schema for delta in (-1, 0, 1)]
    values = [0, 1, 2, 1.0, 2.0, *bounds]
    return st.sampled_from(values) | st.sampled_from(values).map(str) | st.integers(0, 300)


def _conforming(schema: Any, depth: int) -> st.SearchStrategy[Any]:
    if not isinstance(schema, Mapping) or depth > 6:
        return json_values
    options = []
    if "enum" in schema:
        options.append(st.sampled_from(schema["enum"]))
    if "const" in schema:
        options.append(st.just(schema["const"]))
    for key in ("allOf", "anyOf", "oneOf"):
        options.extend(instances(sub, depth + 1) for sub in schema.get(key, ()))
    declared = schema.get("type", [])
    types = [declared] if isinstance(declared, str) else list(declared)
    if not types and ("properties" in schema or "patternProperties" in schema):
        types = ["object"]
    if not types and not options:
        types = ["string"]
    for name in types:
        if name == "object":
            options.append(_objects(schema, depth))
        elif name == "array":
            options.append(st.lists(instances(schema.get("items", {}), depth + 1), max_size=3))
        elif name == "string":
            options.append(_strings(schema))
        elif name in ("integer", "number"):
            options.append(_numbers(schema))
        elif name == "boolean":
            options.append(st.booleans())
        elif name == "null":
            options.append(st.none())
    return st.one_of(options)


def _objects(schema: Mapping[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = [name for name in schema.get("required", ()) if name in properties]
    fixed = st.fixed_dictionaries(
        {name: instances(properties[name], depth + 1) for name in required},
        optional={name: instances(sub, depth + 1) for name, sub in properties.items() if name not in required},
    )
    unknown = st.dictionaries(st.text(_ALPHABET, max_size=6), json_values, max_size=1)
    extras = [st.just({}), st.just({}), st.just({}), unknown]
    for pattern, sub in schema.get("patternProperties", {}).items():
        keys = st.from_regex(pattern, fullmatch=True).filter(lambda key: len(key) < 300)
        keys = keys | keys.map(lambda key: key + "\n") | st.text(_ALPHABET, max_size=6)
        extras.append(st.dictionaries(keys, instances(sub, depth + 1),
                                      max_size=3))
    # Dropping a required property now and then exercises "required" errors.
    maybe_missing = st.sampled_from([None, None, None, None, *required])
    return st.tuples(fixed, st.one_of(extras), maybe_missing).map(
        lambda parts: {key: value for key, value in {**parts[1], **parts[0]}.items() if key != parts[2]})


_wild = st.one_of(json_values, st.sampled_from(_EDGE_STRINGS), st.sampled_from(_EDGE_NUMBERS))


def instances(schema: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances for ``schema``: mostly shaped by it, with an edge case at some nodes.

    Shaped values are weighted so that many whole instances are valid and the rest
    differ from a valid one in few places, which is where validators tend to disagree.
    """
    shaped = _conforming(schema, depth)
    # Hypothesis favours simple branches; an explicit choice keeps edge cases rare.
    return st.sampled_from(range(8)).flatmap(lambda choice: _wild if choice == 7 else shaped)


def assert_agreement(schema: Mapping[str, Any], max_examples: int = 400) -> None:
    """Fail unless fast and reference validators accept exactly the same instances."""
    fast = compile_fast(schema)
    reference = reference_validator(schema)
    validator = BodyValidator(schema)

    @settings(max_examples=max_examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                     HealthCheck.data_too_large])
    @given(instances(schema))
    def check(instance: Any) -> None:
        try:
            fast(instance)
            fast_accepts = True
        except Exception:
            fast_accepts = False
        reference_accepts = reference.is_valid(instance)
        assert fast_accepts == reference_accepts, (
            f"fast {'accepts' if fast_accepts else 'rejects'}, reference "
            f"{'accepts' if reference_accepts else 'rejects'}: {instance!r}")
        try:
            validator.validate(instance)
            validator_accepts = True
        except exception.ValidationError as refused:
            validator_accepts = False
            assert isinstance(refused.message, str) and refused.message
        assert validator_accepts == reference_accepts

    check()
