#!/usr/bin/env bash
# Runs apiframe's whole test suite from a clean checkout: creates a virtualenv in .venv
# (unless VENV names another), installs the package with its test extras, checks style
# and the layering of imports (the contract in pyproject.toml), then runs the tests with
# another plugin installed, the example plugin's tests and a run with more workers than
# cores. Extra arguments go to the first pytest run.
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
"$VENV/bin/lint-imports"
# A real identity service for the keystone tests, in a virtualenv of its own; they skip without it.
bash tools/keystone-venv.sh || echo "keystone could not be installed; the keystone tests will be skipped"

# The example plugin is installed beside apiframe (into a directory of its own on
# PYTHONPATH, built from a copy of its source) while the whole suite runs: the tests must
# load the plugins they ask for, whatever else is installed. Then its own tests run the
# way its README says.
work=$(mktemp -d)
# Readable by all: Apache's mod_wsgi daemons (another user) inherit PYTHONPATH.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
cp -r examples/notes "$work/notes"
rm -rf "$work/notes/build" "$work"/notes/*.egg-info
"$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation --target "$work/site" "$work/notes"
PYTHONPATH="$work/site" "$VENV/bin/python" -m pytest -n 2 "$@"
PYTHONPATH="$work/site" "$VENV/bin/python" -m pytest -n 2 examples/notes/tests

# More workers than cores: the workers share one build of each test distribution.
"$VENV/bin/python" -m pytest -n 6 tests/functional/test_core.py
