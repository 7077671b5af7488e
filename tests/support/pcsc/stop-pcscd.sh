#!/bin/sh
# stop-pcscd.sh DIR: stops the pcscd that start-pcscd.sh DIR started, and waits until it is
# gone. Does nothing when there is none (never started, already stopped): it only ever
# signals the PID recorded in DIR/pcscd.env, and only if that is still pcscd.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
env_file="$1/pcscd.env"
[ -f "$env_file" ] || exit 0
pid=$(sed -n 's/^PCSCD_PID=\([0-9][0-9]*\)$/\1/p' "$env_file")
rm -f "$env_file"
[ -n "$pid" ] || exit 0

# Only the PID recorded here, and only if it is still pcscd (PIDs are reused).
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pcscd ] || exit 0
kill -TERM "$pid" 2>/dev/null || exit 0

# Waits (5 s, then SIGKILL, then 5 s) until it is gone; a zombie counts as gone, as nobody
# may be left to reap it at once.
/usr/bin/python3 - "$pid" <<'PY'
import os, signal, sys, time
pid = int(sys.argv[1])
def alive():
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
for sig in (None, signal.SIGKILL):
    if sig is not None:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            sys.exit(0)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if not alive():
            sys.exit(0)
        time.sleep(0.02)
print(f"stop-pcscd.sh: process {pid} did not exit", file=sys.stderr)
sys.exit(1)
PY
