#!/bin/sh
# start-pcscd.sh DIR
#
# Starts pcscd in the foreground (detached from the caller) with the vpcd virtual reader
# driver, and returns once it accepts PC/SC clients. vpcd gives two readers, "Virtual PCD
# 00 00" (card side on TCP 35963) and "Virtual PCD 00 01" (35964): a virtual card (vicc,
# dcc-virtual-cac) connecting to a port is a card inserted in that reader.
#
# DIR receives reader.conf.d/ (the vpcd entry), pcscd.log and pcscd.env (PCSCD_PID, the
# socket). stop-pcscd.sh DIR stops what this started, and only that.
#
# Only one pcscd can run on a machine (its socket path is fixed): when one is already
# running that this DIR did not start, this refuses and names it, rather than take it over
# or stop it. A pcscd left by an interrupted run from the same DIR is stopped and replaced.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
socket=/run/pcscd/pcscd.comm
driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so

command -v pcscd >/dev/null 2>&1 || { echo "start-pcscd.sh: pcscd not found (Debian package pcscd)" >&2; exit 1; }
[ -e "$driver" ] || { echo "start-pcscd.sh: $driver not found (Debian package vsmartcard-vpcd)" >&2; exit 1; }

mkdir -p "$1"
dir=$(cd "$1" && pwd)

# Ours from an interrupted run: stop it first.
"$here/stop-pcscd.sh" "$dir"

for proc in /proc/[0-9]*; do
    [ "$(cat "$proc/comm" 2>/dev/null)" = pcscd ] || continue
    pid=${proc#/proc/}
    # A zombie waiting to be reaped holds nothing ("Z" after the parenthesised name).
    state=$(sed 's/.*) //' "$proc/stat" 2>/dev/null | cut -d' ' -f1)
    [ "${state:-Z}" = Z ] && continue
    echo "start-pcscd.sh: a pcscd this test run did not start is running (pid $pid:" \
        "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null))." >&2
    echo "start-pcscd.sh: only one pcscd can run per machine; stop it (or wait for the other" \
        "test run) and run the tests again." >&2
    exit 1
done

mkdir -p "$dir/reader.conf.d"
cat >"$dir/reader.conf.d/vpcd" <<EOF
FRIENDLYNAME "Virtual PCD"
DEVICENAME /dev/null:0x8C7B
LIBPATH $driver
CHANNELID 0x8C7B
EOF

log="$dir/pcscd.log"
# Without job control a background job is not a process group leader, so setsid does not
# fork again: $! is pcscd's own PID. No inherited pipes, so that CTest does not wait for it.
setsid pcscd --foreground --info --config "$dir/reader.conf.d" </dev/null >"$log" 2>&1 &
pid=$!

# Ready when pcscd answers on its socket (10 s at most); fails early if it exits.
if ! "$python" - "$pid" "$socket" <<'PY'; then
import os, socket, sys, time
pid, path = int(sys.argv[1]), sys.argv[2]
deadline = time.monotonic() + 10
def alive():
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
while time.monotonic() < deadline:
    if not alive():
        sys.exit(1)
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
        s.close()
        sys.exit(0)
    except OSError:
        time.sleep(0.02)
sys.exit(1)
PY
    kill "$pid" 2>/dev/null || true
    echo "start-pcscd.sh: pcscd did not come up; its log:" >&2
    cat "$log" >&2
    exit 1
fi

{
    echo "PCSCD_PID=$pid"
    echo "PCSCD_SOCKET=$socket"
    echo "PCSCD_LOG=$log"
} >"$dir/pcscd.env.tmp"
mv "$dir/pcscd.env.tmp" "$dir/pcscd.env"
echo "pcscd (vpcd readers) running, pid $pid"
