#!/usr/bin/env bash
# tools/deps.sh run|test - install the Debian packages Abdi needs, only those missing
# (apt-get update first when something is missing). `run` is what building and serving
# need; `test` adds the test tools: cmocka, clang (libFuzzer), PostgreSQL, sqlite3,
# Chromium, Node.js and the browser tests' npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

run_pkgs=(gcc make meson ninja-build pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev
          libjansson-dev libsodium-dev liboath-dev libhpdf-dev libxlsxwriter-dev libcsv-dev
          libcurl4-openssl-dev)
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev postgresql postgresql-client sqlite3 chromium
           curl procps)

want=("${run_pkgs[@]}")
if [ "${1:-run}" = test ]; then
    want+=("${test_pkgs[@]}")
    command -v node >/dev/null 2>&1 || want+=(nodejs)
    command -v npm >/dev/null 2>&1 || want+=(npm)
fi

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "deps: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-run}" = test ] && [ -f tests/e2e/package-lock.json ]; then
    if [ ! -d tests/e2e/node_modules/playwright-core ]; then
        echo "deps: npm ci (tests/e2e)"
        (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    fi
fi
