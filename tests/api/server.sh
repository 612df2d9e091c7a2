# tests/api/server.sh - shared by tests/api/run.sh and tests/crash/run.sh (source it; bash).
# Gives a throwaway database (SQLite file or own PostgreSQL cluster), the abdi CLI bound to it,
# and start/stop/health of `abdi serve` on a free loopback port with the fake clock file.
#
# After `abdi_env_init BIN ENGINE` these are set:
#   ABDI_BIN ENGINE TMP URL AUDIT_KEY CLOCK_FILE SERVER_LOG PORT ABDI_URL [PGDIR PGPORT]
# The EXIT trap stops the server and the cluster and removes the temp dirs, also on failure.
# Set KEEP_TMP=1 to keep the temp dir for a post-mortem.

SERVER_PID=
PGDIR=
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$TESTS_DIR/.." && pwd)

die() {
    echo "$*" >&2
    exit 2
}

# An absolute path (for the binary given relative to the repo).
abs_path() {
    case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(pwd)" "$1" ;;
    esac
}

# A free TCP port on 127.0.0.1 (bind to port 0 and read what the kernel chose).
free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Tools the suites shell out to: node, curl, sqlite3 (SQLite tamper and integrity checks), psql.
ensure_tools() {
    command -v node >/dev/null || die "node (20) is required"
    command -v curl >/dev/null || die "curl is required"
    if [ "$ENGINE" = sqlite ] && ! command -v sqlite3 >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "installing sqlite3 (apt)" >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null ||
                { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
        fi
        command -v sqlite3 >/dev/null || die "sqlite3 is required (apt-get install sqlite3)"
    fi
    if [ "$ENGINE" = postgresql ]; then
        command -v psql >/dev/null || die "psql is required (apt-get install postgresql-client-15)"
    fi
}

abdi_cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$PGDIR" ]; then
        bash "$TESTS_DIR/pg-cluster.sh" stop "$PGDIR" || true
        [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$PGDIR"
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "kept $TMP ${PGDIR:+and $PGDIR}" >&2
    else
        rm -rf "$TMP"
    fi
    exit "$rc"
}

# abdi_env_init BIN ENGINE: temp dir, database (and cluster), trap.
abdi_env_init() {
    ABDI_BIN=$(abs_path "$1")
    ENGINE=$2
    [ -x "$ABDI_BIN" ] || die "not an executable: $1"
    case "$ENGINE" in sqlite | postgresql) ;; *) die "ENGINE must be sqlite or postgresql" ;; esac
    ensure_tools
    TMP=$(mktemp -d /tmp/abdi-test.XXXXXX)
    trap abdi_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    AUDIT_KEY=$TMP/audit.key
    CLOCK_FILE=$TMP/clock
    SERVER_LOG=$TMP/server.log
    echo 0 >"$CLOCK_FILE"
    : >"$SERVER_LOG"
    if [ "$ENGINE" = postgresql ]; then
        PGDIR=$(mktemp -d /tmp/abdi-pg.XXXXXX)
        PGPORT=$(free_port)
        bash "$TESTS_DIR/pg-cluster.sh" start "$PGDIR" "$PGPORT"
        URL="postgresql://postgres@127.0.0.1:$PGPORT/abdi_test"
    else
        URL="sqlite:$TMP/abdi.db"
    fi
    PORT=$(free_port)
    ABDI_URL="http://127.0.0.1:$PORT"
}

# The CLI bound to this database and audit key.
abdi_cli() {
    "$ABDI_BIN" --db "$URL" --audit-key "$AUDIT_KEY" "$@"
}

# migrate + demo data with the test password.
abdi_init_db() {
    abdi_cli migrate >"$TMP/migrate.log" 2>&1 || { cat "$TMP/migrate.log" >&2; die "abdi migrate failed"; }
    abdi_cli demo --password "$ABDI_PASSWORD" >"$TMP/demo.log" 2>&1 ||
        { cat "$TMP/demo.log" >&2; die "abdi demo failed"; }
}

# Start `abdi serve` in the background (stderr appended to SERVER_LOG), set SERVER_PID.
abdi_start_server() {
    # Uploaded documents: SQLite keeps them in "<db>.files" by default; PostgreSQL gets a
    # directory in the temp dir (FILES_DIR) instead of ./abdi-files in the repository.
    FILES_DIR=${URL#sqlite:}.files
    local files_opt=()
    if [ "$ENGINE" = postgresql ]; then
        FILES_DIR=$TMP/files
        files_opt=(--files "$FILES_DIR")
    fi
    (cd "$REPO_ROOT" && ABDI_TEST_CLOCK_FILE="$CLOCK_FILE" exec "$ABDI_BIN" --db "$URL" \
        --audit-key "$AUDIT_KEY" serve --listen "127.0.0.1:$PORT" "${files_opt[@]}" \
        2>>"$SERVER_LOG" >>"$TMP/server.out") &
    SERVER_PID=$!
}

# Wait until GET /api/v1/health answers 200; prints the milliseconds waited. Fails after $1 s.
abdi_wait_health() {
    local limit=${1:-10} t0 now code
    t0=$(date +%s%N)
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$ABDI_URL/api/v1/health" || true)
        now=$(date +%s%N)
        if [ "$code" = 200 ]; then
            echo $(((now - t0) / 1000000))
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "abdi serve exited before becoming healthy" >&2
            return 1
        fi
        if [ $(((now - t0) / 1000000000)) -ge "$limit" ]; then
            echo "abdi serve not healthy within ${limit}s" >&2
            return 1
        fi
        sleep 0.05
    done
}

# SIGTERM the server; SERVER_RC = its exit status, or "timeout" when it outlived $1 s (then killed).
abdi_stop_server() {
    local limit=${1:-10} i
    SERVER_RC=
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for ((i = 0; i < limit * 20; i++)); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_RC=timeout
    else
        SERVER_RC=0
        wait "$SERVER_PID" || SERVER_RC=$?
    fi
    SERVER_PID=
}

# kill -9 the server and reap it.
abdi_kill_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# One SQL query on the suite's database through sqlite3 or psql; prints the rows.
db_query() {
    if [ "$ENGINE" = sqlite ]; then
        sqlite3 -bail "${URL#sqlite:}" "$1"
    else
        psql "$URL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"
    fi
}

# Sanitizer reports in the server log (ASan/UBSan/TSan/LSan builds).
sanitizer_reports() {
    grep -cE 'ERROR: (Address|Leak|Thread|Memory)Sanitizer|WARNING: ThreadSanitizer|runtime error:' "$SERVER_LOG" || true
}
