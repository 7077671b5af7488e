#!/usr/bin/env bash
# run-logged.sh <log file> <command> [args…]
# Runs a test with its output going both to CTest (as before) and to <log file>, so that
# the "no secret in any log line" check (scan-test-logs.py) reads what every suite wrote.
# The test replaces this shell (exec): CTest's time-outs and exit codes reach it directly.
set -eu
log=$1
shift
mkdir -p "$(dirname "$log")"
exec > >(tee "$log") 2>&1
exec "$@"
