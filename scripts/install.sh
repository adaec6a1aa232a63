#!/usr/bin/env bash
# Install what is missing on a Debian 12 machine and build Kashidashi: the CLI, the UI and the
# desktop app. Idempotent: a second run installs nothing and rebuilds only what changed.
# Needs root (or sudo) for apt; Rust (cargo 1.95+) and Node.js 20+ with npm.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Building: bundled SQLite, and Tauri's WebKitGTK shell.
  build-essential pkg-config file python3
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev libxdo-dev
  # Testing: the app in a real window, PDFs rendered and barcodes read back, a real SMTP server,
  # and a throwaway PostgreSQL server for the second run of the Rust tests.
  xvfb xauth webkit2gtk-driver poppler-utils zbar-tools python3-aiosmtpd postgresql
  # My Page in a real browser (headless Chromium over WebDriver), with a Japanese font to draw it.
  chromium chromium-driver fonts-ipaexfont-gothic
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -o DPkg::Lock::Timeout=300 -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "install: cargo (Rust 1.95+) is required; install it with rustup" >&2; exit 1; }
command -v npm >/dev/null || { echo "install: Node.js 20+ with npm is required" >&2; exit 1; }

# npm ci fails here: the registry lacks the non-Linux optional packages of @tauri-apps/cli, so the
# lockfile cannot match; install keeps the lock as it is.
for dir in ui tests/e2e; do
  [ -d "$dir/node_modules" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ] ||
    npm --prefix "$dir" install --no-audit --no-fund --loglevel=error
done

command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version '^2'

cargo build --release -p kashidashi-cli
npm --prefix ui run build --silent
cargo build --release -p kashidashi-desktop --features custom-protocol
