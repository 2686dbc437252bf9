"""Microversions: the version value type, ranges, and request-header parsing.

Parsing follows the OpenStack microversion rules exactly:

* ``OpenStack-API-Version: <service> <version>[, <service> <version>]*``; the last entry
  for our service type wins and an entry without a version is ignored;
* the legacy header (``X-OpenStack-Nova-API-Version`` for compute) counts only when the
  standard header has no entry for our service;
* a version is ``latest`` or ``^([1-9]\\d*)\\.([1-9]\\d*|0)$``; anything else is a 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from apiframe import exception
from apiframe.integers import clamped_int

STANDARD_HEADER = "OpenStack-API-Version"
LATEST = "latest"

_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")
_LARGEST_NUMBER = 10**9
"""Version numbers saturate here: a larger one lies beyond every API's range."""
_SHOWN_CHARACTERS = 32


class APIVersion(NamedTuple):
    """A microversion, ordered the way versions compare (``2.10 > 2.9``)."""

    major: int
    minor: int

    @classmethod
    def parse(cls, text: str) -> APIVersion:
        """Parse ``"X.Y"``; raise :class:`~apiframe.exception.InvalidAPIVersionString`.

        A number of any length parses; one above 10**9 reads as 10**9, which is beyond
        every API's range (``str()`` of the result then differs from ``text``).
        """
        match = _VERSION_RE.match(text)
        if match is None:
            raise exception.InvalidAPIVersionString(text)
        return cls(clamped_int(match.group(1), 0, _LARGEST_NUMBER), clamped_int(match.group(2), 0, _LARGEST_NUMBER))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


def as_version(value: str | APIVersion | None) -> APIVersion | None:
    """Accept a version given as text or as :class:`APIVersion` (``None`` passes through)."""
    if value is None or isinstance(value, APIVersion):
        return value
    return APIVersion.parse(value)


@dataclass(frozen=True)
class VersionRange:
    """An inclusive range of microversions; ``None`` on either side means unbounded."""

    min: APIVersion | None = None
    max: APIVersion | None = None

    @classmethod
    def of(cls, min_version: str | APIVersion | None = None,
           max_version: str | APIVersion | None = None) -> VersionRange:
        """Build a range from version strings, rejecting an empty range."""
        low, high = as_version(min_version), as_version(max_version)
        if low is not None and high is not None and low > high:
            raise ValueError(f"empty version range {low}-{high}")
        return cls(low, high)

    def __contains__(self, version: APIVersion) -> bool:
        return (self.min is None or version >= self.min) and (self.max is None or version <= self.max)

    def overlaps(self, other: VersionRange) -> bool:
        """True when some version lies in both ranges."""
        low = max(self.min or _FLOOR, other.min or _FLOOR)
        high = min(self.max or _CEILING, other.max or _CEILING)
        return low <= high

    def __str__(self) -> str:
        return f"{self.min or '*'}-{self.max or '*'}"


_FLOOR = APIVersion(0, 0)
_CEILING = APIVersion(_LARGEST_NUMBER, _LARGEST_NUMBER)
ALL_VERSIONS = VersionRange()


def check_ranges(ranges: list[VersionRange], within: VersionRange, what: str,
                 api_min: APIVersion, api_max: APIVersion) -> None:
    """Check that ``ranges`` cover ``within`` (clipped to the API's range) without overlap.

    ``what`` names the decorated method and decorator kind in the error, so the plugin
    author knows what to fix. Raises :class:`~apiframe.exception.StartupError`.
    """
    low = max(within.min or api_min, api_min)
    high = min(within.max or api_max, api_max)
    clipped = []
    for r in ranges:
        r_low, r_high = max(r.min or api_min, low), min(r.max or api_max, high)
        if r_low <= r_high:
            clipped.append((r_low, r_high, r))
    clipped.sort()
    for (_, a_high, a), (b_low, _, b) in pairwise(clipped):
        if b_low <= a_high:
            raise exception.StartupError(f"{what}: version ranges {a} and {b} overlap")
    expected = low
    for r_low, r_high, _ in clipped:
        if r_low > expected:
            raise exception.StartupError(f"{what}: no entry covers versions {expected} to {_prev(r_low)}")
        expected = _next(r_high)
    if clipped and expected <= high:
        raise exception.StartupError(f"{what}: no entry covers versions from {expected}")


