#!/usr/bin/env bash
# Instructions a program runs from exec to its first window map (Qt's xcb_map_window), by
# callgrind: a deterministic figure for the client's start-up (docs/BENCHMARKS.md, client
# (a)), unlike times on these shared machines. Needs an X display (Xvfb) in DISPLAY.
#
#   bench/client/start-instructions.sh OUT_PREFIX PROGRAM [ARGS…]
#
# Prints "instructions total=… in_main=…": the main thread's instructions up to the map, all
# of them (dynamic loader included) and those inside main() (the figure of the second round).
# Other threads are not counted. The profile stays in OUT_PREFIX.<pid>.1-01
# (callgrind_annotate it).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUT_PREFIX PROGRAM [ARGS…]" >&2; exit 2; }
out=$1
shift
rm -f "$out".*
valgrind --tool=callgrind --separate-threads=yes --dump-before=xcb_map_window \
  --callgrind-out-file="$out.%p" "$@" >/dev/null 2>"$out.log" &
pid=$!
# The first dump (part 1) is written when the window is about to be mapped.
for _ in $(seq 600); do
  [ -e "$out.$pid.1-01" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
sleep 0.5
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
[ -e "$out.$pid.1-01" ] || { echo "no window mapped; see $out.log" >&2; exit 1; }
profile=$out.$pid.1-01
total=$(sed -n 's/^summary: //p' "$profile")
in_main=$(callgrind_annotate --inclusive=yes "$profile" 2>/dev/null |
  awk '!found && /\?\?\?:main \[/ { gsub(",", "", $1); print $1; found = 1 }')
echo "instructions total=$total in_main=$in_main"
