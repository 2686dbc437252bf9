"""Stack (d): the benchmark API on apiframe with its full stack — not written yet.

To be filled in against the apiframe core, keeping the contract of every stack
(see :mod:`benchmarks.stacks`):

* ``build(extra_routes: Sequence[str]) -> WSGI callable`` assembles, with
  ``apiframe.app.build_app``, the API of :mod:`benchmarks.workload` as plugins
  loaded from entry points: a ``servers`` plugin whose controller serves
  ``workload.ServerStore`` through ``workload.show_view``/``index_view``/``create_view``,
  validates create with ``workload.CREATE_SCHEMA``, checks one policy rule per
  operation and declares versions ``workload.MIN_VERSION``-``workload.MAX_VERSION``;
  and a plugin serving ``extra_routes`` (each answering ``workload.extra_body()``).
  The full middleware stays on (request id, faults, size limit, auth, context);
  :mod:`benchmarks.plugin_dists` can write the entry points into a temporary directory.
* ``application = build()``.

Until then importing this module raises :class:`StackUnavailable`, so every run reports
the stack as "not available" instead of measuring a stand-in.
"""

from benchmarks.stacks import StackUnavailable

raise StackUnavailable("apiframe stack not written yet (benchmarks/stacks/apiframe_stack.py)")