def _next(version: APIVersion) -> APIVersion:
    return APIVersion(version.major, version.minor + 1)


def _prev(version: APIVersion) -> APIVersion:
    return APIVersion(version.major, version.minor - 1)


@dataclass(frozen=True)
class VersionHistory:
    """The microversions an API serves, each with a one-line description.

    Declared once per API (``apiframe.compute.api_versions``); the first entry is the
    minimum, the last the maximum.
    """

    service_type: str
    legacy_header: str | None
    descriptions: Mapping[str, str]
    updated: str = "2013-07-23T11:33:21Z"
    min: APIVersion = field(init=False)
    max: APIVersion = field(init=False)
    _legacy_key: str = field(init=False, repr=False)
    _accepted: dict[tuple[str | None, str | None], APIVersion] = field(
        init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        versions = [APIVersion.parse(v) for v in self.descriptions]
        if not versions:
            raise ValueError("a version history needs at least one version")
        if [str(v) for v in versions] != list(self.descriptions):
            raise ValueError(f"version numbers must be below {_LARGEST_NUMBER}")
        if versions != sorted(versions):
            raise ValueError("versions must be listed in ascending order")
        object.__setattr__(self, "min", versions[0])
        object.__setattr__(self, "max", versions[-1])
        object.__setattr__(self, "_legacy_key", _environ_key(self.legacy_header or "-"))

    def requested(self, environ: Mapping[str, str]) -> APIVersion:
        """The version a request asks for, validated against this API's range.

        Raises 400 for a malformed value and 406 (naming the rejected version, which the
        caller echoes in the response headers) for one out of range. Clients send the
        same few header values again and again, so accepted ones are remembered.
        """
        key = (environ.get(_STANDARD_KEY), environ.get(self._legacy_key))
        version = self._accepted.get(key)
        if version is None:
            version = self._negotiate(environ)
            if len(self._accepted) >= _MAX_REMEMBERED:
                self._accepted.clear()
            self._accepted[key] = version
        return version

    def _negotiate(self, environ: Mapping[str, str]) -> APIVersion:
        text = requested_version_text(environ, self.service_type, self.legacy_header)
        if text is None:
            return self.min
        if text == LATEST:
            return self.max
        version = APIVersion.parse(text)
        if not self.min <= version <= self.max:
            raise UnsupportedVersion(text, self.min, self.max)
        return version


class UnsupportedVersion(exception.NotAcceptable):
    """A well-formed version outside the API's range (406).

    ``version`` is the rejected version, which the response headers report, or ``None``
    when its numbers are too long to report (see :meth:`APIVersion.parse`): a response
    header that long could make a proxy refuse the whole response.
    """

    def __init__(self, requested: str | APIVersion, low: APIVersion, high: APIVersion) -> None:
        text = str(requested)
        shown = text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "..."
        super().__init__(
            f"Version {shown} is not supported by the API. Minimum is {low} and maximum is {high}."
        )
        version = APIVersion.parse(text)
        self.version: APIVersion | None = version if str(version) == text else None


def _environ_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


_STANDARD_KEY = _environ_key(STANDARD_HEADER)
_MAX_REMEMBERED = 512


def requested_version_text(environ: Mapping[str, str], service_type: str,
                           legacy_header: str | None) -> str | None:
    """Return the raw version text a request asks for, or ``None`` when it asks for none.

    WSGI servers fold repeated headers with ``,`` and name them case-insensitively, so
    reading ``environ`` directly gives the header semantics the rules describe.
    """
    standard = environ.get(_STANDARD_KEY)
    if standard:
        for entry in reversed(standard.split(",")):
            parts = entry.strip().split(None, 1)
            if len(parts) == 2 and parts[0].lower() == service_type:
                return parts[1].strip()
    if legacy_header:
        legacy = environ.get(_environ_key(legacy_header))
        if legacy:
            return legacy.split(",")[-1].strip()
    return None
