"""``http_basic``: users and bcrypt password hashes in an htpasswd file.

Each line is ``user:hash`` as ``htpasswd -B`` writes it, optionally extended with
``:project:role1,role2``. Without the extension the user's project has the user's
name, and the roles are ``admin,member,reader`` for ``admin`` and ``member,reader``
for everyone else. Blank lines and lines starting with ``#`` are ignored. The file is
read once, when the application is built.

Checking a bcrypt hash takes a deliberate fraction of a second, so a successful check is
remembered, keyed by a keyed hash of the ``Authorization`` header (never the password
itself); failed attempts are always checked in full.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

import bcrypt

from apiframe import exception
from apiframe.context import Identity
from apiframe.middleware.auth.base import AuthMiddleware, WSGIApp, default_roles

REALM = "apiframe"
BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")
MAX_REMEMBERED = 1024


@dataclass(frozen=True)
class Account:
    """One line of the htpasswd file."""

    password_hash: bytes
    identity: Identity


class HttpBasicAuth(AuthMiddleware):
    """Identity from ``Authorization: Basic``, checked against an htpasswd file."""

    challenge = (("WWW-Authenticate", f'Basic realm="{REALM}"'),)

    def __init__(self, app: WSGIApp, htpasswd_file: str) -> None:
        super().__init__(app)
        self._accounts = load_htpasswd(htpasswd_file)
        # Unknown users cost a bcrypt check too, so timing does not tell which users exist.
        self._decoy_hash = next(iter(self._accounts.values())).password_hash
        self._remember_key = secrets.token_bytes(32)
        self._remembered: dict[bytes, Identity] = {}

    def authenticate(self, environ: dict[str, Any]) -> Identity | None:
        """The identity of a correct user and password, ``None`` without ``Authorization``."""
        header = environ.get("HTTP_AUTHORIZATION")
        if header is None:
            return None
        key = hmac.digest(self._remember_key, header.encode("utf-8", "surrogateescape"), hashlib.sha256)
        identity = self._remembered.get(key)
        if identity is not None:
            return identity
        user, password = self._credentials(header)
        account = self._accounts.get(user)
        valid = bcrypt.checkpw(password, account.password_hash if account else self._decoy_hash)
        if account is None or not valid:
            raise self._rejection("The user name or password is incorrect.")
        if len(self._remembered) >= MAX_REMEMBERED:
            self._remembered.clear()
        self._remembered[key] = account.identity
        return account.identity

    def _credentials(self, header: str) -> tuple[str, bytes]:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            raise self._rejection("Send credentials as Authorization: Basic.")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise self._rejection("The Authorization header is not valid base64.") from None
        user, colon, password = decoded.partition(b":")
        if not colon:
            raise self._rejection("The Authorization header must encode user:password.")
        return user.decode("utf-8", "replace"), password

    def _rejection(self, message: str) -> exception.Unauthorized:
        return exception.Unauthorized(message, headers=self.challenge)


def load_htpasswd(path: str) -> dict[str, Account]:
    """Read the accounts of an htpasswd file; raises StartupError naming the bad line."""
    try:
        with open(path, encoding="utf-8") as htpasswd:
            lines = htpasswd.read().splitlines()
    except OSError as exc:
        raise exception.StartupError(f"http_basic: cannot read htpasswd file {path}: {exc.strerror}") from exc
    accounts: dict[str, Account] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, account = _parse_line(line, f"{path}:{number}")
        if user in accounts:
            raise exception.StartupError(f"http_basic: {path}:{number}: user {user!r} is listed twice")
        accounts[user] = account
    if not accounts:
        raise exception.StartupError(f"http_basic: htpasswd file {path} has no users; add one with "
                                     f"htpasswd -B {path} <user>")
    return accounts


def _parse_line(line: str, where: str) -> tuple[str, Account]:
    fields = line.split(":")
    if len(fields) not in (2, 4) or not fields[0]:
        raise exception.StartupError(f"http_basic: {where}: expected user:bcrypt-hash[:project:role1,role2]")
    user, password_hash = fields[0], fields[1]
    if not password_hash.startswith(BCRYPT_PREFIXES):
        raise exception.StartupError(f"http_basic: {where}: user {user!r} has no bcrypt hash; only bcrypt "
                                     f"is accepted (htpasswd -B)")
    project = fields[2] if len(fields) == 4 and fields[2] else user
    role_list = fields[3] if len(fields) == 4 else ""
    roles = tuple(role.strip() for role in role_list.split(",") if role.strip()) or default_roles(user)
    identity = Identity(user_id=user, project_id=project, roles=roles, user_name=user, project_name=project)
    return user, Account(password_hash.encode("ascii"), identity)
