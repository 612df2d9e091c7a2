#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS - replay the kept corpus, then fuzz the request path for SECONDS.
# Fails on any crash, sanitizer report or timeout; new interesting inputs stay in a temp dir
# (commit the useful ones to tests/fuzz/corpus/request/).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
bin=build-fuzz/fuzz_request
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
echo "fuzz: replaying corpus"
"$bin" -runs=0 tests/fuzz/corpus/request >"$work/replay.log" 2>&1 || { tail -40 "$work/replay.log"; exit 1; }
echo "fuzz: request path for ${secs}s"
if ! "$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work" tests/fuzz/corpus/request >"$work/fuzz.log" 2>&1; then
    tail -60 "$work/fuzz.log"
    ls "$work"/crash-* "$work"/timeout-* 2>/dev/null && echo "fuzz: FAILED (artifacts above)"
    exit 1
fi
grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|cov:' "$work/fuzz.log" | tail -3
echo "fuzz: ok, 0 crashes"
