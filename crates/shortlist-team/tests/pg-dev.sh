#!/bin/sh
# A throw-away PostgreSQL for trying `shortlist team …` by hand (the Rust
# tests start their own, see tests/it/pg.rs). Loopback only.
#   tests/pg-dev.sh start DIR [PORT]   -> prints the admin URL
#   tests/pg-dev.sh stop DIR
# As root, initdb/pg_ctl run as the `postgres` user (initdb refuses root).
set -eu
cmd=${1:?usage: pg-dev.sh start|stop DIR [PORT]}
dir=${2:?usage: pg-dev.sh start|stop DIR [PORT]}
port=${3:-55432}
bin=${SHORTLIST_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/initdb" ] || { echo "PostgreSQL binaries not found: apt-get install postgresql, or set SHORTLIST_PG_BIN" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
    mkdir -p "$dir/sock"
    if [ ! -d "$dir/data" ]; then
        pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
        printf '%s\n' "$pw" > "$dir/pwfile"
        chmod 600 "$dir/pwfile"
        [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
        as_pg "$bin/initdb" -D "$dir/data" -U postgres --pwfile "$dir/pwfile" \
            --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --no-locale -N >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1" start >/dev/null
    PGPASSWORD=$(cat "$dir/pwfile") as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres shortlist 2>/dev/null || true
    echo "postgres://postgres:$(cat "$dir/pwfile")@127.0.0.1:$port/shortlist"
    ;;
stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop
    ;;
*) echo "usage: pg-dev.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
