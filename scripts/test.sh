#!/usr/bin/env bash
# Every test: install what is missing, then formatting, lints, the Rust tests (on SQLite, then the
# core's and the command's again on PostgreSQL), the CLI contract, the UI's type check and unit
# tests, the app end to end in a real window under Xvfb, and My Page in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
cargo clippy -p kashidashi-desktop --features custom-protocol -- -D warnings
echo "== cargo test (SQLite)"
cargo test --release
# The same selection of packages as above, so that nothing is compiled again (a narrower one
# resolves features differently); the print crate's tests use files and run on SQLite again.
echo "== cargo test (PostgreSQL: the same tests again, on a throwaway server)"
./scripts/pg-test-server.sh cargo test --release
echo "== CLI contract (../shared/tools/contract-check)"
[ -x ../shared/tools/contract-check ] || { echo "contract-check must be at ../shared/tools (see ../shared/README.md)" >&2; exit 1; }
../shared/tools/contract-check target/release/kashidashi
echo "== UI: type check and unit tests"
npm --prefix ui run typecheck --silent
npm --prefix ui test --silent
echo "== the desk app in its real window (Xvfb, tauri-driver, WebKitWebDriver)"
xvfb-run -a --server-args="-screen 0 1280x900x24" npm --prefix tests/e2e test --silent
echo "== My Page in headless Chromium (WebDriver), at 360 px and desktop width"
npm --prefix tests/e2e run test:mypage --silent
