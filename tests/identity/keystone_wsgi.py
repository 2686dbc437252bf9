"""The WSGI entry point gunicorn serves keystone from.

keystone's configuration parser reads ``sys.argv``, which under gunicorn holds
gunicorn's own options; clearing it first lets keystone read only its configuration
file (named by ``OS_KEYSTONE_CONFIG_FILES`` in the environment).
"""

import sys

sys.argv = sys.argv[:1]

from keystone.server.wsgi import initialize_public_application  # noqa: E402

application = initialize_public_application()
