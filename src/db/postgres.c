/* postgres.c - the PostgreSQL engine behind struct db_ops, on libpq; the only file that
 * includes libpq-fe.h. Statements are prepared on the server once per connection as "s1",
 * "s2"... and run with text parameters. A lost connection is reset only outside a
 * transaction, and its statements are prepared again on their next step. Server messages go
 * to err.detail for the log, never to a client. */
#include "db/db_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/log.h"
#include "core/mem.h"

/* pg_type OIDs; the server headers that name them are not part of libpq-dev. */
#define PG_OID_BOOL 16
#define PG_OID_INT8 20

struct pg_conn {
    PGconn *conn;
    int next_name; /* statement names are "s<next_name>" */
    unsigned gen;  /* bumped by each reconnect: statements prepared before it are gone */
};

struct pg_stmt {
    char name[16];
    unsigned gen;  /* the connection generation this statement was prepared in */
    PGresult *res; /* result of the current execution, or NULL */
    int row;       /* current row, -1 before the first */
    int nrows;
};

/* Messages from libpq span lines and end in a newline; the log wants one line. */
static void copy_oneline(char *dst, size_t cap, const char *prefix, const char *msg)
{
    size_t n;

    snprintf(dst, cap, "%s%s", prefix, msg ? msg : "");
    for (char *p = dst; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    n = strlen(dst);
    while (n > 0 && dst[n - 1] == ' ')
        dst[--n] = '\0';
}

static void pg_notice(void *arg, const char *message)
{
    char line[320];

    (void)arg;
    copy_oneline(line, sizeof line, "", message);
    log_event("db_notice", "engine", "postgresql", "msg", line, (const char *)NULL);
}

/* Busy, unavailable or out of resources: worth retrying later (503), not our bug. */
static int sqlstate_is_storage(const char *s)
{
    static const char *const classes[] = {"08", "53", "58"};
    static const char *const codes[] = {"40001", "40P01", "55P03", "57014"};

    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strncmp(s, classes[i], 2) == 0)
            return 1;
    if (strncmp(s, "57P", 3) == 0)
        return 1;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(s, codes[i]) == 0)
            return 1;
    return 0;
}

static enum err_code sqlstate_code(PGconn *conn, const char *state)
{
    if (PQstatus(conn) == CONNECTION_BAD)
        return ERR_STORAGE;
    if (!state || !*state)
        return ERR_INTERNAL;
    if (strncmp(state, "23", 2) == 0)
        return ERR_CONFLICT;
    if (strcmp(state, "08P01") == 0) /* protocol violation: we sent a wrong bind */
        return ERR_INTERNAL;
    if (sqlstate_is_storage(state))
        return ERR_STORAGE;
    return ERR_INTERNAL;
}

/* Fill e from a failed result (res may be NULL: libpq could not even build one). */
static enum err_code pg_fail(PGconn *conn, const PGresult *res, struct err *e)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char prefix[16] = "";
    char detail[320];

    if (!msg || !*msg)
        msg = res ? PQresultErrorMessage(res) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(conn);
    if (res && !*msg)
        msg = PQresStatus(PQresultStatus(res));
    if (state)
        snprintf(prefix, sizeof prefix, "%.5s: ", state);
    copy_oneline(detail, sizeof detail, prefix, msg);
    return db_fail(e, sqlstate_code(conn, state), detail);
}

static enum err_code pg_session_setup(PGconn *conn, struct err *e)
{
    PGresult *res;
    enum err_code rc = ERR_OK;

    PQsetNoticeProcessor(conn, pg_notice, NULL);
    res = PQexec(conn, "SET client_min_messages = warning; SET TimeZone = 'UTC'");
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_fail(conn, res, e);
    PQclear(res);
    return rc;
}

/* A broken connection is reset once, but never inside a transaction: its work is lost and
 * the caller must see the failure and roll back. */
static enum err_code pg_ready(struct db *db, struct err *e)
{
    struct pg_conn *pc = db->impl;

    if (PQstatus(pc->conn) == CONNECTION_OK)
        return ERR_OK;
    if (db->in_tx)
        return db_fail(e, ERR_STORAGE, "connection lost inside a transaction");
    PQreset(pc->conn);
    pc->gen++;
    if (PQstatus(pc->conn) != CONNECTION_OK)
        return pg_fail(pc->conn, NULL, e);
    return pg_session_setup(pc->conn, e);
}

