#!/bin/sh
# Browser tests drive Debian's Chromium; `playwright install` cannot download here.
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit $?
fi
echo "note: /usr/bin/chromium is missing; install Debian's 'chromium' package (browser tests will fail under CI=true)." >&2
