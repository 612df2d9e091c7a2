/* db.c - engine-neutral half of the database layer: URL dispatch, the per-connection
 * statement cache, parameter storage, transactions and the per-thread connection pool.
 * SQL uses $1..$n; for SQLite they become ?1..?n here, outside string literals. */
#include "db/db_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/limits.h"
#include "core/mem.h"

enum err_code db_fail(struct err *e, enum err_code code, const char *detail)
{
    if (code != ERR_CONFLICT && code != ERR_STORAGE)
        code = ERR_INTERNAL;
    if (!e)
        return code;
    if (code == ERR_CONFLICT)
        err_set(e, code, "conflict", NULL, "Data bentrok dengan data yang sudah ada");
    else if (code == ERR_STORAGE)
        err_set(e, code, "storage_unavailable", NULL,
                "Penyimpanan data sedang tidak tersedia, coba lagi sebentar lagi");
    else
        err_set(e, ERR_INTERNAL, "internal", NULL, "Terjadi kesalahan pada server");
    err_detail(e, "%s", detail ? detail : "");
    return code;
}

static atomic_uint_fast64_t db_serials; /* db->serial: never reused in a process */

enum err_code db_open(const char *url, struct db **out, struct err *e)
{
    const struct db_ops *ops;
    const char *target;
    struct db *db;
    enum err_code rc;

    if (!url)
        return err_set(e, ERR_INVALID, "db_url_invalid", "db", "Alamat basis data kosong");
    if (strncmp(url, "sqlite:", 7) == 0) {
        ops = &db_sqlite_ops;
        target = url + 7;
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        ops = &db_postgres_ops;
        target = url;
    } else {
        return err_set(e, ERR_INVALID, "db_url_invalid", "db",
                       "Alamat basis data harus sqlite:PATH atau postgresql://...");
    }
    if (!*target)
        return err_set(e, ERR_INVALID, "db_url_invalid", "db", "Alamat basis data kosong");
    db = xcalloc(1, sizeof *db);
    pthread_mutex_init(&db->use_mu, NULL);
    db->serial = atomic_fetch_add(&db_serials, 1) + 1;
    db->ops = ops;
    db->engine = ops == &db_sqlite_ops ? DB_ENGINE_SQLITE : DB_ENGINE_POSTGRES;
    rc = ops->open(db, target, e);
    if (rc) {
        pthread_mutex_destroy(&db->use_mu);
        free(db);
        return rc;
    }
    *out = db;
    return ERR_OK;
}

static void settle(struct db *db);

static void stmt_free(struct db_stmt *st)
{
    db_reset(st);
    st->db->ops->finalize(st);
    free(st->sql);
    free(st);
}

void db_close(struct db *db)
{
    if (!db)
        return;
    settle(db);
    if (db->in_tx)
        db_rollback(db);
    for (int i = 0; i < DB_CACHE_BUCKETS; i++) {
        struct db_stmt *st = db->cache[i], *next;

        for (; st; st = next) {
            next = st->next;
            stmt_free(st);
        }
    }
    db->ops->close(db);
    pthread_mutex_destroy(&db->use_mu);
    free(db);
}

enum db_engine db_engine(const struct db *db)
{
    return db->engine;
}

const char *db_engine_name(const struct db *db)
{
    return db->ops->name;
}

enum err_code db_exec_script(struct db *db, const char *sql, struct err *e)
{
    settle(db);
    return db->ops->exec_script(db, sql, e);
}

/* Copy sql, turning $N into ?N for SQLite; returns the highest N seen (or -1 if > max). */
static char *translate_sql(const char *sql, int to_qmark, int *nparams)
{
    size_t n = strlen(sql);
    char *out = xmalloc(n + 1), *o = out;
    char quote = 0;
    int maxp = 0;

    for (const char *p = sql; *p; p++) {
        char c = *p;

        if (quote) {
            if (c == quote)
                quote = 0;
            *o++ = c;
            continue;
        }
        if (c == '-' && p[1] == '-') { /* comment to end of line: copied, not scanned */
            while (*p && *p != '\n')
                *o++ = *p++;
            if (!*p)
                break;
            *o++ = *p;
            continue;
        }
        if (c == '/' && p[1] == '*') {
            const char *endc = strstr(p + 2, "*/");
            size_t len = endc ? (size_t)(endc + 2 - p) : strlen(p);

            memcpy(o, p, len);
            o += len;
            p += len - 1;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            *o++ = c;
            continue;
        }
        if (c == '$' && p[1] >= '1' && p[1] <= '9') {
            int v = 0;

            *o++ = to_qmark ? '?' : '$';
            p++;
            while (*p >= '0' && *p <= '9') {
                v = v * 10 + (*p - '0');
                if (v > 1000)
                    v = 1000;
                *o++ = *p++;
            }
            p--;
            if (v > maxp)
                maxp = v;
            continue;
        }
        *o++ = c;
    }
    *o = '\0';
    *nparams = maxp > DB_MAX_PARAMS ? -1 : maxp;
    return out;
}

