"""``python -m apiframe.openapi``: print the version history of the installed API.

It builds the API from the installed plugins with default options, exactly as the
server would, and writes the Markdown of ``docs/api-versions.md`` to stdout.
"""

import sys

from apiframe.app import build_api
from apiframe.conf import make_conf
from apiframe.openapi.history import render_version_history

sys.stdout.write(render_version_history(build_api(make_conf())))
