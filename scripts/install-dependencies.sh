#!/usr/bin/env bash
# Installs the Debian packages parorende needs that are not installed yet.
# Used by ./run.sh and ./test.sh; safe to run again (installs nothing twice).
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libsqlite3-dev libeigen3-dev
  googletest libgtest-dev libbenchmark-dev
  zlib1g-dev libsodium-dev liboath-dev libqrencode-dev librhonabwy-dev libcurl4-openssl-dev
  libreadstat-dev libcli11-dev libzip-dev libpq-dev
)
if [ "${1:-}" = "--with-test-tools" ]; then
  # The browser tests: Debian's Chromium, and Node.js/npm unless the
  # machine already has a newer Node.js of its own. clang and its runtime
  # libraries: the sanitized unit tests and the fuzz targets (libFuzzer).
  # PostgreSQL: the store's tests on its second engine start a throwaway
  # server of their own (tests/support/postgres_server.sh).
  packages+=(sqlite3 chromium fonts-dejavu-core clang-format clang libclang-rt-14-dev postgresql)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing packages needs root (run as root, or install them yourself)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
