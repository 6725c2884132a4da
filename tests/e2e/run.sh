#!/usr/bin/env bash
# Browser tests of the survey pages (web/) against the real server:
# playwright-core drives Debian's Chromium headless; axe-core checks every
# page state. Screenshots go to tests/e2e/screenshots/ (not committed).
#
#   PARORENDE_BINARY=build/debug/cli/parorende tests/e2e/run.sh [test files...]
#
# Environment:
#   PARORENDE_BINARY   the parorende binary (default: build/debug/cli/parorende)
#   CHROMIUM_PATH      the browser (default: /usr/bin/chromium)
#   PARORENDE_E2E_URL  test a server that is already running instead
set -euo pipefail
# A relative PARORENDE_BINARY is relative to where the script was started.
if [ -n "${PARORENDE_BINARY:-}" ] && [ "${PARORENDE_BINARY#/}" = "$PARORENDE_BINARY" ]; then
  PARORENDE_BINARY="$PWD/$PARORENDE_BINARY"
fi
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== e2e: installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "e2e: $chromium is missing; install Debian's chromium (apt-get install chromium)" >&2
    exit 1
  fi
fi

echo "== e2e: npm ci"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error

export PARORENDE_BINARY=${PARORENDE_BINARY:-$root/build/debug/cli/parorende}
if [ -z "${PARORENDE_E2E_URL:-}" ] && [ ! -x "$PARORENDE_BINARY" ]; then
  echo "e2e: no parorende binary at $PARORENDE_BINARY (build it, or set PARORENDE_BINARY)" >&2
  exit 1
fi

mkdir -p screenshots
rm -f screenshots/*.png
echo "== e2e: node --test ($PARORENDE_BINARY)"
# Two test files at a time (each with its own server and browser): the
# suite's longest stage on two cores takes about two thirds of the time.
if [ $# -gt 0 ]; then
  node --test --test-concurrency=2 --test-timeout=600000 "$@"
else
  node --test --test-concurrency=2 --test-timeout=600000 tests/
fi
