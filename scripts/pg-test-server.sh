#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests. `scripts/pg-test-server.sh COMMAND [ARGS...]` starts
# one in a new folder, listening on a Unix socket only, runs COMMAND with KASHIDASHI_TEST_PG set to
# the server's URL, then stops the server and removes the folder, whether COMMAND passed or not.
# Tests create a database of their own on it (crates/core/tests/common/db.rs).
# Needs Debian's `postgresql` package (scripts/install.sh); initdb refuses to run as root, so as
# root the server runs as the `postgres` user.
set -euo pipefail

bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg-test-server: PostgreSQL is not installed (apt package postgresql)" >&2; exit 1; }

dir=$(mktemp -d /tmp/kashidashi-pg.XXXXXX)
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
fi

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# Durability is not what these tests measure: fsync off keeps CREATE DATABASE and commits fast.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s start \
  -o "-c listen_addresses='' -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200" ||
  { cat "$dir/server.log" >&2; exit 1; }

export KASHIDASHI_TEST_PG="postgresql://postgres@${dir//\//%2F}/postgres"
"$@"
