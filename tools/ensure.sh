#!/bin/sh
# Node tools for the quality gates (Lighthouse, linkinator; pinned in package-lock.json), installed on a fresh clone.
# Debian's nodejs/npm are installed as root when missing; under CI a missing npm fails, elsewhere it warns.
set -e
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm for Lighthouse…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "note: npm is missing; install Node.js 20+ (Lighthouse and link tests will fail under CI=true)." >&2
    [ "${CI:-}" = true ] && exit 1
    exit 0
  fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
