#!/usr/bin/env bash
# Install what is missing on a Debian 12 machine and build Kashidashi. Idempotent: a second run
# installs nothing and only rebuilds what changed. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: the C toolchain for bundled SQLite, and the tools the tests use.
APT_PACKAGES=(build-essential pkg-config python3)

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

if ! command -v cargo >/dev/null; then
  echo "install: cargo (Rust 1.95 or later) is required; install it with rustup" >&2
  exit 1
fi

cargo build --release -p kashidashi-cli
