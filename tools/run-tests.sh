#!/usr/bin/env bash
# Runs apiframe's whole test suite from a clean checkout: creates a virtualenv in .venv
# (unless VENV names another), installs the package with its test extras, checks style,
# then runs the tests. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e ".[test]"

"$VENV/bin/ruff" check .
"$VENV/bin/python" -m pytest -n 2 "$@"

# The example plugin is tested the way its README says: installed beside apiframe (into
# its own directory, so the other tests keep seeing only the plugins they ask for).
example_site=$(mktemp -d)
trap 'rm -rf "$example_site"' EXIT
"$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation --target "$example_site" ./examples/notes
PYTHONPATH="$example_site" "$VENV/bin/python" -m pytest -n 2 examples/notes/tests
