/* db_int.h - private to src/db: the table of operations each engine fills (the way curl
 * hides its TLS libraries), and the engine-neutral statement with its bound parameters.
 * Parameters are stored here and applied by the engine on the first step after a reset. */
#ifndef ABDI_DB_INT_H
#define ABDI_DB_INT_H

#include <pthread.h>

#include "db/db.h"

#define DB_MARK_LEN 3

enum db_param_type { DB_PARAM_NULL = 0, DB_PARAM_INT, DB_PARAM_TEXT };

struct db_param {
    enum db_param_type type;
    int64_t i;
    char *s;      /* owned, NUL-terminated */
    size_t len;
};

struct db_stmt {
    struct db *db;
    const char *key;         /* the caller's SQL pointer: the cache key */
    char *sql;               /* engine-ready SQL (placeholders translated), owned */
    int nparams;             /* highest $N in the SQL */
    struct db_param params[DB_MAX_PARAMS];
    int nbound;              /* highest slot bound since the last reset (what reset clears) */
    int started;             /* binds applied / query sent since the last reset */
    int64_t changes;
    void *impl;              /* engine's statement */
    struct db_stmt *next;    /* cache chain */
};

struct db_ops {
    const char *name;
    enum err_code (*open)(struct db *db, const char *target, struct err *e);
    void (*close)(struct db *db);
    enum err_code (*exec_script)(struct db *db, const char *sql, struct err *e);
    /* Prepare st->sql into st->impl. */
    enum err_code (*prepare)(struct db *db, struct db_stmt *st, struct err *e);
    void (*finalize)(struct db_stmt *st);
    /* On st->started == 0, apply st->params first. 1 row, 0 done, -1 error. */
    int (*step)(struct db_stmt *st, struct err *e);
    void (*reset)(struct db_stmt *st);
    int (*col_count)(struct db_stmt *st);
    int (*col_is_null)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    int64_t (*col_int)(struct db_stmt *st, int col);
    enum err_code (*lock)(struct db *db, int64_t key, struct err *e);
    enum err_code (*backup)(struct db *db, const char *path, struct err *e);
    /* NULL when the engine cannot say (PostgreSQL): see db_change_stamp. */
    int (*change_stamp)(struct db *db, uint64_t stamp[DB_STAMP_LEN]);
    /* A mark of the newest commit to the database by anyone, read without taking a lock
     * (SQLite in WAL mode: the WAL index header): equal marks, no commit in between. 0, or
     * -1 when the engine cannot say (then no snapshot is kept between requests). */
    int (*change_mark)(struct db *db, uint32_t mark[DB_MARK_LEN]);
    /* NULL when the engine keeps no cache in the process (PostgreSQL): see db_release_memory. */
    void (*release_memory)(struct db *db);
    const char *begin_sql; /* "BEGIN IMMEDIATE" / "BEGIN" (may set up the transaction) */
    const char *end_sql;   /* after COMMIT or ROLLBACK (NULL: nothing), undoes that set-up */
};

#define DB_CACHE_BUCKETS 64
/* How long a server thread may keep one read snapshot for its next requests (db_read_end):
 * an idle one is ended by db_pool_sweep after this, a busy one renewed at the next read. */
#define DB_RETAIN_NS (50 * 1000000LL)
/* ... and only after the thread has seen no commit for this long (db_read_begin). */
#define DB_QUIET_NS (100 * 1000000LL)

struct db {
    const struct db_ops *ops;
    enum db_engine engine;
    void *impl;
    int in_tx;
    int in_read; /* depth of db_read_begin pairs while its snapshot is open (SQLite) */
    int stmt_count;
    struct db_stmt *cache[DB_CACHE_BUCKETS];
    /* The pool of a server thread's SQLite connection (NULL: not pooled): its write
     * transactions queue on the pool's write lock instead of SQLite's busy handler, which
     * sleeps in steps of up to 100 ms, and db_write groups them (db.c). */
    struct db_pool *pool;
    int write_held;
    uint64_t serial; /* this process's number of the connection (db_change_stamp) */
    /* A read snapshot kept open after the outermost db_read_end of a server request
     * (retain_ok: between db_pool_enter and db_pool_leave), for the thread's next requests:
     * its BEGIN, COMMIT and WAL read lock (a mutex and two fcntl calls, on which the threads
     * queued) were a fifth of a GET's cost. Kept only while no commits come (DB_QUIET_NS).
     * db_read_begin reuses it while the database's change mark is the one read before it
     * began and it is younger than DB_RETAIN_NS; any other statement on the connection ends
     * it first (db.c: settle), and
     * db_pool_sweep ends it when the thread falls idle (a snapshot held would stop the WAL
     * checkpoint at its frame). */
    int retained;
    int retain_ok;
    int mark_ok;
    uint32_t mark[DB_MARK_LEN];
    int64_t mark_ns;
    uint32_t seen[DB_MARK_LEN]; /* the mark at this thread's last read, kept or not */
    int64_t quiet_since;        /* when that mark last changed */
    pthread_mutex_t use_mu; /* held by the request using it (db_pool_enter) and by the sweep */
    int wal;                /* sqlite.c: the journal mode is WAL */
    void *shm;              /* sqlite.c: SQLite's own mapping of the WAL index (change_mark) */
    int shm_failed;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_postgres_ops;

/* Reset every statement of db that still holds a cursor. */
void db_reset_started(struct db *db);
/* The sweep of one connection (its use_mu held): end a kept snapshot older than DB_RETAIN_NS. */
void db_retained_sweep(struct db *db);
/* pool.c: the pool's write lock, and committing its open batch (lock held). */
void db_pool_lock(struct db_pool *p);
void db_pool_unlock(struct db_pool *p);
void db_pool_flush(struct db_pool *p);

/* Map an engine failure to ERR_STORAGE / ERR_CONFLICT / ERR_INTERNAL with a detail. */
enum err_code db_fail(struct err *e, enum err_code code, const char *detail);

#endif
