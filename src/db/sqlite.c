/* sqlite.c - the SQLite engine behind struct db_ops: WAL, foreign keys, busy timeout,
 * synchronous=FULL (security.md: a system of record must not lose acknowledged commits;
 * ABDI_SQLITE_SYNC=NORMAL is the documented opt-in). The only file including sqlite3.h. */
#include "db/db_int.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/tcache.h"

#define SQLITE_BUSY_TIMEOUT_MS 5000
/* Page cache per connection (negative: KiB). A write transaction gets 64 MiB, so that a bulk
 * one (an import of 100,000 rows) keeps its pages until the commit instead of spilling them to
 * the WAL; outside it the cache shrinks back to 8 MiB (SQLite frees the rest), so that a read
 * of every row (the whole government's DUK) does not leave 64 MiB per server thread behind. */
#define SQ_CACHE_WRITE "-65536"
#define SQ_CACHE_READ "-8192"

static enum err_code sqlite_err(struct err *e, sqlite3 *h, int rc)
{
    char detail[256];
    int prim = rc & 0xff;
    enum err_code code = ERR_INTERNAL;

    snprintf(detail, sizeof detail, "sqlite %d: %s", rc, h ? sqlite3_errmsg(h) : "");
    if (prim == SQLITE_CONSTRAINT)
        code = ERR_CONFLICT;
    else if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED || prim == SQLITE_FULL ||
             prim == SQLITE_IOERR || prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN ||
             prim == SQLITE_NOMEM || prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
        code = ERR_STORAGE;
    return db_fail(e, code, detail);
}

static enum err_code sq_exec_script(struct db *db, const char *sql, struct err *e)
{
    sqlite3 *h = db->impl;
    char *msg = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);

    sqlite3_free(msg);
    if (rc != SQLITE_OK)
        return sqlite_err(e, h, rc);
    return ERR_OK;
}

/* ABDI_SLOW_SQL_MS=N: log every statement that ran N ms or longer (event slow_sql), the
 * way to find which query a slow request spends its time in. */
static int slow_sql(unsigned type, void *ctx, void *p, void *x)
{
    long long limit_ns = (long long)(intptr_t)ctx * 1000000LL;
    long long ns = *(long long *)x;
    char ms[32];
    char *sql;

    if (type != SQLITE_TRACE_PROFILE || ns < limit_ns)
        return 0;
    snprintf(ms, sizeof ms, "%.2f", (double)ns / 1e6);
    sql = sqlite3_expanded_sql(p);
    log_event("slow_sql", "ms", ms, "sql", sql ? sql : sqlite3_sql(p), NULL);
    sqlite3_free(sql);
    return 0;
}

static void slow_sql_trace(sqlite3 *h)
{
    const char *v = getenv("ABDI_SLOW_SQL_MS");
    long ms = v ? strtol(v, NULL, 10) : 0;

    if (ms > 0)
        sqlite3_trace_v2(h, SQLITE_TRACE_PROFILE, slow_sql, (void *)(intptr_t)ms);
}

/* Under AddressSanitizer and ThreadSanitizer SQLite keeps its own allocator, so that they
 * see every block. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SQ_SYSTEM_MALLOC 1
#endif

#ifndef SQ_SYSTEM_MALLOC
static int sq_mem_init(void *app)
{
    (void)app;
    return SQLITE_OK;
}

static void sq_mem_shutdown(void *app)
{
    (void)app;
}
#endif

/* Before SQLite's first use: no global memory statistics (they take a process-wide mutex
 * on every allocation, which the server threads then queue on), and SQLite's small blocks
 * through core/tcache: Debian builds SQLite without lookaside memory (SQLITE_OMIT_LOOKASIDE),
 * so every value a statement copies into a register and every cursor went to malloc and back,
 * about 45 malloc/free pairs for one employee record, each taking a glibc arena's lock. */
static pthread_once_t sq_config_once = PTHREAD_ONCE_INIT;

