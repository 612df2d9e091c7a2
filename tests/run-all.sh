#!/usr/bin/env bash
# tests/run-all.sh - every test of `make test`, in order, after the builds exist:
# source checks; unit tests (normal and ASan+UBSan, SQLite and a throwaway PostgreSQL);
# API suite on SQLite and PostgreSQL with the release, ASan+UBSan and TSan builds; browser tests; crash tests on both
# engines; fuzzing (corpus replay + 60 s). Stops at the first failing stage and says which.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
CRASH_TRIALS=${CRASH_TRIALS:-5}

stage() { echo; echo "=== $* ==="; }
results=()
run() { # name, command...
    local name=$1 t0 t1
    shift
    stage "$name"
    t0=$(date +%s)
    if ! "$@"; then
        echo "FAILED: $name" >&2
        printf '%s\n' "${results[@]}" "FAIL $name"
        exit 1
    fi
    t1=$(date +%s)
    results+=("ok   $name ($((t1 - t0)) s)")
}

pg_unit() { # run the unit tests of a build with a throwaway PostgreSQL for the db contract
    local build=$1 dir port rc=0
    dir=$(mktemp -d /tmp/abdi-unit-pg-XXXXXX)
    port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null \
        || node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    tests/pg-cluster.sh start "$dir" "$port" >/dev/null
    ABDI_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/abdi_test" \
        meson test -C "$build" --print-errorlogs || rc=$?
    tests/pg-cluster.sh stop "$dir" >/dev/null 2>&1 || true
    rm -rf "$dir"
    return $rc
}

run "checksrc" tools/checksrc
run "unit (release)" pg_unit build
run "unit (asan+ubsan)" pg_unit build-san
run "api sqlite (release)" tests/api/run.sh build/abdi sqlite
run "api postgresql (release)" tests/api/run.sh build/abdi postgresql
run "api sqlite (asan+ubsan)" tests/api/run.sh build-san/abdi sqlite
run "api postgresql (asan+ubsan)" tests/api/run.sh build-san/abdi postgresql
run "api sqlite (tsan)" tests/api/run.sh build-tsan/abdi sqlite
run "api postgresql (tsan)" tests/api/run.sh build-tsan/abdi postgresql
run "e2e chromium" tests/e2e/run.sh build/abdi
run "crash sqlite" tests/crash/run.sh build/abdi sqlite "$CRASH_TRIALS"
run "crash postgresql" tests/crash/run.sh build/abdi postgresql "$CRASH_TRIALS"
run "fuzz request path" tests/fuzz/run.sh "$FUZZ_SECONDS"

echo
echo "=== summary ==="
printf '%s\n' "${results[@]}"
echo "all tests passed"
