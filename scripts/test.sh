#!/usr/bin/env bash
# Installs what is missing, builds the dev preset (Debug + tests) and runs the whole
# CTest suite. Services the tests need (SoftHSM tokens now; pcscd, SMTP, … as they come)
# are set up and torn down by CTest fixtures inside this run, never assumed running.
# Exits with CTest's status.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-deps.sh

echo "== configure"
cmake --preset dev
echo "== build"
cmake --build --preset dev
echo "== test"
set +e
ctest --preset dev "$@"
status=$?
set -e
if [ "$status" -eq 0 ]; then
    echo "test.sh: all tests passed."
else
    echo "test.sh: tests failed (ctest exit status $status)." >&2
fi
exit "$status"
