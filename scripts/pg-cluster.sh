#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks of the PostgreSQL backend.
#
#   source scripts/pg-cluster.sh && pg_cluster_start     # sets MEMORIA_TEST_DB_URL, PG_CLUSTER_DIR
#   ... tests ...
#   pg_cluster_stop                                      # stops it and removes its folder
#
# Installs PostgreSQL and its contrib modules (pg_trgm, fuzzystrmatch) from Debian's packages when
# initdb is missing (apt-get; fails, never skips, when it cannot), makes a cluster in a new temporary
# folder (initdb), and starts it (pg_ctl) on a private port on 127.0.0.1 with its unix socket in
# that folder: nothing of the machine's own PostgreSQL is used or changed. initdb refuses to run as
# root, so as root the cluster belongs to the unprivileged user `postgres` (made by the Debian
# package) and runs through runuser. The database `memoria_test` is created with a password user
# `memoria` (the URL carries the password: the tests check that it is never printed), a
# read-only role `memoria_reader` (password `reader`), and pg_trgm/fuzzystrmatch installed.

pg_bin_dir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

pg_cluster_install() {
    if pg_bin_dir >/dev/null && [ -n "$(ls /usr/share/postgresql/*/extension/pg_trgm.control 2>/dev/null)" ]; then
        return 0
    fi
    echo "pg-cluster: installing PostgreSQL from Debian's packages" >&2
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2 || {
            echo "pg-cluster: apt-get install postgresql failed" >&2; return 1; }
    else
        sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2 || {
            echo "pg-cluster: cannot install postgresql (not root, no sudo)" >&2; return 1; }
    fi
    pg_bin_dir >/dev/null || { echo "pg-cluster: initdb still missing after the install" >&2; return 1; }
}

# Runs a command as the cluster's owner.
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_cluster_start() {
    pg_cluster_install || return 1
    local bin port
    bin=$(pg_bin_dir)
    PG_BIN=$bin
    PG_CLUSTER_DIR=$(mktemp -d /tmp/memoria-pg.XXXXXX)
    chmod 755 "$PG_CLUSTER_DIR"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        chown postgres "$PG_CLUSTER_DIR"
    fi
    # A free port: the first of a range nothing listens on.
    port=${MEMORIA_TEST_PG_PORT:-}
    if [ -z "$port" ]; then
        for port in $(seq 55432 55532); do
            (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break
        done
    fi
    PG_PORT=$port
    printf 'memoria\n' > "$PG_CLUSTER_DIR/pw"
    chmod 644 "$PG_CLUSTER_DIR/pw"
    pg_as_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 || {
        cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
    # Ensure a password-less local superuser and password TCP users.
    pg_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB -c max_connections=50" \
        start >/dev/null || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
    pg_psql postgres -c "CREATE ROLE memoria LOGIN CREATEDB PASSWORD 'memoria'" \
        -c "CREATE ROLE memoria_reader LOGIN PASSWORD 'reader'" \
        -c "CREATE DATABASE memoria_test OWNER memoria" >/dev/null || return 1
    pg_psql memoria_test -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" \
        -c "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch" >/dev/null || return 1
    export PG_CLUSTER_DIR PG_PORT PG_BIN
    export MEMORIA_TEST_DB_URL="postgres://memoria:memoria@127.0.0.1:$port/memoria_test?sslmode=disable"
    export MEMORIA_TEST_PG_ADMIN="$PG_CLUSTER_DIR"
    echo "pg-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $PG_CLUSTER_DIR)" >&2
}

# psql as the superuser over the cluster's private socket.
pg_psql() {
    local db=$1; shift
    pg_as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_CLUSTER_DIR" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

pg_cluster_stop() {
    [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR" ] || return 0
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER_DIR"
    unset PG_CLUSTER_DIR
}
