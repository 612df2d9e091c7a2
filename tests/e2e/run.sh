#!/usr/bin/env bash
# tests/e2e/run.sh BIN - browser tests: a real `abdi serve` on SQLite with the demo data, and
# headless Debian Chromium driven by playwright-core (tests/e2e/*.test.mjs, node:test).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BIN" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/api/server.sh
source "$HERE/../api/server.sh"
# ONLY='NAME.test.mjs' runs the matching files alone (a developer's shortcut; CI runs them all).
mapfile -t files < <(cd "$HERE" && find . -maxdepth 1 -name "${ONLY:-*.test.mjs}" | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || { echo "no test file matches ONLY=${ONLY:-}" >&2; exit 2; }
export ABDI_PASSWORD=${ABDI_PASSWORD:-'Sandi-Uji-Demo-2026!x'}
abdi_env_init "$1" sqlite
abdi_init_db
abdi_start_server
abdi_wait_health 10 >/dev/null || { tail -n 50 "$SERVER_LOG" >&2; exit 1; }
rc=0
(cd "$HERE" && ABDI_URL="$ABDI_URL" ABDI_PASSWORD="$ABDI_PASSWORD" node --test --test-concurrency=1 \
    "${files[@]}") || rc=$?
abdi_stop_server 10
if [ "$rc" != 0 ]; then
    tail -n 30 "$SERVER_LOG" >&2
fi
echo "e2e-tests result=$([ "$rc" = 0 ] && echo PASS || echo FAIL)"
exit "$rc"
