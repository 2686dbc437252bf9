"""Every schema of the compute API is fit for both validators and states its object rules."""

from __future__ import annotations

import importlib

import jsonschema
import pytest

from apiframe.validation.schemas import check_schema, iter_subschemas
from apiframe.validation.validators import compile_fast

MODULES = [
    "servers", "server_metadata", "server_tags", "flavors", "flavor_access",
    "flavor_extra_specs", "keypairs", "limits",
]


def public_schemas():
    for module_name in MODULES:
        module = importlib.import_module(f"apiframe.schemas.{module_name}")
        for name, value in vars(module).items():
            if not name.startswith("_") and isinstance(value, dict):
                yield pytest.param(value, id=f"{module_name}.{name}")


ALL = list(public_schemas())


def test_every_module_has_schemas():
    modules = {param.id.split(".")[0] for param in ALL}
    assert modules == set(MODULES)
    assert len(ALL) > 150


@pytest.mark.parametrize("schema", ALL)
def test_schema_is_valid_in_both_dialects(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)
    check_schema(schema, "compute schemas")
    compile_fast(schema)


@pytest.mark.parametrize("schema", ALL)
def test_object_schemas_state_additional_properties(schema):
    for pointer, sub in iter_subschemas(schema):
        if sub.get("type") == "object" or "properties" in sub or "patternProperties" in sub:
            assert "additionalProperties" in sub, pointer