static unsigned cache_bucket(const char *key)
{
    uintptr_t v = (uintptr_t)key;

    return (unsigned)((v >> 4) ^ (v >> 12)) % DB_CACHE_BUCKETS;
}

enum err_code db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
    unsigned b = cache_bucket(sql);
    struct db_stmt *st;
    enum err_code rc;

    for (st = db->cache[b]; st; st = st->next) {
        if (st->key == sql) {
            db_reset(st);
            *out = st;
            return ERR_OK;
        }
    }
    if (db->stmt_count >= LIMIT_STMT_CACHE)
        return db_fail(e, ERR_INTERNAL, "statement cache full: SQL text must be static");
    st = xcalloc(1, sizeof *st);
    st->db = db;
    st->key = sql;
    st->sql = translate_sql(sql, db->engine == DB_ENGINE_SQLITE, &st->nparams);
    if (st->nparams < 0) {
        free(st->sql);
        free(st);
        return db_fail(e, ERR_INTERNAL, "too many parameters in statement");
    }
    rc = db->ops->prepare(db, st, e);
    if (rc) {
        free(st->sql);
        free(st);
        return rc;
    }
    st->next = db->cache[b];
    db->cache[b] = st;
    db->stmt_count++;
    *out = st;
    return ERR_OK;
}

static struct db_param *param_slot(struct db_stmt *st, int idx)
{
    struct db_param *p;

    if (idx < 1 || idx > DB_MAX_PARAMS)
        abort(); /* our bug: placeholders are static */
    p = &st->params[idx - 1];
    free(p->s);
    memset(p, 0, sizeof *p);
    if (idx > st->nbound)
        st->nbound = idx;
    return p;
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    struct db_param *p = param_slot(st, idx);

    p->type = DB_PARAM_INT;
    p->i = v;
}

void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n)
{
    struct db_param *p = param_slot(st, idx);

    if (!s)
        return;
    p->type = DB_PARAM_TEXT;
    p->s = xstrndup(s, n);
    p->len = n;
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    db_bind_textn(st, idx, s, s ? strlen(s) : 0);
}

void db_bind_null(struct db_stmt *st, int idx)
{
    param_slot(st, idx);
}

int db_step(struct db_stmt *st, struct err *e)
{
    settle(st->db);
    return st->db->ops->step(st, e);
}

int db_col_count(struct db_stmt *st)
{
    return st->db->ops->col_count(st);
}

int db_col_is_null(struct db_stmt *st, int col)
{
    return st->db->ops->col_is_null(st, col);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
    return st->db->ops->col_int(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    return st->db->ops->col_text(st, col);
}

int64_t db_changes(struct db_stmt *st)
{
    return st->changes;
}

void db_reset(struct db_stmt *st)
{
    if (!st)
        return;
    st->db->ops->reset(st);
    for (int i = 0; i < st->nbound; i++) {
        free(st->params[i].s);
        memset(&st->params[i], 0, sizeof st->params[i]);
    }
    st->nbound = 0;
    st->started = 0;
}

void db_reset_started(struct db *db)
{
    for (int i = 0; i < DB_CACHE_BUCKETS; i++)
        for (struct db_stmt *st = db->cache[i]; st; st = st->next)
            if (st->started)
                db_reset(st);
}

/* The engine's set-up of db_begin undone (SQLite: the page cache back to its read size). */
static void tx_end(struct db *db)
{
    if (db->ops->end_sql)
        (void)db->ops->exec_script(db, db->ops->end_sql, &(struct err){0});
    if (db->write_held) {
        db->write_held = 0;
        db_pool_unlock(db->pool);
    }
}

enum err_code db_begin(struct db *db, struct err *e)
{
    enum err_code rc;

    settle(db);
    if (db->in_tx)
        return db_fail(e, ERR_INTERNAL, "nested transaction");
    if (db->in_read) /* a write must start from the newest snapshot, not inside a read */
        return db_fail(e, ERR_INTERNAL, "write transaction inside a read snapshot");
    if (db->pool) {
        db_pool_lock(db->pool);
        db->write_held = 1;
        db_pool_flush(db->pool); /* the group's writes first: they hold SQLite's write lock */
    }
    rc = db->ops->exec_script(db, db->ops->begin_sql, e);
    if (rc) {
        tx_end(db);
        return rc;
    }
    db->in_tx = 1;
    return ERR_OK;
}

enum err_code db_commit(struct db *db, struct err *e)
{
    enum err_code rc;

    if (!db->in_tx)
        return db_fail(e, ERR_INTERNAL, "commit without transaction");
    rc = db->ops->exec_script(db, "COMMIT", e);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    db->in_tx = 0;
    tx_end(db);
    return ERR_OK;
}

void db_rollback(struct db *db)
{
    struct err ignored;

    if (!db->in_tx)
        return;
    db->in_tx = 0;
    db_reset_started(db); /* read cursors would make ROLLBACK fail on some engines */
    (void)db->ops->exec_script(db, "ROLLBACK", &ignored);
    tx_end(db);
}

static const char SQL_READ_BEGIN[] = "BEGIN";
static const char SQL_READ_END[] = "COMMIT";

/* Run one of the two statements above through the cache (prepared once per connection). */
static int read_tx(struct db *db, const char *sql)
{
    struct db_stmt *st;
    struct err e;
    int r;

    err_clear(&e);
    if (db_prepare(db, sql, &st, &e))
        return -1;
    r = db_step(st, &e);
    db_reset(st);
    return r < 0 ? -1 : 0;
}

static int64_t coarse_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); /* a few ms of resolution: enough for an age */
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void read_tx_end(struct db *db)
{
    if (read_tx(db, SQL_READ_END))
        (void)db->ops->exec_script(db, "ROLLBACK", &(struct err){0});
}

