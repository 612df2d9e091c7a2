#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS - replay the kept corpora, then fuzz the request path for SECONDS
# and the SIASN row parser + validator (fuzz_siasn) briefly (FUZZ_SIASN_SECONDS, default 15).
# Fails on any crash, sanitizer report or timeout; new interesting inputs stay in a temp dir
# (commit the useful ones to tests/fuzz/corpus/<target>/).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
siasn_secs=${FUZZ_SIASN_SECONDS:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# fuzz NAME CORPUS SECONDS
fuzz() {
    local bin=build-fuzz/$1 corpus=tests/fuzz/corpus/$2 t=$3 dir=$work/$2
    mkdir -p "$dir"
    echo "fuzz: $1: replaying corpus"
    "$bin" -runs=0 "$corpus" >"$dir.replay.log" 2>&1 || { tail -40 "$dir.replay.log"; exit 1; }
    echo "fuzz: $1 for ${t}s"
    if ! "$bin" -max_total_time="$t" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$dir/" "$dir" "$corpus" >"$dir.log" 2>&1; then
        tail -60 "$dir.log"
        ls "$dir"/crash-* "$dir"/timeout-* 2>/dev/null && echo "fuzz: $1 FAILED (artifacts above)"
        exit 1
    fi
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|cov:' "$dir.log" | tail -3
}
fuzz fuzz_request request "$secs"
fuzz fuzz_siasn siasn "$siasn_secs"
echo "fuzz: ok, 0 crashes"
