/* db.h - the one database interface of Abdi; SQLite and PostgreSQL sit behind it.
 * No file outside src/db/ includes sqlite3.h or libpq-fe.h, and no module branches on the
 * engine. SQL is written once with $1..$n placeholders (translated for SQLite), integers as
 * BIGINT-compatible, booleans as 0/1, times as epoch seconds.
 * A struct db is one connection and belongs to one thread. Statements from db_prepare() are
 * cached per connection by their SQL text pointer: pass static const char arrays. */
#ifndef ABDI_DB_H
#define ABDI_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_stmt;

enum db_engine { DB_ENGINE_SQLITE, DB_ENGINE_POSTGRES };

#define DB_MAX_PARAMS 32

/* url: "sqlite:PATH" or "postgresql://…" / "postgres://…". */
enum err_code db_open(const char *url, struct db **out, struct err *e) ABDI_MUST_CHECK;
void db_close(struct db *db);
enum db_engine db_engine(const struct db *db);
/* "sqlite" or "postgresql" */
const char *db_engine_name(const struct db *db);

/* Several statements without parameters (migrations, PRAGMAs). */
enum err_code db_exec_script(struct db *db, const char *sql, struct err *e) ABDI_MUST_CHECK;

/* Prepared, cached statement, reset and with no bindings. Release with db_reset(). */
enum err_code db_prepare(struct db *db, const char *sql, struct db_stmt **out,
                         struct err *e) ABDI_MUST_CHECK;
/* Parameters are 1-based like $1. Text is copied. A NULL text binds SQL NULL. */
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n);
void db_bind_null(struct db_stmt *st, int idx);
/* 1 = a row is ready, 0 = done, -1 = error (e filled). */
int db_step(struct db_stmt *st, struct err *e);
/* Columns are 0-based. Text stays valid until the next step or reset. */
int db_col_count(struct db_stmt *st);
int db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
/* Rows changed by the last completed INSERT/UPDATE/DELETE of st. */
int64_t db_changes(struct db_stmt *st);
/* Clear results and bindings; the statement stays cached. NULL-safe. */
void db_reset(struct db_stmt *st);

/* Write transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE on SQLite).
 * Any failed statement inside a transaction ends it (PostgreSQL refuses all else until
 * rollback): on error, roll back; never catch and continue.
 * Nesting is refused. db_rollback is safe to call when no transaction is open. */
enum err_code db_begin(struct db *db, struct err *e) ABDI_MUST_CHECK;
enum err_code db_commit(struct db *db, struct err *e) ABDI_MUST_CHECK;
void db_rollback(struct db *db);
/* fn's writes in one transaction: committed when fn returns ERR_OK, else rolled back. fn gets
 * the connection to use, which on a pooled SQLite connection of the server is the pool's
 * writers' connection, where concurrent requests share one COMMIT (group commit, db.c); it
 * returns only after the COMMIT that holds the writes. */
typedef enum err_code (*db_write_fn)(struct db *db, void *ctx, struct err *e);
enum err_code db_write(struct db *db, db_write_fn fn, void *ctx, struct err *e) ABDI_MUST_CHECK;
/* The same in a transaction of its own on db (after an open group's COMMIT), for a bulk write:
 * inside the group's SAVEPOINT every page a 100,000-row import touches also goes to SQLite's
 * savepoint journal (measured: 100,000 employees 5 s alone, 152 s in a SAVEPOINT). */
enum err_code db_write_alone(struct db *db, db_write_fn fn, void *ctx, struct err *e) ABDI_MUST_CHECK;
int db_in_transaction(const struct db *db);
/* A read of several statements as one snapshot: on SQLite one deferred transaction, so the
 * database and WAL locks are taken once instead of once per statement (what a GET of
 * several queries spends most in); on PostgreSQL, and inside a transaction, nothing (each
 * statement stays its own, no extra round trip). Only reads in between; always end it.
 * Nested pairs are counted: the snapshot ends with the outermost end. The dispatcher holds
 * one around every GET (session lookup and handler); db_begin inside one is refused.
 * db_in_read: the depth (0 = none). */
void db_read_begin(struct db *db);
void db_read_end(struct db *db);
int db_in_read(const struct db *db);
/* 1 while a snapshot is kept for the thread's next request (db_pool_enter); for tests. */
int db_snapshot_kept(const struct db *db);
/* A stamp of everything committed to the database as this connection sees it: equal stamps
 * mean no commit by anyone in between (SQLite: PRAGMA data_version for other connections and
 * processes, the connection's own change count for itself, and the connection's serial number
 * in the process; call it inside db_read_begin so
 * both come from the snapshot). 0 on success, -1 when the engine cannot say (PostgreSQL) or
 * it failed: the caller then trusts nothing it kept. */