/* Before anything but a read section runs on db: a kept snapshot ends (a write inside it
 * could meet a newer commit, a read outside a section must see the newest data). */
static void settle(struct db *db)
{
    if (!db->retained || db->in_read)
        return;
    db->retained = 0;
    read_tx_end(db);
}

void db_retained_sweep(struct db *db)
{
    if (db->retained && coarse_ns() - db->mark_ns >= DB_RETAIN_NS)
        settle(db);
}

void db_read_begin(struct db *db)
{
    if (db->in_read) { /* nested: the outer snapshot stays until the outer end */
        db->in_read++;
        return;
    }
    if (db->engine != DB_ENGINE_SQLITE || db->in_tx)
        return;
    if (db->retained) { /* the last request's snapshot: still the newest data? */
        uint32_t now[DB_MARK_LEN];

        if (coarse_ns() - db->mark_ns < DB_RETAIN_NS && db->ops->change_mark(db, now) == 0 &&
            memcmp(now, db->mark, sizeof now) == 0) {
            db->in_read = 1;
            return;
        }
        settle(db);
    }
    db->in_read = read_tx(db, SQL_READ_BEGIN) == 0; /* on failure: statement by statement */
    /* The mark before the snapshot, which SQLite takes at the first statement: a commit in
     * between is in the snapshot and changes the mark (the snapshot is renewed needlessly,
     * never kept stale). Kept only when this thread has seen no commit for DB_QUIET_NS: while
     * writes go on, snapshots kept on every thread would leave no moment without a reader
     * holding an old WAL frame, and SQLite could never restart the WAL (it grew to 160 MB in
     * 10 s of reads and small commits); then every request ends its own, as before. */
    db->mark_ok = 0;
    if (db->in_read && db->retain_ok && db->ops->change_mark &&
        db->ops->change_mark(db, db->mark) == 0) {
        int64_t now = coarse_ns();

        if (memcmp(db->mark, db->seen, sizeof db->seen) != 0) {
            memcpy(db->seen, db->mark, sizeof db->seen);
            db->quiet_since = now;
        }
        db->mark_ok = now - db->quiet_since >= DB_QUIET_NS;
        db->mark_ns = now;
    }
}

void db_read_end(struct db *db)
{
    if (!db->in_read || --db->in_read > 0)
        return;
    db_reset_started(db); /* a started cursor would keep the snapshot */
    if (db->retain_ok && db->mark_ok) {
        db->retained = 1; /* kept for the thread's next request (db_read_begin) */
        return;
    }
    read_tx_end(db);
}

void db_release_memory(struct db *db)
{
    if (db->ops->release_memory)
        db->ops->release_memory(db);
}

int db_change_stamp(struct db *db, uint64_t stamp[DB_STAMP_LEN])
{
    stamp[2] = db->serial; /* a stamp never matches another connection's, even at its address */
    return db->ops->change_stamp ? db->ops->change_stamp(db, stamp) : -1;
}

