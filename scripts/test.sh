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

# The common, server and client suites again (not the three that load OpenSC: see
# docs/security.md, Sanitizers), built with AddressSanitizer (+ LeakSanitizer) and
# UndefinedBehaviorSanitizer (build/asan): any report fails its test. Then each libFuzzer
# target for a few seconds on its seeds (scripts/fuzz.sh, build/fuzz). DCC_TEST_SANITIZERS=0
# skips both (a quick local run).
if [ "${DCC_TEST_SANITIZERS:-1}" != 0 ]; then
    echo "== sanitizers: configure and build (build/asan)"
    cmake --preset asan
    cmake --build --preset asan
    echo "== sanitizers: common, server and client suites under ASan + UBSan"
    set +e
    ctest --preset asan
    asan_status=$?
    echo "== fuzz: each target for ${DCC_FUZZ_SECONDS:-12} s"
    scripts/fuzz.sh all "${DCC_FUZZ_SECONDS:-12}"
    fuzz_status=$?
    set -e
    [ "$asan_status" -eq 0 ] || { echo "test.sh: sanitizer suites failed." >&2; status=1; }
    [ "$fuzz_status" -eq 0 ] || { echo "test.sh: fuzzing found a problem." >&2; status=1; }
fi
if [ "$status" -eq 0 ]; then
    echo "test.sh: all tests passed."
else
    echo "test.sh: tests failed (ctest exit status $status)." >&2
fi
exit "$status"
