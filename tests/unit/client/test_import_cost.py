"""The client's cold start: importing it and the compute client loads none of the server's stack."""

import json
import subprocess
import sys

SERVER_MODULES = ("webob", "routes", "jsonschema", "oslo_policy", "sqlalchemy", "stevedore", "apiframe.wsgi",
                  "apiframe.extensions", "apiframe.app")


def test_importing_the_client_imports_no_server_module():
    code = ("import sys, json, apiframe.client, apiframe.compute.client, apiframe.client.plugins\n"
            "apiframe.client.plugins.installed_extensions()\n"
            f"print(json.dumps([name for name in {SERVER_MODULES!r} if name in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
