"""``apiframe-api serve`` processes as the hosts of one deployment on one database.

Each host has a directory, configuration and policy file of its own, as separate
machines would, and listens on the loopback address it is given.
"""

from __future__ import annotations

import os
from pathlib import Path

from service_process import Service

PLUGINS = ("flavors", "servers", "keypairs", "server-metadata", "limits")
#: Seconds after which each host re-reads a changed policy file.
POLICY_RELOAD_INTERVAL = 1.0


def start_host(workdir: Path, database_url: str, address: str = "127.0.0.1", workers: int = 2) -> Service:
    """Start a host serving the compute API from ``workers`` processes on ``address``, a free port;
    call ``wait_ready()`` on the result."""
    policy_path(workdir).write_text("{}\n")
    conf = workdir / "apiframe.conf"
    conf.write_text(
        f"[api]\nenabled_plugins = {','.join(PLUGINS)}\nresponse_validation = error\n"
        f"policy_file = {policy_path(workdir)}\npolicy_reload_interval = {POLICY_RELOAD_INTERVAL}\n"
        f"[database]\nconnection = {database_url}\ndata_dir = {workdir / 'data'}\n"
        "[compute]\nboot_delay = 0\naction_delay = 0\n"
        "[quota]\ninstances = -1\ncores = -1\nram = -1\nkey_pairs = -1\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("APIFRAME_")}
    return Service(["serve", "--config-file", str(conf), "--host", address, "--port", "0",
                    "--workers", str(workers)], env, workdir)


def policy_path(workdir: Path) -> Path:
    """The policy file of the host whose directory is ``workdir``."""
    return workdir / "policy.yaml"
