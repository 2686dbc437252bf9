"""Finding the server a request is about, and the checks every server operation repeats.

Non-admins see only their project's servers: another project's server is "not found",
never "forbidden", so its existence is not revealed. A locked server refuses changes to
callers other than administrators (Nova's rule: the owner may change a server they
locked themselves only after unlocking it).
"""

from __future__ import annotations

from typing import Any

from apiframe import exception
from apiframe.compute import driver
from apiframe.compute.db import api as db
from apiframe.compute.views.servers import ServerEntry
from apiframe.wsgi import Request


def get_server(req: Request, session: Any, server_id: str, *, lock: bool = False) -> Any:
    """The live server ``server_id`` visible to the caller, settled at the current time."""
    project_id = None if req.context.is_admin else req.context.project_id
    return db.server_get(session, server_id, db.utcnow(), project_id=project_id, lock=lock)


def check_unlocked(req: Request, server: Any) -> None:
    """Refuse (409) a change to a locked server unless the caller is an administrator."""
    if server.locked and not req.context.is_admin:
        raise exception.Conflict(f"Instance {server.id} is locked")


def entry(server: Any) -> ServerEntry:
    """What the server views show for ``server``."""
    return ServerEntry(record=server, status=driver.server_status(server),
                       metadata=server.metadata_dict, tags=server.tag_names,
                       pinned_availability_zone=server.pinned_availability_zone,
                       scheduler_hints=server.scheduler_hints)
