#!/usr/bin/env bash
# tests/api/run.sh BIN ENGINE - the HTTP/JSON API suite against a real `abdi serve`.
#   BIN     the abdi binary (build/abdi, build-san/abdi, ...)
#   ENGINE  sqlite | postgresql (postgresql gets its own throwaway cluster, tests/pg-cluster.sh)
# Migrates, loads the demo data with $ABDI_PASSWORD, serves on a free loopback port with the
# fake clock file, runs tests/api/*.test.mjs in name order (node:test, one file at a time; the
# zz_ files tamper with the database and read the log, so they come last), then stops the server
# with SIGTERM and requires exit status 0 within 10 s. ONLY='GLOB' runs the matching files only. Prints one summary line; exit 1 on failure.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 BIN sqlite|postgresql" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/api/server.sh
source "$HERE/server.sh"

# ONLY='NN_*.test.mjs' runs the matching files alone (a developer's shortcut; CI runs them all).
mapfile -t files < <(find "$HERE" -maxdepth 1 -name "${ONLY:-*.test.mjs}" | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || { echo "no test file matches ONLY=${ONLY:-}" >&2; exit 2; }
export ABDI_PASSWORD=${ABDI_PASSWORD:-'Sandi-Uji-Demo-2026!x'}
abdi_env_init "$1" "$2"
abdi_init_db
abdi_start_server
abdi_wait_health 10 >/dev/null || { tail -n 50 "$SERVER_LOG" >&2; exit 1; }

node_rc=0
(cd "$REPO_ROOT" && ABDI_URL="$ABDI_URL" ABDI_BIN="$ABDI_BIN" ABDI_DB_URL="$URL" ABDI_ENGINE="$ENGINE" \
    ABDI_PASSWORD="$ABDI_PASSWORD" ABDI_CLOCK_FILE="$CLOCK_FILE" ABDI_AUDIT_KEY="$AUDIT_KEY" \
    ABDI_SERVER_LOG="$SERVER_LOG" ABDI_PID="$SERVER_PID" ABDI_TMPDIR="$TMP" ABDI_FILES_DIR="$FILES_DIR" \
    node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$TMP/report.tap" \
    "${files[@]}") || node_rc=$?

server_alive=yes
kill -0 "$SERVER_PID" 2>/dev/null || server_alive=no
abdi_stop_server 10
san=$(sanitizer_reports)

count() { grep -E "^# $1 [0-9]+" "$TMP/report.tap" | tail -n 1 | awk '{print $3}'; }
tests=$(count tests || true)
pass=$(count pass || true)
fail=$(count fail || true)
skip=$(count skipped || true)
ok=yes
[ "$node_rc" = 0 ] || ok=no
[ "$SERVER_RC" = 0 ] || ok=no
[ "$server_alive" = yes ] || ok=no
[ "$san" = 0 ] || ok=no
[ "${fail:-1}" = 0 ] || ok=no

if [ "$ok" = no ]; then
    echo "--- last 50 lines of server.log ---" >&2
    tail -n 50 "$SERVER_LOG" >&2
    echo "---" >&2
fi
echo "api-tests engine=$ENGINE tests=${tests:-?} pass=${pass:-?} fail=${fail:-?} skipped=${skip:-?}" \
    "server_alive=$server_alive server_exit=$SERVER_RC sanitizer_reports=$san result=$([ $ok = yes ] && echo PASS || echo FAIL)"
[ "$ok" = yes ]
