#!/usr/bin/env bash
# Every test: install what is missing, then formatting, lints, the Rust tests and the CLI
# contract. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --release
echo "== CLI contract (../shared/tools/contract-check)"
if [ -x ../shared/tools/contract-check ]; then
  ../shared/tools/contract-check target/release/kashidashi
else
  echo "contract-check must be at ../shared/tools (see ../shared/README.md)" >&2
  exit 1
fi
