"""Each parameter type accepts what Nova accepts and refuses what Nova refuses."""

import pytest

from apiframe import exception
from apiframe.validation import BodyValidator
from apiframe.validation import parameter_types as types

UUID = "70a599e0-31e7-49b7-b260-868f441e862b"

CASES = {
    "boolean": ([True, False, "true", "True", "TRUE", "1", "0", "on", "Off", "YES", "no"],
                ["t", "y", "2", "", 1, None, "maybe"]),
    "positive_integer": ([1, "1", "10", 2**40], [0, "0", -1, "-1", "", "1.5", 1.5, "a", True]),
    "non_negative_integer": ([0, "0", 7, "7"], [-1, "-1", "", "x", None]),
    "volume_size": ([1, "1", 0x7FFFFFFF], [0, "0", 0x80000000, str(0x80000000), ""]),
    "tcp_udp_port": ([0, "22", 65535], [65536, "65536", -1, ""]),
    "name": (["a", "My Server", "é名", "a" * 255, "a\u00a0b"],
             ["", " a", "a ", "a\n", "a\x00b", "\t", "a" * 256, "\U0001f600", 1, None]),
    "name_with_leading_trailing_spaces": ([" a ", "a", "  x"], ["", "   ", "a\x00", "\u3000"]),
    "az_name": (["nova", "zone-1"], ["zone:host", " nova", ""]),
    "description": ([None, "", "free text, with punctuation!", "a" * 255], ["a\x00", "bell\x07", "a" * 256, 1]),
    "hostname": (["ab", "web-01", "a" * 63], ["a", "-ab", "ab-", "a_b", "a" * 64, "a.b"]),
    "fqdn": (["host.example.com", "h_1"], ["", "a b", "a" * 256]),
    "uuid": ([UUID, UUID.upper(), UUID.replace("-", ""), "{" + UUID + "}", "urn:uuid:" + UUID],
             ["", "abc", UUID + "0", "0x" + UUID.replace("-", "")[2:], 1]),
    "image_id_or_empty_string": ([UUID, ""], ["x", None, " "]),
    "flavor_ref": (["1", 1, "m1.tiny", UUID], ["", None, [], 1.5]),
    "metadata": ([{}, {"key": "value", "a.b:c-d_e f": ""}],
                 [{"key": 1}, {"key": None}, {"": "v"}, {"bad/key": "v"}, {"k": "v" * 256}, []]),
    "metadata_with_null": ([{"key": None}, {"key": "v"}], [{"key": 1}, {"k/": None}]),
    "metadata_item": ([{"k": "v"}], [{}, {"a": "1", "b": "2"}]),
    "accessIPv4": (["1.2.3.4"], ["1.2.3.256", "::1", "", "1.2.3"]),
    "accessIPv6": (["::1", "80fe::"], ["1.2.3.4", "fe80::1%eth0", "::g"]),
    "ip_address": (["1.2.3.4", "::1"], ["host", ""]),
    "cidr": (["10.0.0.0/8", "10.0.0.1/24", "fd00::/64"], ["10.0.0.0", "10.0.0.0/33", " 10.0.0.0/8", "x/8"]),
    "mac_address": (["fa:16:3e:00:00:01"], ["fa:16:3e:00:00", "fa-16-3e-00-00-01"]),
    "admin_password": (["", "anything at all \x01"], [None, 1]),
    "disk_config": (["AUTO", "MANUAL"], ["auto", "", None]),
    "base64": (["YWJj", "", "YW Jj"], ["YWJ", "Y"]),
    "user_data": (["IyEvYmluL2Jhc2gK"], ["a", "QUJD" * 16384]),
    "tag": (["tag1", "a" * 60], ["", "a,b", "a/b", "a" * 61]),
    "tags": ([[], ["a", "b"]], [["a,b"], ["t"] * 51, "a"]),
    "date_time": (["2020-01-02T03:04:05Z", "2020-01-02T03:04:05+01:00", "2020-01-02"],
                  ["2020-13-01T00:00:00Z", "yesterday", ""]),
    "trusted_certs": ([None, ["a"], ["a", "b"]], [[], ["a", "a"], [""], ["c"] * 51]),
    "keypair_name_special_chars": (["key-1 _x"], ["key@1", "key.1", " key"]),
    "keypair_name_special_chars_v292": (["key@1.x"], ["key/1"]),
    "links": ([[{"rel": "self", "href": "http://h/v2.1/servers/1"}]],
              [[{"rel": "next", "href": "http://h/"}], [{"rel": "self", "href": "not a uri"}], [{"rel": "self"}]]),
    "collection_links": ([[{"rel": "next", "href": "http://h/x?marker=1"}]], [[], [{"rel": "self", "href": "http://h/"}]]),
    "personality": ([[{"path": "/etc/motd", "contents": "YWJj"}]], [[{"path": "/x", "contents": "YWJ"}], [{"x": 1}]]),
}


def _validator(type_name):
    return BodyValidator({"type": "object", "properties": {"value": getattr(types, type_name)},
                          "additionalProperties": False})


@pytest.mark.parametrize(("type_name", "value"),
                         [(name, value) for name, (good, _) in CASES.items() for value in good])
def test_accepts(type_name, value):
    _validator(type_name).validate({"value": value})


@pytest.mark.parametrize(("type_name", "value"),
                         [(name, value) for name, (_, bad) in CASES.items() for value in bad])
def test_rejects(type_name, value):
    with pytest.raises(exception.ValidationError):
        _validator(type_name).validate({"value": value})


QUERY = {"type": "object",
         "properties": {"limit": types.limit, "marker": types.marker, "sort_dir": types.sort_dir,
                        "one": types.single_param({"type": "string"})},
         "additionalProperties": False}


@pytest.mark.parametrize("params", [{"limit": ["0"]}, {"limit": ["10", "20"]}, {"marker": ["abc"]},
                                    {"sort_dir": ["asc", "desc"]}, {"one": ["x"]}])
def test_query_fragments_accept(params):
    BodyValidator(QUERY).validate(params)


@pytest.mark.parametrize("params", [{"limit": ["-1"]}, {"limit": ["a"]}, {"limit": [""]},
                                    {"sort_dir": ["up"]}, {"one": ["x", "y"]}, {"limit": "1"}])
def test_query_fragments_reject(params):
    with pytest.raises(exception.ValidationError):
        BodyValidator(QUERY).validate(params)


def test_multi_params_does_not_share_or_alter_its_argument():
    item = {"type": "string"}
    wrapped = types.multi_params(item)
    assert wrapped == {"type": "array", "items": {"type": "string"}}
    assert types.single_param(item)["maxItems"] == 1
    assert item == {"type": "string"}
