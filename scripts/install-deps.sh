#!/usr/bin/env bash
# Installs the Debian packages Pressa needs to build and test, when missing.
# Usage: scripts/install-deps.sh [extra-package...]
set -euo pipefail

packages=(build-essential cmake pkg-config libxapian-dev libicu-dev
          libboost-program-options-dev nlohmann-json3-dev libzstd-dev zlib1g-dev googletest libgtest-dev
          python3 xapian-tools libjemalloc2 "$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
