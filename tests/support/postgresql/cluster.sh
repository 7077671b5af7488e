#!/usr/bin/env bash
# A private PostgreSQL cluster for one test run: its own data folder and port, never the
# system's cluster. PostgreSQL refuses to run as root, so as root it runs as the
# `postgres` system user that Debian's package creates.
#
#   cluster.sh start STATE_DIR   initdb + start; writes STATE_DIR/connection (libpq
#                                keyword=value string for the database dcc_test)
#   cluster.sh stop STATE_DIR    stops it and removes its data folder
#   cluster.sh down STATE_DIR    stops the server only (a database outage), keeping its data
#   cluster.sh up STATE_DIR      starts it again after `down`, on the same port
set -euo pipefail

usage="usage: cluster.sh start|stop|down|up STATE_DIR"
action=${1:?$usage}
state=${2:?$usage}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "cluster.sh: PostgreSQL server binaries not found (install the postgresql package;" \
         "scripts/setup-deps.sh does)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_server() {
    local data port
    data=$(cat "$state/datadir")
    port=$(cat "$state/port")
    # Test-only durability settings: the cluster is thrown away after the run.
    as_owner "$bindir/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$data/server.log" >&2; exit 1; }
}

stop_cluster() {
    if [ -f "$state/datadir" ]; then
        local data
        data=$(cat "$state/datadir")
        if [ -f "$data/data/postmaster.pid" ]; then
            as_owner "$bindir/pg_ctl" -D "$data/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$data"
        rm -f "$state/datadir" "$state/connection" "$state/port"
    fi
}

case "$action" in
start)
    mkdir -p "$state"
    stop_cluster # a run killed earlier may have left one behind
    # Outside the build tree: the postgres user must be able to reach it.
    data=$(mktemp -d /tmp/dcc-test-postgresql.XXXXXX)
    echo "$data" > "$state/datadir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$data"
    fi
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
        > "$state/port"
    as_owner "$bindir/initdb" -D "$data/data" --auth=trust -U dcc -E UTF8 --locale=C.UTF-8 \
        >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
    start_server
    port=$(cat "$state/port")
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dcc dcc_test
    echo "host=127.0.0.1 port=$port user=dcc dbname=dcc_test" > "$state/connection"
    echo "cluster.sh: PostgreSQL on 127.0.0.1:$port ($data)"
    ;;
stop)
    stop_cluster
    ;;
down)
    as_owner "$bindir/pg_ctl" -D "$(cat "$state/datadir")/data" -m fast -w stop >/dev/null
    ;;
up)
    start_server
    ;;
*)
    echo "$usage" >&2
    exit 2
    ;;
esac
