#!/usr/bin/env bash
# The main job: install what is missing, build a demo library once, and open the desk app on it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh

data="${XDG_DATA_HOME:-$HOME/.local/share}/kashidashi"
db="${KASHIDASHI_DB:-$data/demo.db}"
if [ ! -f "$db" ]; then
  ./target/release/kashidashi demo --db "$db"
fi
echo "データベース: $db"
echo "サインイン: counter1 / kashidashi (監督者: super1 / kashidashi)"
# Not exec: the app times its start from its own process start, which exec would move to this
# script's (before the build).
KASHIDASHI_DB="$db" ./target/release/kashidashi-desktop