static enum err_code pg_open(struct db *db, const char *target, struct err *e)
{
    struct pg_conn *pc = NULL;
    PGconn *conn;
    enum err_code rc;

    conn = PQconnectdb(target);
    if (!conn)
        return db_fail(e, ERR_STORAGE, "libpq: out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        rc = pg_fail(conn, NULL, e);
        goto out;
    }
    rc = pg_session_setup(conn, e);
    if (rc)
        goto out;
    pc = xcalloc(1, sizeof *pc);
    pc->conn = conn;
    db->impl = pc;
out:
    if (rc)
        PQfinish(conn);
    return rc;
}

static void pg_close(struct db *db)
{
    struct pg_conn *pc = db->impl;

    if (!pc)
        return;
    PQfinish(pc->conn);
    free(pc);
    db->impl = NULL;
}

static enum err_code pg_exec_script(struct db *db, const char *sql, struct err *e)
{
    struct pg_conn *pc = db->impl;
    PGresult *res = NULL;
    ExecStatusType status;
    enum err_code rc;

    /* db_rollback after a failed COMMIT or a lost connection: the server has already ended
     * the transaction, and sending ROLLBACK would only draw a warning (or a reconnect). */
    if (strcmp(sql, "ROLLBACK") == 0 && (PQstatus(pc->conn) != CONNECTION_OK ||
                                         PQtransactionStatus(pc->conn) == PQTRANS_IDLE))
        return ERR_OK;
    rc = pg_ready(db, e);
    if (rc)
        return rc;
    res = PQexec(pc->conn, sql);
    status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        rc = pg_fail(pc->conn, res, e);
        goto out;
    }
    /* COMMIT of a transaction in which a statement failed succeeds as "ROLLBACK": the
     * caller went on after an error and nothing was written. */
    if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
        rc = db_fail(e, ERR_INTERNAL, "COMMIT rolled back: a statement in the transaction failed");
out:
    PQclear(res);
    return rc;
}

static enum err_code pg_prepare_named(struct pg_conn *pc, struct db_stmt *st, struct err *e)
{
    struct pg_stmt *ps = st->impl;
    PGresult *res;
    enum err_code rc = ERR_OK;

    res = PQprepare(pc->conn, ps->name, st->sql, st->nparams, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_fail(pc->conn, res, e);
    else
        ps->gen = pc->gen;
    PQclear(res);
    return rc;
}

static enum err_code pg_prepare(struct db *db, struct db_stmt *st, struct err *e)
{
    struct pg_conn *pc = db->impl;
    struct pg_stmt *ps;
    enum err_code rc;

    rc = pg_ready(db, e);
    if (rc)
        return rc;
    ps = xcalloc(1, sizeof *ps);
    ps->row = -1;
    snprintf(ps->name, sizeof ps->name, "s%d", ++pc->next_name);
    st->impl = ps;
    rc = pg_prepare_named(pc, st, e);
    if (rc) {
        st->impl = NULL;
        free(ps);
    }
    return rc;
}

static void pg_reset(struct db_stmt *st)
{
    struct pg_stmt *ps = st->impl;

    if (!ps)
        return;
    PQclear(ps->res);
    ps->res = NULL;
    ps->row = -1;
    ps->nrows = 0;
}

static void pg_finalize(struct db_stmt *st)
{
    pg_reset(st);
    free(st->impl);
    st->impl = NULL;
}

/* Rows affected, for INSERT/UPDATE/DELETE/MERGE only: PQcmdTuples also counts SELECT rows. */
static int64_t pg_changes(PGresult *res)
{
    static const char *const verbs[] = {"INSERT ", "UPDATE ", "DELETE ", "MERGE "};
    const char *status = PQcmdStatus(res);
    const char *n = PQcmdTuples(res);

    if (!*n)
        return 0;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strncmp(status, verbs[i], strlen(verbs[i])) == 0)
            return strtoll(n, NULL, 10);
    return 0;
}

