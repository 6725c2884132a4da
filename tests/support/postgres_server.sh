#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a new cluster in a temporary
# folder, listening on a Unix socket only (no TCP port to collide with or
# to be reached from elsewhere), stopped and removed again afterwards.
#
#   eval "$(tests/support/postgres_server.sh start)"   # exports the two below
#   ... tests read PARORENDE_TEST_POSTGRESQL ...
#   tests/support/postgres_server.sh stop "$PARORENDE_TEST_POSTGRESQL_DIR"
#
# PARORENDE_TEST_POSTGRESQL is a libpq connection URI to the server's
# `postgres` database as its superuser; each test makes a database of its
# own there. Run as root, the server runs as the `postgres` user that
# Debian's package made (PostgreSQL refuses to run as root).
set -euo pipefail

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin_dir" ]; then
  echo "error: PostgreSQL's server programs are not installed (Debian: postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/parorende-postgres.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    # Trust on the socket only: the socket's folder is the server's own.
    as_owner "$bin_dir/initdb" -D "$dir/data" -U postgres -A trust --no-sync \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    # fsync and synchronous_commit stay on: the store's durability is
    # what its tests check. Connections: up to two servers' pools and the
    # tests' own, in parallel shards.
    as_owner "$bin_dir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c max_connections=300" start >/dev/null || {
      cat "$dir/server.log" >&2
      exit 1
    }
    echo "export PARORENDE_TEST_POSTGRESQL='postgresql:///postgres?host=$dir&user=postgres'"
    echo "export PARORENDE_TEST_POSTGRESQL_DIR='$dir'"
    ;;
  stop)
    dir=${2:?usage: postgres_server.sh stop DIR}
    case "$dir" in /tmp/parorende-postgres.*) ;; *) echo "error: not a test server: $dir" >&2; exit 1 ;; esac
    as_owner "$bin_dir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
