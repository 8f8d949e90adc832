#!/usr/bin/env bash
# Makes sure /usr/bin/chromium exists, for the browser tests (tests/support/browser.ts drives it
# with playwright-core; Playwright's own browser download needs the internet). Does nothing when it
# is there; on Debian as root it installs the chromium package with apt; elsewhere it says what to do.
set -euo pipefail

log() { printf 'ensure-chromium: %s\n' "$*" >&2; }

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  log "$CHROMIUM is missing. Install Debian's chromium package (apt-get install chromium),"
  log "or run this script as root on Debian, where it installs it itself."
  exit 1
fi

log "installing chromium with apt-get ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  log "apt-get installed chromium, yet $CHROMIUM is still missing."
  exit 1
fi
log "$("$CHROMIUM" --version 2>/dev/null || echo chromium) installed."
