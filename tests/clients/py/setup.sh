#!/usr/bin/env bash
# The Pipecat client's own virtualenv (tests/clients/py/.venv), for tests/test_third_party_pipecat.py.
# Idempotent: installs again only when requirements.txt changes. Needs a package registry, so
# it runs from scripts/setup.sh, not from the tests (they run with loopback only).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || { echo "clients/py: creating .venv"; "$PY" -m venv .venv; }
stamp=.venv/.installed-$(sha256sum requirements.txt | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "clients/py: installing pipecat-ai and its pins"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r requirements.txt
  rm -f .venv/.installed-*
  touch "$stamp"
fi