int db_in_read(const struct db *db)
{
    return db->in_read;
}

int db_snapshot_kept(const struct db *db)
{
    return db->retained;
}

int db_in_transaction(const struct db *db)
{
    return db->in_tx;
}

enum err_code db_lock(struct db *db, int64_t key, struct err *e)
{
    if (!db->in_tx)
        return db_fail(e, ERR_INTERNAL, "db_lock outside a transaction");
    return db->ops->lock(db, key, e);
}

enum err_code db_backup(struct db *db, const char *path, struct err *e)
{
    settle(db);
    return db->ops->backup(db, path, e);
}

static enum err_code one_shot(struct db *db, const char *sql, const int64_t *args, int n,
                              int64_t dflt, int64_t *value, int64_t *changes, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        db_bind_int(st, i + 1, args[i]);
    r = db_step(st, e);
    if (value)
        *value = r == 1 && !db_col_is_null(st, 0) ? db_col_int(st, 0) : dflt;
    if (changes)
        *changes = r == 0 ? db_changes(st) : 0;
    db_reset(st);
    return r < 0 ? (e ? e->code : ERR_STORAGE) : ERR_OK;
}

enum err_code db_run_ints(struct db *db, const char *sql, const int64_t *args, int n,
                          int64_t *changes, struct err *e)
{
    return one_shot(db, sql, args, n, 0, NULL, changes, e);
}

enum err_code db_value_int(struct db *db, const char *sql, const int64_t *args, int n,
                           int64_t dflt, int64_t *out, struct err *e)
{
    return one_shot(db, sql, args, n, dflt, out, NULL, e);
}

enum err_code db_fetch_one(struct db *db, const char *sql, int64_t id, const char *text,
                           struct arena *a, void (*read)(struct db_stmt *, struct arena *, void *),
                           void *out, const char *not_found_msg, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    if (text)
        db_bind_text(st, 1, text);
    else
        db_bind_int(st, 1, id);
    r = db_step(st, e);
    if (r == 1)
        read(st, a, out);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (r == 0)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, not_found_msg);
    return ERR_OK;
}

enum err_code db_collect(struct db_stmt *st, struct arena *a, size_t elem,
                         void (*read)(struct db_stmt *, struct arena *, void *), void **out,
                         size_t *n, struct err *e)
{
    unsigned char *items = NULL;
    size_t count = 0, cap = 0;
    int r;

    while ((r = db_step(st, e)) == 1) {
        if (count == cap) {
            unsigned char *grown;

            cap = cap ? cap * 2 : 32;
            grown = arena_alloc(a, cap * elem);
            if (count)
                memcpy(grown, items, count * elem);
            items = grown;
        }
        read(st, a, items + count * elem);
        count++;
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    *out = items;
    *n = count;
    return ERR_OK;
}


static const char SQL_SETTING_GET[] = "SELECT value FROM settings WHERE key = $1";
static const char SQL_SETTING_SET[] =
    "INSERT INTO settings (key, value) VALUES ($1, $2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

enum err_code db_setting_int(struct db *db, const char *key, int64_t dflt, int64_t *out,
                             struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_SETTING_GET, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, key);
    r = db_step(st, e);
    *out = dflt;
    if (r == 1) {
        const char *v = db_col_text(st, 0);
        char *end = NULL;
        long long n = v ? strtoll(v, &end, 10) : 0;

        if (v && *v && end && *end == '\0')
            *out = n;
    }
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code db_setting_set(struct db *db, const char *key, const char *value, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_SETTING_SET, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, value);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

const char *db_like_pattern(struct arena *a, const char *q)
{
    size_t n = q ? strlen(q) : 0, j = 0;
    char *out;

    if (n == 0)
        return "";
    out = arena_alloc(a, 2 * n + 3);
    out[j++] = '%';
    for (size_t i = 0; i < n; i++) {
        char c = q[i];

        if (c == '%' || c == '_' || c == '\\')
            out[j++] = '\\';
        out[j++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[j++] = '%';
    out[j] = '\0';
    return out;
}

enum err_code db_step_id(struct db_stmt *st, int64_t *id, struct err *e)
{
    int r = db_step(st, e);

    if (r == 1)
        *id = db_col_int(st, 0);
    db_reset(st);
    if (r == 1)
        return ERR_OK;
    return r < 0 ? e->code : err_internal(e, "statement returned no id");
}

const char *db_col_text_copy(struct db_stmt *st, struct arena *a, int col)
{
    return db_col_is_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

void db_bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
    if (id)
        db_bind_int(st, idx, id);
    else
        db_bind_null(st, idx);
}
