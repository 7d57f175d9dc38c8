#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS server for the PostGIS tests: `pg_server.sh start DIR`
# makes a cluster in DIR/data (initdb, trust authentication, superuser "incmap"), starts it on a
# Unix socket in DIR/sock with no TCP listener, and creates the database "incidents" with the
# postgis extension; `pg_server.sh stop DIR` stops it and removes DIR. PostgreSQL refuses to run
# as root: as root (CI) the server runs as the unprivileged user `nobody`, in a directory it
# owns; as any other user, as that user. The tests connect with "PG:host=DIR/sock user=incmap
# dbname=incidents" (tests/e2e/lib_pg.sh). Exit 77 (ctest: skipped) only when the PostgreSQL
# binaries are not installed (.ci/install-deps installs postgresql-15-postgis-3).
set -euo pipefail
action=${1:?usage: pg_server.sh start|stop DIR}
dir=${2:?usage: pg_server.sh start|stop DIR}
bin=${INCMAP_PG_BIN:-/usr/lib/postgresql/15/bin}
run=()
if [ "$(id -u)" -eq 0 ]; then
    run=(runuser -u nobody --)
fi
case $action in
start)
    if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
        echo "PostgreSQL binaries not found in $bin (install postgresql-15-postgis-3): skipped"
        exit 77
    fi
    if [ -d "$dir" ]; then # a cluster left by an interrupted run
        "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$dir"
    fi
    mkdir -p "$dir/sock"
    [ ${#run[@]} -eq 0 ] || chown -R nobody "$dir"
    if ! "${run[@]}" test -w "$dir"; then
        echo "pg_server: $dir is not reachable by the user the server runs as" >&2
        exit 1
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U incmap --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir/sock -c listen_addresses='' -c fsync=off -c max_connections=40" start \
        >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    "$bin/psql" -h "$dir/sock" -U incmap -d postgres -qAt -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE incidents" >/dev/null
    "$bin/psql" -h "$dir/sock" -U incmap -d incidents -qAt -v ON_ERROR_STOP=1 \
        -c "CREATE EXTENSION postgis" >/dev/null
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') + PostGIS on $dir/sock"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg_server.sh start|stop DIR" >&2
    exit 2
    ;;
esac
