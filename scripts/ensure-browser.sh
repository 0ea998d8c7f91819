#!/bin/sh
# Browser tests drive Debian's Chromium (`playwright install` cannot download here); screenshots and the
# Japanese and Korean editions need real CJK glyphs: Debian's fonts-noto-cjk (the pages ask for system
# fonts only, no web fonts).
missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's$missing for the browser tests…"
  # shellcheck disable=SC2086  # one word per package
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  exit $?
fi
echo "note: Debian's$missing missing; install the package(s) (browser tests fail under CI=true without chromium; CJK text shows as boxes without fonts-noto-cjk)." >&2
