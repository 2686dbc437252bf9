"""Keypairs: the resource and the ``conn.compute`` calls of the keypairs plugin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apiframe.client import Body, Param, QueryParameters, Resource, since


class Keypair(Resource):
    """An SSH (or x509) public key servers can be given; addressed by its name."""

    base_path = "/os-keypairs"
    resource_key = "keypair"
    resources_key = "keypairs"
    list_item_key = "keypair"
    id_attribute = "name"
    allow_list = allow_create = allow_fetch = allow_delete = True
    query = QueryParameters(user_id=Param("user_id", min_microversion="2.10"),
                            limit=Param("limit", min_microversion="2.35"),
                            marker=Param("marker", min_microversion="2.35"))

    name = Body("name", str, create=True)
    public_key = Body("public_key", str, create=True)
    fingerprint = Body("fingerprint", str)
    type = Body("type", str, min_microversion="2.2", create=True)
    user_id = Body("user_id", str, create=since("2.10"))
    #: Only when the server generated the key (before 2.92).
    private_key = Body("private_key", str, max_microversion="2.91")
    id = Body("id", int)
    created_at = Body("created_at", str)
    updated_at = Body("updated_at", str)
    is_deleted = Body("deleted", bool)
    deleted_at = Body("deleted_at", str)


class KeypairMethods:
    """``conn.compute`` calls on keypairs."""

    extends = "compute"
    resources = (Keypair,)

    def keypairs(self, **query: Any) -> Iterator[Keypair]:
        """The caller's keypairs (``user_id=`` another user's, for admins, 2.10+)."""
        return self._list(Keypair, **query)

    def get_keypair(self, keypair: Keypair | str, *, user_id: str | None = None) -> Keypair:
        """One keypair, by name."""
        return self._get(Keypair, keypair, params=Keypair.query.encode({"user_id": user_id}, self._version,
                                                                          "get_keypair"))

    def find_keypair(self, name: str, *, ignore_missing: bool = True) -> Keypair | None:
        """The keypair with this name (``None`` if none)."""
        return self._find(Keypair, name, ignore_missing=ignore_missing)

    def create_keypair(self, **attrs: Any) -> Keypair:
        """Import a public key (``name``, ``public_key``), or have one generated (before 2.92)."""
        return self._create(Keypair, **attrs)

    def delete_keypair(self, keypair: Keypair | str, *, ignore_missing: bool = True,
                       user_id: str | None = None) -> None:
        """Delete a keypair (``user_id=``: another user's, for admins, 2.10+)."""
        self._delete(Keypair, keypair, ignore_missing=ignore_missing,
                     params=Keypair.query.encode({"user_id": user_id}, self._version, "delete_keypair"))