/* Send the statement with st->params as text; on success ps->res holds the result. */
static int pg_execute(struct db_stmt *st, struct err *e)
{
    struct pg_conn *pc = st->db->impl;
    struct pg_stmt *ps = st->impl;
    char ints[DB_MAX_PARAMS][24];
    const char *values[DB_MAX_PARAMS];
    PGresult *res;
    ExecStatusType status;

    if (pg_ready(st->db, e))
        return -1;
    if (ps->gen != pc->gen && pg_prepare_named(pc, st, e))
        return -1;
    for (int i = 0; i < st->nparams; i++) {
        const struct db_param *p = &st->params[i];

        values[i] = NULL;
        if (p->type == DB_PARAM_INT) {
            snprintf(ints[i], sizeof ints[i], "%" PRId64, p->i);
            values[i] = ints[i];
        } else if (p->type == DB_PARAM_TEXT) {
            /* PostgreSQL text cannot hold NUL; cutting the value short would be silent */
            if (memchr(p->s, '\0', p->len)) {
                char detail[64];

                snprintf(detail, sizeof detail, "text parameter $%d contains a NUL byte", i + 1);
                db_fail(e, ERR_INTERNAL, detail);
                return -1;
            }
            values[i] = p->s;
        }
    }
    res = PQexecPrepared(pc->conn, ps->name, st->nparams, st->nparams ? values : NULL, NULL,
                         NULL, 0);
    status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        pg_fail(pc->conn, res, e);
        PQclear(res);
        return -1;
    }
    PQclear(ps->res);
    ps->res = res;
    ps->row = -1;
    ps->nrows = PQntuples(res);
    st->changes = pg_changes(res);
    st->started = 1;
    return 0;
}

static int pg_step(struct db_stmt *st, struct err *e)
{
    struct pg_stmt *ps = st->impl;

    if (!st->started && pg_execute(st, e) < 0)
        return -1;
    if (ps->row < ps->nrows)
        ps->row++;
    return ps->row < ps->nrows ? 1 : 0;
}

/* The current row's result if col names a column of it, else NULL. */
static const PGresult *pg_cell(struct db_stmt *st, int col)
{
    struct pg_stmt *ps = st->impl;

    if (!ps || !ps->res || ps->row < 0 || ps->row >= ps->nrows)
        return NULL;
    if (col < 0 || col >= PQnfields(ps->res))
        return NULL;
    return ps->res;
}

static int pg_col_count(struct db_stmt *st)
{
    struct pg_stmt *ps = st->impl;

    return ps && ps->res ? PQnfields(ps->res) : 0;
}

static int pg_col_is_null(struct db_stmt *st, int col)
{
    const PGresult *res = pg_cell(st, col);
    struct pg_stmt *ps = st->impl;

    return res ? PQgetisnull(res, ps->row, col) : 1;
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
    const PGresult *res = pg_cell(st, col);
    struct pg_stmt *ps = st->impl;

    if (!res || PQgetisnull(res, ps->row, col))
        return NULL;
    return PQgetvalue(res, ps->row, col);
}

static int64_t pg_col_int(struct db_stmt *st, int col)
{
    const char *s = pg_col_text(st, col);
    struct pg_stmt *ps = st->impl;

    if (!s)
        return 0;
    /* the schema stores 0/1, but an expression such as EXISTS (...) yields 't' / 'f' */
    if (PQftype(ps->res, col) == PG_OID_BOOL)
        return s[0] == 't';
    return strtoll(s, NULL, 10);
}

static enum err_code pg_lock(struct db *db, int64_t key, struct err *e)
{
    static const Oid types[1] = {PG_OID_INT8};
    struct pg_conn *pc = db->impl;
    char text[24];
    const char *values[1] = {text};
    PGresult *res;
    enum err_code rc;

    rc = pg_ready(db, e);
    if (rc)
        return rc;
    snprintf(text, sizeof text, "%" PRId64, key);
    res = PQexecParams(pc->conn, "SELECT pg_advisory_xact_lock($1)", 1, types, values, NULL,
                       NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        rc = pg_fail(pc->conn, res, e);
    PQclear(res);
    return rc;
}

static enum err_code pg_backup(struct db *db, const char *path, struct err *e)
{
    (void)db;
    (void)path;
    return err_set(e, ERR_INVALID, "backup_unsupported", NULL,
                   "Cadangan PostgreSQL memakai pg_dump");
}

const struct db_ops db_postgres_ops = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec_script = pg_exec_script,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .step = pg_step,
    .reset = pg_reset,
    .col_count = pg_col_count,
    .col_is_null = pg_col_is_null,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .lock = pg_lock,
    .backup = pg_backup,
    .begin_sql = "BEGIN",
};
