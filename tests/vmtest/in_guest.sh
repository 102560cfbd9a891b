#!/usr/bin/env bash
# Runs inside the vmtest guest (see tests/vmtest/run).
set -uo pipefail
cd "$(dirname "$0")/../.."
echo "vmtest guest: $(uname -r), headers: $(ls -d /lib/modules/$(uname -r)/build 2>/dev/null || echo none)"
export PYTHONUNBUFFERED=1
# The guest's CPU is emulated: cold compiles and Python starts take 20-35x longer.
export TRACEKIT_TEST_TIMEOUT_SCALE=${TRACEKIT_TEST_TIMEOUT_SCALE:-15}
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/kernel tests/vmtest "$@"
