"""Microversion parsing, negotiation and range checks."""

import pytest

from apiframe import exception
from apiframe.api_version import (
    APIVersion,
    UnsupportedVersion,
    VersionHistory,
    VersionRange,
    check_ranges,
    requested_version_text,
)

HISTORY = VersionHistory("compute", "X-OpenStack-Nova-API-Version",
                         {f"2.{n}": f"v{n}" for n in range(1, 11)})


def env(**headers):
    return {"HTTP_" + k.upper(): v for k, v in headers.items()}


@pytest.mark.parametrize("text", ["2.01", "02.1", "2", "2.1.0", "LATEST", "v2.1", "", " ", "2.", ".1",
                                  "-2.1", "2.-1", "0.1", "latest2"])
def test_malformed_versions_are_rejected(text):
    with pytest.raises(exception.InvalidAPIVersionString) as info:
        APIVersion.parse(text)
    assert info.value.code == 400
    assert f"API Version String {text} is of invalid format" in info.value.message


@pytest.mark.parametrize(("text", "expected"), [("2.1", (2, 1)), ("2.10", (2, 10)), ("2.0", (2, 0)),
                                                ("10.100", (10, 100))])
def test_wellformed_versions_parse(text, expected):
    assert APIVersion.parse(text) == expected
    assert str(APIVersion.parse(text)) == text


def test_versions_order_numerically():
    assert APIVersion.parse("2.10") > APIVersion.parse("2.9")


@pytest.mark.parametrize(("headers", "expected"), [
    ({}, "2.1"),
    ({"OPENSTACK_API_VERSION": "compute 2.5"}, "2.5"),
    ({"OPENSTACK_API_VERSION": "COMPUTE 2.5"}, "2.5"),
    ({"OPENSTACK_API_VERSION": "compute latest"}, "2.10"),
    ({"OPENSTACK_API_VERSION": "compute 2.3, compute 2.4"}, "2.4"),
    ({"OPENSTACK_API_VERSION": "placement 1.9, compute 2.6, identity 3.0"}, "2.6"),
    ({"OPENSTACK_API_VERSION": "compute"}, "2.1"),
    ({"OPENSTACK_API_VERSION": "placement 1.9"}, "2.1"),
    ({"X_OPENSTACK_NOVA_API_VERSION": "2.7"}, "2.7"),
    ({"X_OPENSTACK_NOVA_API_VERSION": "2.2, 2.8"}, "2.8"),
    ({"OPENSTACK_API_VERSION": "placement 1.9", "X_OPENSTACK_NOVA_API_VERSION": "2.7"}, "2.7"),
    ({"OPENSTACK_API_VERSION": "compute 2.3", "X_OPENSTACK_NOVA_API_VERSION": "2.7"}, "2.3"),
    ({"OPENSTACK_API_VERSION": "compute", "X_OPENSTACK_NOVA_API_VERSION": "2.7"}, "2.7"),
])
def test_requested_version(headers, expected):
    assert str(HISTORY.requested(env(**headers))) == expected


@pytest.mark.parametrize("value", ["compute 2.01", "compute 2", "compute LATEST", "compute v2.1"])
def test_requested_malformed_is_400(value):
    with pytest.raises(exception.InvalidAPIVersionString):
        HISTORY.requested(env(OPENSTACK_API_VERSION=value))


@pytest.mark.parametrize(("value", "shown"), [("compute 2.0", "2.0"), ("compute 2.11", "2.11"),
                                              ("compute 3.7", "3.7")])
def test_out_of_range_is_406_with_nova_message(value, shown):
    with pytest.raises(UnsupportedVersion) as info:
        HISTORY.requested(env(OPENSTACK_API_VERSION=value))
    assert info.value.code == 406
    assert info.value.message == (f"Version {shown} is not supported by the API. "
                                  "Minimum is 2.1 and maximum is 2.10.")
    assert str(info.value.version) == shown


LONG = "9" * 5000
"""More digits than int() converts from text (4,300)."""


@pytest.mark.parametrize("header", ["OPENSTACK_API_VERSION", "X_OPENSTACK_NOVA_API_VERSION"])
@pytest.mark.parametrize("text", ["2." + LONG, LONG + ".1", "2." + "9" * 4000, "2.1" + "0" * 20])
def test_versions_of_any_length_are_406_without_an_echo(header, text):
    value = f"compute {text}" if header == "OPENSTACK_API_VERSION" else text
    with pytest.raises(UnsupportedVersion) as info:
        HISTORY.requested(env(**{header: value}))
    assert info.value.code == 406
    shown = text if len(text) <= 32 else text[:32] + "..."
    assert info.value.message == (f"Version {shown} is not supported by the API. "
                                  "Minimum is 2.1 and maximum is 2.10.")
    assert info.value.version is None


def test_long_version_numbers_read_beyond_every_range():
    assert APIVersion.parse("2." + LONG) > APIVersion.parse("2.999999999")
    assert APIVersion.parse(LONG + ".0") > APIVersion.parse("999999999.999999999")


def test_history_rejects_versions_it_cannot_represent():
    with pytest.raises(ValueError, match="below"):
        VersionHistory("compute", None, {"2.1": "", "2.10000000000": ""})


def test_raw_text_ignores_other_services():
    assert requested_version_text(env(OPENSTACK_API_VERSION="identity 3.1"), "compute", None) is None


def test_range_membership():
    r = VersionRange.of("2.2", "2.5")
    assert APIVersion(2, 2) in r and APIVersion(2, 5) in r
    assert APIVersion(2, 1) not in r and APIVersion(2, 6) not in r
    assert APIVersion(2, 99) in VersionRange.of("2.3")


def test_empty_range_is_refused():
    with pytest.raises(ValueError):
        VersionRange.of("2.5", "2.4")


LOW, HIGH = APIVersion(2, 1), APIVersion(2, 10)


def test_ranges_covering_exactly_pass():
    check_ranges([VersionRange.of(None, "2.1"), VersionRange.of("2.2", "2.5"), VersionRange.of("2.6")],
                 VersionRange(), "m", LOW, HIGH)


def test_overlapping_ranges_fail():
    with pytest.raises(exception.StartupError, match="overlap"):
        check_ranges([VersionRange.of(None, "2.3"), VersionRange.of("2.3")], VersionRange(), "m", LOW, HIGH)


def test_gap_in_ranges_fails():
    with pytest.raises(exception.StartupError, match="2.4 to 2.5"):
        check_ranges([VersionRange.of(None, "2.3"), VersionRange.of("2.6")], VersionRange(), "m", LOW, HIGH)


def test_uncovered_tail_fails():
    with pytest.raises(exception.StartupError, match="from 2.6"):
        check_ranges([VersionRange.of(None, "2.5")], VersionRange(), "m", LOW, HIGH)


def test_ranges_are_checked_within_the_method_range():
    check_ranges([VersionRange.of("2.5")], VersionRange.of("2.5"), "m", LOW, HIGH)


def test_history_rejects_unsorted_versions():
    with pytest.raises(ValueError):
        VersionHistory("compute", None, {"2.2": "", "2.1": ""})
