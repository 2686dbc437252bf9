"""The decorators record schemas in the registry and return the function unchanged."""

import pytest

from apiframe import registry, validation
from apiframe.api_version import VersionRange

BODY_V1 = {"type": "object", "additionalProperties": False}
BODY_V2 = {"type": "object", "additionalProperties": True}
QUERY = {"type": "object", "additionalProperties": True}
RESPONSE = {"type": "object", "additionalProperties": True}


def test_decorators_record_ranged_schemas():
    def create(self, req, body):
        return body

    decorated = validation.schema(BODY_V1, "2.1", "2.18", extension_point="servers.create")(create)
    decorated = validation.schema(BODY_V2, "2.19", extension_point="servers.create")(decorated)
    decorated = validation.query_schema(QUERY, max_version="2.74")(decorated)
    decorated = validation.response_schema(RESPONSE)(decorated)
    assert decorated is create
    meta = registry.meta(create)
    assert meta.body_schemas == [registry.Ranged(VersionRange.of("2.1", "2.18"), BODY_V1),
                                 registry.Ranged(VersionRange.of("2.19"), BODY_V2)]
    assert meta.query_schemas == [registry.Ranged(VersionRange.of(None, "2.74"), QUERY)]
    assert meta.response_schemas == [registry.Ranged(VersionRange(), RESPONSE)]
    assert meta.extension_point == "servers.create"
    assert meta.body_schemas[0].value is BODY_V1


def test_two_extension_points_on_one_method_are_refused():
    def update(self, req, body):
        return body

    validation.schema(BODY_V1, extension_point="servers.update")(update)
    with pytest.raises(ValueError, match="already declares extension point 'servers.update'"):
        validation.schema(BODY_V2, extension_point="servers.other")(update)


def test_empty_range_is_refused_at_decoration():
    with pytest.raises(ValueError, match="empty version range"):
        validation.schema(BODY_V1, "2.5", "2.4")
