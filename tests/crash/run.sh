#!/usr/bin/env bash
# tests/crash/run.sh BIN ENGINE [TRIALS] - kill -9 during a burst of audited writes (plan R1).
# Per trial: 16 clients create units (POST /api/v1/units, each 201 recorded at once), the server
# is killed with SIGKILL at a random 0.5-3 s into the burst; then the database is checked as the
# crash left it (SQLite PRAGMA integrity_check, `abdi audit verify`), the server restarted (time
# to a healthy /health measured, must be <= 5 s) and every acknowledged unit must be there.
# Every burst unit must have its audit row and the reverse (same transaction).
# Prints: trials, acked_writes, lost, present_but_unacked, orphans, integrity_fail, audit_fail,
# median_restart_ms. Default 5 trials (the plan's full run is 20: pass TRIALS=20).
set -euo pipefail

[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 BIN sqlite|postgresql [TRIALS]" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/api/server.sh
source "$HERE/../api/server.sh"
TRIALS=${3:-5}
[[ "$TRIALS" =~ ^[1-9][0-9]*$ ]] || die "TRIALS must be a positive integer"

export ABDI_PASSWORD=${ABDI_PASSWORD:-'Sandi-Uji-Demo-2026!x'}
abdi_env_init "$1" "$2"
abdi_init_db

# The helpers in tests/api/lib.mjs read these.
export ABDI_URL ABDI_BIN ABDI_DB_URL="$URL" ABDI_ENGINE="$ENGINE" ABDI_CLOCK_FILE="$CLOCK_FILE" \
    ABDI_AUDIT_KEY="$AUDIT_KEY" ABDI_SERVER_LOG="$SERVER_LOG" ABDI_TMPDIR="$TMP" ABDI_PID=0

abdi_start_server
abdi_wait_health 10 >/dev/null || { tail -n 50 "$SERVER_LOG" >&2; exit 1; }

# A burst unit without its unit.create audit row, or the reverse: must be 0 (one transaction).
ORPHANS_SQL="SELECT (SELECT count(*) FROM units u WHERE u.name LIKE 'Unit Uji Crash %' AND NOT EXISTS
  (SELECT 1 FROM audit_log a WHERE a.action = 'unit.create' AND a.entity = 'unit' AND a.entity_id = CAST(u.id AS TEXT)))
 + (SELECT count(*) FROM audit_log a WHERE a.action = 'unit.create' AND NOT EXISTS
  (SELECT 1 FROM units u WHERE CAST(u.id AS TEXT) = a.entity_id))"

acked_total=0 lost=0 unacked_total=0 integrity_fail=0 audit_fail=0 restart_slow=0 empty_trials=0 orphans=0
restart_ms=()
for ((t = 1; t <= TRIALS; t++)); do
    acked_file=$TMP/acked.$t
    ready=$TMP/ready.$t
    : >"$acked_file"
    node "$HERE/burst.mjs" write "$t" "$acked_file" "$ready" >"$TMP/burst.$t.log" 2>&1 &
    burst_pid=$!
    for ((i = 0; i < 300; i++)); do
        [ ! -e "$ready" ] || break
        sleep 0.05
    done
    [ -e "$ready" ] || { cat "$TMP/burst.$t.log" >&2; die "trial $t: the burst did not start"; }
    kill_ms=$((500 + RANDOM % 2501))
    sleep "$(printf '%d.%03d' $((kill_ms / 1000)) $((kill_ms % 1000)))"
    abdi_kill_server
    burst_rc=0
    wait "$burst_pid" || burst_rc=$?
    [ "$burst_rc" = 0 ] || { cat "$TMP/burst.$t.log" >&2; die "trial $t: burst.mjs failed"; }
    acked=$(wc -l <"$acked_file")
    acked_total=$((acked_total + acked))
    [ "$acked" -gt 0 ] || { empty_trials=$((empty_trials + 1)); cat "$TMP/burst.$t.log" >&2; }

    # The database as the crash left it.
    if [ "$ENGINE" = sqlite ]; then
        ic=$(sqlite3 "${URL#sqlite:}" 'PRAGMA integrity_check' 2>&1 || true)
        [ "$ic" = ok ] || { integrity_fail=$((integrity_fail + 1)); echo "trial $t: integrity_check: $ic" >&2; }
    fi
    o=$(db_query "$ORPHANS_SQL")
    [ "$o" = 0 ] || { orphans=$((orphans + o)); echo "trial $t: $o units without audit row or audit rows without unit" >&2; }
    if ! abdi_cli audit verify >"$TMP/verify.$t.log" 2>&1; then
        audit_fail=$((audit_fail + 1))
        echo "trial $t: audit verify failed:" >&2
        cat "$TMP/verify.$t.log" >&2
    fi

    abdi_start_server
    ms=$(abdi_wait_health 10) || { tail -n 50 "$SERVER_LOG" >&2; die "trial $t: no restart"; }
    restart_ms+=("$ms")
    [ "$ms" -le 5000 ] || restart_slow=$((restart_slow + 1))
    check_rc=0
    check=$(node "$HERE/burst.mjs" check "$t" "$acked_file") || check_rc=$?
    echo "trial $t: kill_after_ms=$kill_ms $(head -n 1 "$TMP/burst.$t.log") | $check restart_ms=$ms"
    m=$(sed -n 's/.* missing=\([0-9]*\).*/\1/p' <<<"$check")
    u=$(sed -n 's/.* present_but_unacked=\([0-9]*\).*/\1/p' <<<"$check")
    [ -n "$m" ] || die "trial $t: check failed: $check"
    lost=$((lost + m))
    unacked_total=$((unacked_total + ${u:-0}))
    [ "$check_rc" = 0 ] || [ "$m" -gt 0 ] || die "trial $t: check failed: $check"
done

abdi_stop_server 10
final_verify=ok
abdi_cli audit verify >"$TMP/verify.final.log" 2>&1 || { final_verify=fail; audit_fail=$((audit_fail + 1)); cat "$TMP/verify.final.log" >&2; }
san=$(sanitizer_reports)
median=$(printf '%s\n' "${restart_ms[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')

ok=yes
[ "$lost" = 0 ] && [ "$orphans" = 0 ] && [ "$integrity_fail" = 0 ] && [ "$audit_fail" = 0 ] && [ "$restart_slow" = 0 ] &&
    [ "$empty_trials" = 0 ] && [ "$SERVER_RC" = 0 ] && [ "$san" = 0 ] || ok=no
[ "$ok" = yes ] || { echo "--- last 50 lines of server.log ---" >&2; tail -n 50 "$SERVER_LOG" >&2; }
echo "crash engine=$ENGINE trials=$TRIALS acked_writes=$acked_total lost=$lost present_but_unacked=$unacked_total orphans=$orphans" \
    "integrity_fail=$integrity_fail audit_fail=$audit_fail median_restart_ms=$median restart_slow=$restart_slow" \
    "empty_trials=$empty_trials final_verify=$final_verify server_exit=$SERVER_RC sanitizer_reports=$san" \
    "result=$([ $ok = yes ] && echo PASS || echo FAIL)"
[ "$ok" = yes ]
