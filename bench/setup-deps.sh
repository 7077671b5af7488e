#!/usr/bin/env bash
# Debian packages only the benchmarks need (nginx as the static-file reference, wrk as the
# HTTP load generator, eatmydata so that seeding tickets does not wait on fsync, Xvfb for
# the client's start-up measure, perf and valgrind for profiling), on top of
# scripts/setup-deps.sh. Kept apart so CI does not install nginx for nothing.
# Idempotent: when everything is present it only runs dpkg-query.
set -euo pipefail

wanted=(nginx-light wrk xvfb xauth x11-utils procps linux-perf valgrind eatmydata)
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "bench/setup-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
  run_as_root=(sudo)
else
  echo "bench/setup-deps: installing ${missing[*]} needs root (or sudo)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The benchmark runs its own unprivileged nginx (bench/run-all.sh); the packaged service is
# not wanted, and on a machine without systemd it is not running anyway.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  "${run_as_root[@]}" systemctl disable --now nginx || true
fi
