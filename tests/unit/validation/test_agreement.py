"""Fast and reference validators accept exactly the same instances."""

import pytest

from apiframe.validation import parameter_types as types
from tests.unit.validation.agreement import assert_agreement
from tests.unit.validation.sample_schemas import SERVER_CREATE


def test_server_create_schema():
    assert_agreement(SERVER_CREATE, max_examples=800)


@pytest.mark.parametrize("name", [
    "boolean", "positive_integer", "non_negative_integer", "volume_size", "tcp_udp_port", "name",
    "name_with_leading_trailing_spaces", "az_name", "description", "hostname", "fqdn", "uuid",
    "image_id_or_empty_string", "flavor_ref", "metadata", "metadata_with_null", "metadata_item",
    "ip_address", "cidr", "mac_address", "tag", "tags", "base64", "date_time", "links",
    "collection_links", "trusted_certs", "keypair_name_special_chars",
])
def test_parameter_type(name):
    assert_agreement({"type": "object", "properties": {"value": getattr(types, name)},
                      "additionalProperties": False}, max_examples=200)


def test_query_schema():
    assert_agreement({"type": "object", "properties": {**types.pagination_parameters, "sort_dir": types.sort_dir,
                                                       "changes-since": types.multi_params(types.date_time)},
                      "additionalProperties": False}, max_examples=400)
