"""Stack (d): the benchmark API on apiframe with its full stack.

The API is two plugins found through entry points (written into a temporary directory
as an installed distribution's metadata), with microversions 2.1-2.20, a policy rule per
operation, the create body validated by its schema, noauth identity, request ids and the
fault renderer: everything a deployment runs.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import stevedore

from apiframe.api_version import VersionHistory
from apiframe.app import build_app
from apiframe.conf import make_conf
from benchmarks import workload
from benchmarks.plugin_dists import write_dist_info
from benchmarks.stacks.apiframe_plugins import OPTS

PLUGINS = {"bench-servers": "benchmarks.stacks.apiframe_plugins:BenchServers",
           "bench-extra": "benchmarks.stacks.apiframe_plugins:BenchExtra"}
HISTORY = VersionHistory(workload.SERVICE_TYPE, workload.LEGACY_VERSION_HEADER,
                         {f"2.{minor}": f"benchmark version {minor}"
                          for minor in range(workload.MIN_VERSION[1], workload.MAX_VERSION[1] + 1)})


def _register_plugins() -> None:
    directory = Path(tempfile.mkdtemp(prefix="apiframe-bench-"))
    write_dist_info(directory, "apiframe-bench-stack", PLUGINS)
    sys.path.insert(0, str(directory))
    stevedore.ExtensionManager.ENTRY_POINT_CACHE.clear()


def build(extra_routes: Sequence[str] = workload.extra_routes()) -> Any:
    """Build the apiframe stack with ``extra_routes`` registered beside the measured ones."""
    conf = make_conf(extra={"bench": OPTS})
    conf.set_override("enabled_plugins", list(PLUGINS), group="api")
    conf.set_override("extra_routes", list(extra_routes), group="bench")
    return build_app(conf, history=HISTORY)


_register_plugins()
application = build()
