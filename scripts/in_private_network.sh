#!/usr/bin/env bash
# Run a command in a network namespace of its own that has loopback only.
#
#   scripts/in_private_network.sh .venv/bin/python -m pytest -q
#
# Everything the tests start (Parley servers, nginx, PostgreSQL, Chromium, aiortc callers)
# talks over 127.0.0.1, so nothing in the run can reach, or be reached from, the machine's
# real interfaces; WebRTC's ICE sees loopback only (tests/rtc_caller.py). Needs root
# (`unshare -n`) or unprivileged user namespaces (`unshare -rn`); without either the command
# runs as is and the WebRTC tests skip, saying why.
set -euo pipefail
if [ "${PARLEY_PRIVATE_NETWORK:-}" = "1" ]; then
    exec "$@"
fi
for flags in -n -rn; do
    if unshare "$flags" true 2>/dev/null; then
        export PARLEY_PRIVATE_NETWORK=1
        exec unshare "$flags" sh -c 'ip link set lo up && exec "$@"' sh "$@"
    fi
done
echo "in_private_network: no network namespace could be made (unshare -n and -rn refused): running in the machine's network; WebRTC tests will skip" >&2
exec "$@"