#define DB_STAMP_LEN 3
int db_change_stamp(struct db *db, uint64_t stamp[DB_STAMP_LEN]);
/* Give back what the connection caches in the process (SQLite: its page cache, up to 8 MiB
 * per server thread; the pages in use by open statements stay), after a read of a whole
 * government (the DUK, the attendance recap) whose pages would otherwise stay behind in each
 * thread that made one. The cache fills again as it is read. Nothing on PostgreSQL. */
void db_release_memory(struct db *db);
/* Serialise a critical section across processes until the transaction ends
 * (PostgreSQL advisory transaction lock; on SQLite the write transaction already is one). */
enum err_code db_lock(struct db *db, int64_t key, struct err *e) ABDI_MUST_CHECK;

/* Consistent online copy into path (SQLite: VACUUM INTO). PostgreSQL answers ERR_INVALID. */
enum err_code db_backup(struct db *db, const char *path, struct err *e) ABDI_MUST_CHECK;

/* One-shot statements whose parameters are all integers (args[0] is $1; n may be 0):
 * prepare, bind, step once, reset. db_run_ints reports the rows changed (changes may be
 * NULL); db_value_int gives the first column of the first row, or dflt when there is none. */
enum err_code db_run_ints(struct db *db, const char *sql, const int64_t *args, int n,
                          int64_t *changes, struct err *e) ABDI_MUST_CHECK;
enum err_code db_value_int(struct db *db, const char *sql, const int64_t *args, int n,
                           int64_t dflt, int64_t *out, struct err *e) ABDI_MUST_CHECK;

/* The one row of sql with $1 bound to text (when not NULL) or id, read into out by read();
 * ERR_NOT_FOUND with slug not_found and not_found_msg when there is no row. */
struct arena;
enum err_code db_fetch_one(struct db *db, const char *sql, int64_t id, const char *text,
                           struct arena *a, void (*read)(struct db_stmt *, struct arena *, void *),
                           void *out, const char *not_found_msg, struct err *e) ABDI_MUST_CHECK;

/* Step st to its end, reading each row with read() into a growing array of elem-byte items
 * in the arena; resets st. *out is NULL and *n 0 when there are no rows. */
/* Step a statement whose one row carries an id in column 0 (INSERT … RETURNING id), then
 * reset it: *id on success; the step's error (ERR_CONFLICT, with e set, for a constraint)
 * or an internal error when no row came back. */
enum err_code db_step_id(struct db_stmt *st, int64_t *id, struct err *e) ABDI_MUST_CHECK;
/* A text column as an arena copy; NULL for SQL NULL. */
const char *db_col_text_copy(struct db_stmt *st, struct arena *a, int col);
/* Bind id, or NULL when id is 0 (an optional reference). */
void db_bind_id_or_null(struct db_stmt *st, int idx, int64_t id);
/* q as a LIKE pattern "%fragment%" for a `lower(col) LIKE $n ESCAPE '\'` filter: ASCII
 * lower-cased, with LIKE's own characters (% _ \) escaped so they match literally; "" when q
 * is NULL or empty (no filter). In a's memory. */
const char *db_like_pattern(struct arena *a, const char *q);
enum err_code db_collect(struct db_stmt *st, struct arena *a, size_t elem,
                         void (*read)(struct db_stmt *, struct arena *, void *), void **out,
                         size_t *n, struct err *e) ABDI_MUST_CHECK;

/* Settings table (key → text value). Missing keys give the default. */
enum err_code db_setting_int(struct db *db, const char *key, int64_t dflt, int64_t *out,
                             struct err *e) ABDI_MUST_CHECK;
enum err_code db_setting_set(struct db *db, const char *key, const char *value,
                             struct err *e) ABDI_MUST_CHECK;

/* Per-thread connections for the server: each calling thread gets its own connection to
 * url, opened on first use and closed when the thread exits or at db_pool_close. */
struct db_pool;
struct db_pool *db_pool_new(const char *url);
enum err_code db_pool_get(struct db_pool *p, struct db **out, struct err *e) ABDI_MUST_CHECK;
void db_pool_close(struct db_pool *p);
/* A server request on its thread's connection (from db_pool_get): between enter and leave
 * the outermost db_read_end keeps the snapshot open for the thread's next request, which
 * reuses it when nothing was committed since (by anyone: SQLite's WAL index is read without
 * a lock) and it is younger than 50 ms; only on SQLite in WAL mode, nothing on PostgreSQL.
 * db_pool_sweep (the server's main loop) ends the kept snapshots of idle threads. */
void db_pool_enter(struct db *db);
void db_pool_leave(struct db *db);
void db_pool_sweep(struct db_pool *p);

#endif
