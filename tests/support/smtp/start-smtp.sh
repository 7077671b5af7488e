#!/bin/sh
# start-smtp.sh DIR [--starttls CERT KEY] [--smtps CERT KEY] [--auth USER PASSWORD]
#
# Starts a real SMTP server (aiosmtpd) on 127.0.0.1, on a free port, storing what it
# receives in the Maildir DIR/maildir (emptied first), and returns once it accepts
# connections. DIR/smtp.env then says where it is:
#   SMTP_HOST, SMTP_PORT, SMTP_PID, SMTP_MAILDIR, SMTP_SECURITY (none|starttls|tls),
#   and SMTP_USER / SMTP_PASSWORD with --auth.
# --starttls: offers STARTTLS and requires it before any mail (aiosmtpd's default).
# --smtps:    TLS from the first byte (port 465 style).
# --auth:     accepts AUTH PLAIN and LOGIN (only after TLS) for that one user, and records
#             the login in an X-Authenticated-User header of each mail (auth_mailbox.py).
# The server is detached from the caller (own session, no inherited pipes) so that CTest
# does not wait for it; stop-smtp.sh DIR stops it. No bytecode is written next to
# auth_mailbox.py: the source tree stays clean.
set -eu

python=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)

usage() {
    echo "usage: $0 DIR [--starttls CERT KEY] [--smtps CERT KEY] [--auth USER PASSWORD]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
dir=$1
shift
security=none
tls_option=""
cert=""
key=""
user=""
password=""
while [ $# -gt 0 ]; do
    case $1 in
    --starttls | --smtps)
        [ $# -ge 3 ] || usage
        [ "$security" = none ] || usage
        if [ "$1" = --starttls ]; then
            security=starttls
            tls_option=tls
        else
            security=tls
            tls_option=smtps
        fi
        cert=$2
        key=$3
        shift 3
        ;;
    --auth)
        [ $# -ge 3 ] || usage
        user=$2
        password=$3
        shift 3
        ;;
    *) usage ;;
    esac
done

if ! "$python" -c 'import aiosmtpd' 2>/dev/null; then
    echo "start-smtp.sh: $python has no aiosmtpd (Debian package python3-aiosmtpd)" >&2
    exit 1
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# A server left running by an interrupted run would hold the old port and Maildir.
"$here/stop-smtp.sh" "$dir"
rm -rf "$dir/maildir"
mkdir -p "$dir/maildir/new" "$dir/maildir/cur" "$dir/maildir/tmp"
log="$dir/server.log"

start_server() {
    port=$1
    if [ -n "$user" ]; then
        handler=auth_mailbox.AuthMailbox
    else
        handler=aiosmtpd.handlers.Mailbox
    fi
    # Without job control a background job is not a process group leader, so setsid
    # does not fork again: $! is the server's own PID.
    if [ -n "$tls_option" ]; then
        PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$here" setsid "$python" -m aiosmtpd -n -l "127.0.0.1:$port" \
            "--${tls_option}cert" "$cert" "--${tls_option}key" "$key" \
            -c "$handler" "$dir/maildir" ${user:+"$user"} ${user:+"$password"} \
            </dev/null >"$log" 2>&1 &
    else
        PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$here" setsid "$python" -m aiosmtpd -n -l "127.0.0.1:$port" \
            -c "$handler" "$dir/maildir" ${user:+"$user"} ${user:+"$password"} \
            </dev/null >"$log" 2>&1 &
    fi
    pid=$!
}

# Waits (10 s at most) until the port accepts connections; fails early if the server
# process is gone (bad arguments, port taken).
wait_ready() {
    "$python" - "$1" "$2" <<'PY'
import os, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
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
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

attempt=1
while :; do
    # The kernel picks a free port; another process could take it before the server
    # binds it, hence the retries.
    port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    start_server "$port"
    if wait_ready "$port" "$pid"; then
        break
    fi
    kill "$pid" 2>/dev/null || true
    if [ $attempt -ge 3 ]; then
        echo "start-smtp.sh: the SMTP server did not come up on 127.0.0.1:$port; its log:" >&2
        cat "$log" >&2
        exit 1
    fi
    attempt=$((attempt + 1))
done

{
    echo "SMTP_HOST=127.0.0.1"
    echo "SMTP_PORT=$port"
    echo "SMTP_PID=$pid"
    echo "SMTP_MAILDIR=$dir/maildir"
    echo "SMTP_SECURITY=$security"
    if [ -n "$user" ]; then
        echo "SMTP_USER=$user"
        echo "SMTP_PASSWORD=$password"
    fi
} >"$dir/smtp.env.tmp"
mv "$dir/smtp.env.tmp" "$dir/smtp.env"
echo "SMTP server ($security) on 127.0.0.1:$port, pid $pid, Maildir $dir/maildir"
