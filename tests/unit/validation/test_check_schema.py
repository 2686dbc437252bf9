"""Start-up checks on declared schemas."""

import pytest

from apiframe.exception import StartupError
from apiframe.validation import check_schema
from apiframe.validation import parameter_types as types
from tests.unit.validation.sample_schemas import SERVER_CREATE


def test_sample_schema_passes():
    check_schema(SERVER_CREATE, "servers.create")


@pytest.mark.parametrize(("schema", "fragment"), [
    ({"type": "object", "properties": {}}, "object schema at / must state 'additionalProperties'"),
    ({"type": "object", "properties": {"a": {"type": ["object", "null"]}}, "additionalProperties": False},
     "object schema at /properties/a must state"),
    ({"type": "array", "items": {"oneOf": [{"type": "object"}]}},
     "object schema at /items/oneOf/0 must state"),
    ({"type": "strnig"}, "invalid JSON-Schema at /type"),
    ({"type": "string", "pattern": "("}, "invalid JSON-Schema"),
    ({"type": "string", "format": "emial"}, "unknown format 'emial'"),
    ({"$defs": {"x": {}}, "$ref": "#/$defs/x"}, "uses $defs, $ref"),
    ({"type": "array", "prefixItems": [{}]}, "uses prefixItems"),
    ({"type": "array", "items": [{}]}, "gives 'items' as a list"),
])
def test_failures_name_the_place(schema, fragment):
    with pytest.raises(StartupError, match="plugin demo, servers.create") as caught:
        check_schema(schema, "plugin demo, servers.create")
    assert fragment in str(caught.value)


def test_every_object_parameter_type_states_additional_properties():
    for name in dir(types):
        value = getattr(types, name)
        if isinstance(value, dict) and not name.startswith("_"):
            check_schema({"type": "object", "properties": {"v": value}, "additionalProperties": False}, name)
