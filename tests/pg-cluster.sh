#!/usr/bin/env bash
# tests/pg-cluster.sh - a throwaway PostgreSQL 15 cluster for the test suites.
#   tests/pg-cluster.sh start DIR PORT   initdb into DIR/data (trust, superuser postgres), start on
#                                        127.0.0.1:PORT with its unix socket in DIR, create abdi_test
#   tests/pg-cluster.sh stop DIR         pg_ctl stop -m fast (quiet when nothing runs)
# PostgreSQL refuses to run as root, so as root everything runs as the `postgres` user and DIR
# is handed to it. DIR must be reachable by that user (e.g. made with mktemp -d under /tmp).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2

case "$cmd" in
start)
    [ $# -eq 3 ] || usage
    port=$3
    [ -x "$PGBIN/initdb" ] || { echo "pg-cluster: no PostgreSQL binaries in $PGBIN" >&2; exit 1; }
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir"
    fi
    chmod 700 "$dir"
    as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" start \
        >"$dir/pg_ctl.log" 2>&1; then
        cat "$dir/pg_ctl.log" "$dir/postgres.log" >&2 || true
        exit 1
    fi
    as_pg "$PGBIN/createdb" -h "$dir" -p "$port" -U postgres abdi_test
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    usage
    ;;
esac
