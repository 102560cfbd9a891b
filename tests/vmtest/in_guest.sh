#!/usr/bin/env bash
# Runs inside the vmtest guest (see tests/vmtest/run).
set -uo pipefail
cd "$(dirname "$0")/../.."
echo "vmtest guest: $(uname -r), headers: $(ls -d /lib/modules/$(uname -r)/build 2>/dev/null || echo none)"
export PYTHONUNBUFFERED=1
# The guest's CPU is emulated: cold compiles and Python starts take 20-35x longer.
export TRACEKIT_TEST_TIMEOUT_SCALE=${TRACEKIT_TEST_TIMEOUT_SCALE:-15}
# The guest's own writes outside the checkout vanish at power-off: keep its object cache in
# build/ (shared with the host) so a second run skips the cold compiles.
export TRACEKIT_CACHE_DIR=${TRACEKIT_CACHE_DIR:-$PWD/build/vmtest-cache}
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/kernel tests/vmtest "$@"