static void sq_config(void)
{
#ifndef SQ_SYSTEM_MALLOC
    static const sqlite3_mem_methods tc_methods = {
        tcache_alloc,   tcache_free, tcache_realloc,  tcache_size,
        tcache_roundup, sq_mem_init, sq_mem_shutdown, NULL};

    if (tcache_init() == 0)
        sqlite3_config(SQLITE_CONFIG_MALLOC, &tc_methods);
#endif
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

/* 1 when the connection's journal mode is WAL (not for :memory: or a read-only file). */
static int journal_is_wal(sqlite3 *h)
{
    sqlite3_stmt *s = NULL;
    int wal = 0;

    if (sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        const unsigned char *m = sqlite3_column_text(s, 0);

        wal = m && strcmp((const char *)m, "wal") == 0;
    }
    sqlite3_finalize(s);
    return wal;
}

static enum err_code sq_open(struct db *db, const char *target, struct err *e)
{
    sqlite3 *h = NULL;
    const char *sync = getenv("ABDI_SQLITE_SYNC");
    int rc;
    enum err_code erc;

    pthread_once(&sq_config_once, sq_config);
    rc = sqlite3_open_v2(target, &h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        erc = sqlite_err(e, h, rc);
        sqlite3_close(h);
        return erc;
    }
    sqlite3_busy_timeout(h, SQLITE_BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(h, 1);
    slow_sql_trace(h);
    db->impl = h;
    erc = sq_exec_script(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=" SQ_CACHE_READ ";", e);
    if (!erc)
        erc = sq_exec_script(db, (sync && strcmp(sync, "NORMAL") == 0)
                                     ? "PRAGMA synchronous=NORMAL;"
                                     : "PRAGMA synchronous=FULL;",
                             e);
    if (erc) {
        sqlite3_close(h);
        db->impl = NULL;
        return erc;
    }
    db->wal = journal_is_wal(h);
    return ERR_OK;
}

static void sq_close(struct db *db)
{
    sqlite3_close(db->impl);
}

/* The WAL index header (https://www.sqlite.org/walformat.html, 2.1: the wal-index starts
 * with two copies of it, in native byte order): iChange at byte 8 grows with every
 * committed transaction, mxFrame at 16 and the first salt at 32 change with every commit
 * and every restart of the WAL. Read without a lock from SQLite's own mapping of the
 * wal-index (its first 32 KiB region, through the VFS method xShmMap, as SQLite's WAL code
 * gets it; mapped for as long as the connection is open): a commit whose writer has
 * answered has written the header; one under way may be seen either way, as any
 * concurrent commit. Never a file of our own on the -shm: closing it would drop the
 * process's POSIX locks on it, SQLite's included. */
#define SQ_WALINDEX_PAGE 32768

static int sq_change_mark(struct db *db, uint32_t mark[DB_MARK_LEN])
{
    const volatile uint32_t *h = db->shm;

    if (!h) {
        sqlite3_file *f = NULL;
        void volatile *region = NULL;

        if (!db->wal || db->shm_failed)
            return -1;
        if (sqlite3_file_control(db->impl, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK ||
            !f || !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap) {
            db->shm_failed = 1; /* every request then takes its own snapshot */
            return -1;
        }
        if (f->pMethods->xShmMap(f, 0, SQ_WALINDEX_PAGE, 0, &region) != SQLITE_OK || !region)
            return -1; /* not mapped yet: asked again at the next read */
        db->shm = (void *)(uintptr_t)region;
        h = region;
    }
    mark[0] = __atomic_load_n(&h[2], __ATOMIC_ACQUIRE);
    mark[1] = __atomic_load_n(&h[4], __ATOMIC_ACQUIRE);
    mark[2] = __atomic_load_n(&h[8], __ATOMIC_ACQUIRE);
    return 0;
}

static enum err_code sq_prepare(struct db *db, struct db_stmt *st, struct err *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v3(db->impl, st->sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);

    if (rc != SQLITE_OK)
        return sqlite_err(e, db->impl, rc);
    st->impl = s;
    return ERR_OK;
}

static void sq_finalize(struct db_stmt *st)
{
    sqlite3_finalize(st->impl);
}

static int sq_step(struct db_stmt *st, struct err *e)
{
    sqlite3_stmt *s = st->impl;
    sqlite3 *h = st->db->impl;
    int rc;

    if (!st->started) {
        for (int i = 0; i < st->nparams; i++) {
            const struct db_param *p = &st->params[i];

            if (p->type == DB_PARAM_INT)
                rc = sqlite3_bind_int64(s, i + 1, p->i);
            else if (p->type == DB_PARAM_TEXT)
                rc = sqlite3_bind_text(s, i + 1, p->s, (int)p->len, SQLITE_STATIC);
            else
                rc = sqlite3_bind_null(s, i + 1);
            if (rc != SQLITE_OK) {
                sqlite_err(e, h, rc);
                return -1;
            }
        }
        st->started = 1;
        st->changes = 0;
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE) {
        st->changes = sqlite3_changes64(h);
        return 0;
    }
    sqlite_err(e, h, rc);
    return -1;
}

static void sq_reset(struct db_stmt *st)
{
    sqlite3_reset(st->impl);
    sqlite3_clear_bindings(st->impl);
}

static int sq_col_count(struct db_stmt *st)
{
    return sqlite3_column_count(st->impl);
}

static int sq_col_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(st->impl, col) == SQLITE_NULL;
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->impl, col);
}

static int64_t sq_col_int(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(st->impl, col);
}

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

static void sq_release_memory(struct db *db)
{
    sqlite3_db_release_memory(db->impl);
}

static int sq_change_stamp(struct db *db, uint64_t stamp[DB_STAMP_LEN])
{
    struct db_stmt *st;
    struct err e = {0};
    int r;

    if (db_prepare(db, SQL_DATA_VERSION, &st, &e))
        return -1;
    r = db_step(st, &e);
    if (r == 1)
        stamp[0] = (uint64_t)db_col_int(st, 0);
    db_reset(st);
    stamp[1] = (uint64_t)sqlite3_total_changes64(db->impl); /* this connection's own writes */
    return r == 1 ? 0 : -1;
}

static enum err_code sq_lock(struct db *db, int64_t key, struct err *e)
{
    (void)db, (void)key, (void)e; /* BEGIN IMMEDIATE already holds the one write lock */
    return ERR_OK;
}

/* VACUUM INTO copies in one read transaction: consistent while others write, and it does
 * not restart forever under load as a paced sqlite3_backup_step() would (security.md). */
static enum err_code sq_backup(struct db *db, const char *path, struct err *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db->impl, "VACUUM INTO ?1", -1, &s, NULL);
    enum err_code erc = ERR_OK;

    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        erc = sqlite_err(e, db->impl, rc);
    sqlite3_finalize(s);
    return erc;
}

const struct db_ops db_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec_script = sq_exec_script,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .step = sq_step,
    .reset = sq_reset,
    .col_count = sq_col_count,
    .col_is_null = sq_col_is_null,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .lock = sq_lock,
    .backup = sq_backup,
    .change_stamp = sq_change_stamp,
    .change_mark = sq_change_mark,
    .release_memory = sq_release_memory,
    .begin_sql = "PRAGMA cache_size=" SQ_CACHE_WRITE "; BEGIN IMMEDIATE",
    .end_sql = "PRAGMA cache_size=" SQ_CACHE_READ,
};
