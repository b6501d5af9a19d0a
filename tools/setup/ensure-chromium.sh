#!/usr/bin/env bash
# Makes sure Chromium is at /usr/bin/chromium, where the browser SDK contract spec
# (apps/ingestion/src/ingest/segment-browser-sdk.int-spec.ts) runs Segment's analytics.js
# through playwright-core; without it that spec fails, it never skips. When the browser is
# missing and this runs as root with apt-get (CI containers), installs Debian's `chromium`
# package; otherwise says how to, and exits 1. Does nothing when the browser is there.
set -euo pipefail

chromium_path=/usr/bin/chromium
[ -x "$chromium_path" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "meridian: installing Chromium (apt-get install chromium) for the browser SDK spec" >&2
  export DEBIAN_FRONTEND=noninteractive
  # A fresh container has no package lists yet; refresh them only when the install needs it.
  apt-get install -y -qq chromium >&2 || { apt-get update -qq >&2 && apt-get install -y -qq chromium >&2; }
fi

if [ ! -x "$chromium_path" ]; then
  echo "meridian: Chromium is missing at $chromium_path, and the browser SDK spec needs it;" \
    "install it as root: apt-get install -y chromium" >&2
  exit 1
fi
