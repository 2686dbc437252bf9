#!/usr/bin/env bash
# Installs the identity service (keystone, served by gunicorn) into a virtualenv of its own,
# so that its pinned dependencies never meet apiframe's. The tests that need a real identity
# service find it there (KEYSTONE_VENV, default .keystone-venv) and skip when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

KEYSTONE_VENV=${KEYSTONE_VENV:-.keystone-venv}
PYTHON=${PYTHON:-python3}
if [ ! -x "$KEYSTONE_VENV/bin/keystone-manage" ] || [ ! -x "$KEYSTONE_VENV/bin/gunicorn" ]; then
    "$PYTHON" -m venv "$KEYSTONE_VENV"
    "$KEYSTONE_VENV/bin/python" -m pip install --quiet keystone gunicorn
fi
