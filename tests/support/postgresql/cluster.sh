#!/usr/bin/env bash
# A private PostgreSQL cluster for one test run: its own data folder and port, never the
# system's cluster. PostgreSQL refuses to run as root, so as root it runs as the
# `postgres` system user that Debian's package creates.
#
#   cluster.sh start STATE_DIR   initdb + start; writes STATE_DIR/connection (libpq
#                                keyword=value string for the database dcc_test)
#   cluster.sh stop STATE_DIR    stops it and removes its data folder
set -euo pipefail

action=${1:?usage: cluster.sh start|stop STATE_DIR}
state=${2:?usage: cluster.sh start|stop STATE_DIR}
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

stop_cluster() {
    if [ -f "$state/datadir" ]; then
        local data
        data=$(cat "$state/datadir")
        if [ -f "$data/postmaster.pid" ]; then
            as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$data"
        rm -f "$state/datadir" "$state/connection"
    fi
}

case "$action" in
start)
    mkdir -p "$state"
    stop_cluster # a run killed earlier may have left one behind
    # Outside the build tree: the postgres user must be able to reach it.
    data=$(mktemp -d /tmp/dcc-test-postgresql.XXXXXX)
    echo "$data" > "$state/datadir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/initdb" -D "$data/data" --auth=trust -U dcc -E UTF8 --locale=C.UTF-8 \
        >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
    # Test-only durability settings: the cluster is thrown away after the run.
    as_owner "$bindir/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$data/server.log" >&2; exit 1; }
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dcc dcc_test
    echo "host=127.0.0.1 port=$port user=dcc dbname=dcc_test" > "$state/connection"
    echo "cluster.sh: PostgreSQL on 127.0.0.1:$port ($data)"
    ;;
stop)
    stop_cluster
    ;;
*)
    echo "usage: cluster.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
