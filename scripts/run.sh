#!/usr/bin/env bash
# The main job: install what is missing, build a demo library once, and open the desk app on it.
# `scripts/run.sh --db 'postgres://desk@host/kashidashi'` (or KASHIDASHI_DB=postgres://…) opens it
# on a PostgreSQL library instead: an empty database there gets the demo library first. The
# password comes from ~/.pgpass (PGPASSFILE), never from the address; without one the app asks.
set -euo pipefail
cd "$(dirname "$0")/.."

db="${KASHIDASHI_DB:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="${2:?--db needs a file or a postgres:// URL}"; shift 2 ;;
    --db=*) db="${1#--db=}"; shift ;;
    *) echo "run.sh: unknown argument $1 (only --db FILE|URL)" >&2; exit 2 ;;
  esac
done

./scripts/install.sh

data="${XDG_DATA_HOME:-$HOME/.local/share}/kashidashi"
db="${db:-$data/demo.db}"
case "$db" in
  postgres://* | postgresql://*)
    # `check` answers store.not_initialized (exit 2) only for a database with no library yet.
    checked=$(./target/release/kashidashi --db "$db" --json check 2>/dev/null || true)
    if grep -q '"store.not_initialized"' <<<"$checked"; then
      ./target/release/kashidashi demo --db "$db"
    fi
    echo "サーバー: $(sed -E 's#(://[^:@/]*):[^@/]*@#\1:***@#' <<<"$db")"
    ;;
  *)
    if [ ! -f "$db" ]; then
      ./target/release/kashidashi demo --db "$db"
    fi
    echo "データベース: $db"
    ;;
esac
echo "サインイン: counter1 / kashidashi (監督者: super1 / kashidashi)"
# Not exec: the app times its start from its own process start, which exec would move to this
# script's (before the build).
KASHIDASHI_DB="$db" ./target/release/kashidashi-desktop
