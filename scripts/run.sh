#!/usr/bin/env bash
# The main job: install what is missing, build a demo library, print a checkout-ready summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh

data="${XDG_DATA_HOME:-$HOME/.local/share}/kashidashi"
db="${KASHIDASHI_DB:-$data/demo.db}"
bin=./target/release/kashidashi
if [ ! -f "$db" ]; then
  "$bin" demo --db "$db"
fi
echo
echo "データベース: $db"
"$bin" --db "$db" desk list
echo
echo "試しに貸出 (try a checkout):"
echo "  $bin --db $db patron show --card 2000000001"
echo "  $bin --db $db item show --barcode 1000000001"
