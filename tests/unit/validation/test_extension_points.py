"""Merging plugin fragments into extension points."""

import copy

import pytest

from apiframe.api_version import APIVersion, VersionRange
from apiframe.exception import StartupError
from apiframe.registry import Ranged
from apiframe.validation import BodyValidator, SchemaFragment, merge_all, merge_fragments
from apiframe.validation import parameter_types as types


def base_schema():
    return {"type": "object",
            "properties": {"server": {"type": "object",
                                      "properties": {"name": types.name},
                                      "required": ["name"], "additionalProperties": False}},
            "required": ["server"], "additionalProperties": False}


BASE_1 = base_schema()
BASE_19 = base_schema()
BASE_19["properties"]["server"]["properties"]["description"] = types.description
BASE = [Ranged(VersionRange.of("2.1", "2.18"), BASE_1), Ranged(VersionRange.of("2.19"), BASE_19)]


def fragment(plugin, props, **kwargs):
    return SchemaFragment(point="servers.create", plugin=plugin, properties=props,
                          path=kwargs.pop("path", ("server",)), **kwargs)


def server_props(merged):
    return set(merged["properties"]["server"]["properties"])


def v(text):
    return APIVersion.parse(text)


def test_two_plugins_merge_into_every_range():
    merged = merge_fragments("servers.create", BASE, [
        fragment("keypairs", {"key_name": types.name}),
        fragment("disk-config", {"OS-DCF:diskConfig": types.disk_config}, required=("OS-DCF:diskConfig",)),
    ])
    assert [r.versions for r in merged] == [r.versions for r in BASE]
    assert server_props(merged[0].value) == {"name", "key_name", "OS-DCF:diskConfig"}
    assert server_props(merged[1].value) == {"name", "description", "key_name", "OS-DCF:diskConfig"}
    assert merged[0].value["properties"]["server"]["required"] == ["name", "OS-DCF:diskConfig"]
    validator = BodyValidator(merged[0].value)
    validator.validate({"server": {"name": "a", "key_name": "k", "OS-DCF:diskConfig": "AUTO"}})


def test_base_schemas_are_never_mutated():
    before = copy.deepcopy(BASE)
    frag_props = {"key_name": {"type": "string"}}
    merged = merge_fragments("servers.create", BASE, [fragment("keypairs", frag_props)])
    assert before == BASE
    merged[0].value["properties"]["server"]["properties"]["key_name"]["maxLength"] = 3
    assert frag_props == {"key_name": {"type": "string"}}
    assert types.name == {"type": "string", "format": "name", "minLength": 1, "maxLength": 255}


def test_fragment_starting_inside_a_range_splits_it():
    merged = merge_fragments("servers.create", BASE, [
        fragment("tags", {"tags": types.tags}, min_version="2.2", max_version="2.30")])
    ranges = [(str(r.versions.min), str(r.versions.max) if r.versions.max else None) for r in merged]
    assert ranges == [("2.1", "2.1"), ("2.2", "2.18"), ("2.19", "2.30"), ("2.31", None)]
    assert merged[0].value is BASE_1
    assert "tags" in server_props(merged[1].value)
    assert "tags" in server_props(merged[2].value)
    assert merged[3].value is BASE_19
    assert v("2.5") in merged[1].versions and v("2.1") not in merged[1].versions


def test_disjoint_fragments_may_add_the_same_property():
    merged = merge_fragments("servers.create", BASE, [
        fragment("old", {"x": {"type": "string"}}, max_version="2.10"),
        fragment("new", {"x": {"type": "integer"}}, min_version="2.11")])
    assert merged[0].value["properties"]["server"]["properties"]["x"] == {"type": "string"}
    assert merged[1].value["properties"]["server"]["properties"]["x"] == {"type": "integer"}


def test_two_plugins_adding_the_same_property_is_an_error():
    with pytest.raises(StartupError, match="plugins a and b both add property 'x'"):
        merge_fragments("servers.create", BASE, [fragment("a", {"x": types.name}), fragment("b", {"x": types.name})])


def test_adding_a_property_the_base_has_is_an_error():
    with pytest.raises(StartupError, match="plugin c: property 'description'.*already exists"):
        merge_fragments("servers.create", BASE, [fragment("c", {"description": types.name}, min_version="2.19")])


def test_unknown_point_is_an_error():
    stray = SchemaFragment(point="servers.craete", plugin="typo", properties={"x": types.name})
    with pytest.raises(StartupError, match="plugin typo.*unknown extension point 'servers.craete'"):
        merge_all({"servers.create": BASE}, [stray])


def test_missing_path_is_an_error():
    with pytest.raises(StartupError, match="plugin p: fragment path 'server/metadata' does not exist"):
        merge_fragments("servers.create", BASE, [fragment("p", {"x": types.name}, path=("server", "metadata"))])


def test_merged_schema_must_pass_check_schema():
    with pytest.raises(StartupError, match="extended by plugins bad.*must state 'additionalProperties'"):
        merge_fragments("servers.create", BASE, [fragment("bad", {"x": {"type": "object"}})])


def test_requiring_a_property_the_fragment_does_not_add_is_an_error():
    with pytest.raises(StartupError, match="plugin p: fragment .*requires y"):
        merge_fragments("servers.create", BASE, [fragment("p", {"x": types.name}, required=("y",))])


def test_fragment_outside_every_base_range_is_an_error():
    base = [Ranged(VersionRange.of("2.1", "2.10"), BASE_1)]
    with pytest.raises(StartupError, match="plugin late.*no request schema"):
        merge_fragments("servers.create", base, [fragment("late", {"x": types.name}, min_version="2.11")])


def test_merge_all_returns_only_extended_points():
    result = merge_all({"servers.create": BASE, "servers.update": BASE}, [fragment("k", {"key_name": types.name})])
    assert set(result) == {"servers.create"}
