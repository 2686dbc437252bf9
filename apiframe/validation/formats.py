"""The string formats that schemas may name, checked the same way by both validators.

Each check is a function from ``str`` to ``bool``. :data:`FORMATS` hands them to
fastjsonschema (which only applies formats to strings) and :data:`FORMAT_CHECKER`
wraps the same functions for jsonschema, so the fast and the reference validator can
never disagree on a format. A schema naming a format not listed here is rejected by
:func:`apiframe.validation.schemas.check_schema`, because both libraries would silently
ignore it.
"""

from __future__ import annotations

import binascii
import datetime
import ipaddress
import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from types import MappingProxyType

import jsonschema
import rfc3986
import rfc3986.exceptions
import rfc3986.validators

FormatCheck = Callable[[str], bool]

# Nova builds its name rules from the Basic Multilingual Plane only, so characters
# above U+FFFE are never "printable" there; we keep that so names round-trip.
_BMP_END = "\uffff"


def _printable_char(char: str) -> bool:
    category = unicodedata.category(char)
    return char < _BMP_END and not category.startswith("C") and (
        not category.startswith("Z") or category == "Zs")


def _all_printable(text: str) -> bool:
    # str.isprintable() runs in C and only differs from the rule for space
    # separators other than " ", so the per-character loop runs on rare input only.
    if text.isprintable():
        return not text or max(text) < _BMP_END
    return all(_printable_char(char) for char in text)


def _is_space_or_unprintable(char: str) -> bool:
    return not _printable_char(char) or unicodedata.category(char) == "Zs"


def is_printable(text: str) -> bool:
    """Only printable characters (letters, marks, numbers, punctuation, symbols, spaces)."""
    return _all_printable(text)


def is_name(text: str) -> bool:
    """Printable characters, not starting or ending with whitespace (empty is allowed;
    ``minLength`` decides that, so that only one keyword fails)."""
    if not text:
        return True
    return (_all_printable(text) and not _is_space_or_unprintable(text[0])
            and not _is_space_or_unprintable(text[-1]))


def is_name_with_leading_trailing_spaces(text: str) -> bool:
    """Printable characters with at least one that is not a space."""
    return _all_printable(text) and not all(unicodedata.category(char) == "Zs" for char in text)


def is_az_name(text: str) -> bool:
    """A :func:`is_name` without ``:`` (the separator of ``zone:host:node``)."""
    return ":" not in text and is_name(text)


def is_az_name_with_leading_trailing_spaces(text: str) -> bool:
    """A :func:`is_name_with_leading_trailing_spaces` without ``:``."""
    return ":" not in text and is_name_with_leading_trailing_spaces(text)


def is_uuid(text: str) -> bool:
    """A UUID in any spelling Python's :class:`uuid.UUID` reads: with or without
    hyphens, braces or a ``urn:uuid:`` prefix, in either case."""
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return False
    # uuid.UUID parses the remaining 32 characters with int(..., 16), which also takes
    # "0x", "_", "+" and spaces; requiring its own hex digits back refuses those.
    digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "").lower()
    return parsed.hex == digits


def is_date_time(text: str) -> bool:
    """An ISO 8601 date or date and time, as :meth:`datetime.datetime.fromisoformat` reads it."""
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_base64(text: str) -> bool:
    """Text that decodes as base64 (characters outside the alphabet are skipped, as
    the standard decoder does, but the padding must be right)."""
    try:
        binascii.a2b_base64(text.encode("utf-8"))
    except binascii.Error:
        return False
    return True


def is_ipv4(text: str) -> bool:
    """A dotted-quad IPv4 address."""
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def is_ipv6(text: str) -> bool:
    """An IPv6 address without a zone (``%eth0``) suffix."""
    try:
        address = ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return not address.scope_id


def is_cidr(text: str) -> bool:
    """An IPv4 or IPv6 network with an explicit prefix length (host bits may be set)."""
    if "/" not in text or any(char.isspace() for char in text):
        return False
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return True


def is_uri(text: str) -> bool:
    """An absolute URI with a scheme and a host (RFC 3986)."""
    validator = rfc3986.validators.Validator().require_presence_of("scheme", "host").check_validity_of(
        "scheme", "userinfo", "host", "path", "query", "fragment")
    try:
        validator.validate(rfc3986.uri_reference(text))
    except rfc3986.exceptions.RFC3986Exception:
        return False
    return True


def is_regex(text: str) -> bool:
    """A non-empty Python regular expression (query filters such as ``name`` are regexes)."""
    if not text:
        return False
    try:
        re.compile(text)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


FORMATS: Mapping[str, FormatCheck] = MappingProxyType({
    "uuid": is_uuid,
    "date-time": is_date_time,
    "base64": is_base64,
    "cidr": is_cidr,
    "ipv4": is_ipv4,
    "ipv6": is_ipv6,
    "uri": is_uri,
    "regex": is_regex,
    "printable": is_printable,
    "name": is_name,
    "name_with_leading_trailing_spaces": is_name_with_leading_trailing_spaces,
    "az_name": is_az_name,
    "az_name_with_leading_trailing_spaces": is_az_name_with_leading_trailing_spaces,
})
"""Format name to check, in the shape fastjsonschema's ``formats`` argument takes."""

FORMAT_DESCRIPTIONS: Mapping[str, str] = MappingProxyType({
    "uuid": "a UUID",
    "date-time": "an ISO 8601 date and time",
    "base64": "base64-encoded data",
    "cidr": "a network in CIDR notation (address/prefix length)",
    "ipv4": "an IPv4 address",
    "ipv6": "an IPv6 address",
    "uri": "a URI",
    "regex": "a regular expression",
})
"""What a value of each format is, as a client message says it expected one (the name
formats and ``printable`` have messages of their own)."""

_NAME_RULES = {
    "name": "printable characters. Can not start or end with whitespace.",
    "name_with_leading_trailing_spaces": "printable characters with at least one non space character",
    "az_name": "printable characters except :.Can not start or end with whitespace.",
    "az_name_with_leading_trailing_spaces":
        "printable characters except :, with at least one non space character",
}

NAME_MESSAGES: Mapping[str, str] = MappingProxyType({
    fmt: f"An invalid 'name' value was provided. The name must be: {rule}"
    for fmt, rule in _NAME_RULES.items()
})
"""The whole client message for a failed name format (Nova reports these without a path)."""

PRINTABLE_REASON = "The value must contain printable characters only."


def _strings_only(check: FormatCheck) -> Callable[[object], bool]:
    # A format constrains strings only; other types are the "type" keyword's business.
    return lambda instance: not isinstance(instance, str) or check(instance)


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    for fmt, check in FORMATS.items():
        checker.checks(fmt)(_strings_only(check))
    return checker


FORMAT_CHECKER: jsonschema.FormatChecker = _format_checker()
"""The jsonschema format checker for :data:`FORMATS`."""
