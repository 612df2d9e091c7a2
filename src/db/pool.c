/* pool.c - the server's per-thread connections (db_pool) and its group commit (db_write).
 * SQLite has one writer at a time and each commit costs an fsync (synchronous=FULL). The
 * server's write requests therefore run on one connection of the pool (wdb), one at a time
 * under write_mu, each inside a SAVEPOINT of a shared transaction (the batch). The thread that
 * finishes a request commits the batch unless other writers are already queued (then the last
 * of them does, or the batch reaches BATCH_MAX requests or BATCH_MAX_NS of age); the others
 * wait, and every request answers only after the COMMIT that holds it: one fsync for many
 * acknowledged writes, none acknowledged before it is durable. A request that fails rolls back
 * to its savepoint only; a failed COMMIT fails every request of the batch. A plain db_begin on
 * a pooled connection (login's session, a read's audit row) takes write_mu and commits an open
 * batch first. ABDI_GROUP_COMMIT=0 turns grouping off (one commit per request, same lock). */
#include "db/db_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"

#define BATCH_MAX 64
#define BATCH_MAX_NS 4000000LL

struct batch_member {
    int done;
    enum err_code rc;
    struct err e;
    struct batch_member *next;
};

struct db_pool {
    char *url;
    pthread_key_t key;
    pthread_mutex_t mu;
    struct db **all;
    size_t n_all, cap_all;
    pthread_mutex_t write_mu;
    pthread_cond_t batch_cv;
    atomic_int queued;         /* threads waiting for write_mu */
    struct db *wdb;            /* the writers' connection, opened on first use */
    int group_off;
    int batch_open;
    int batch_n;
    int64_t batch_start_ns;
    struct batch_member *members;
};

static int64_t mono_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void db_pool_lock(struct db_pool *p)
{
    atomic_fetch_add(&p->queued, 1);
    pthread_mutex_lock(&p->write_mu);
    atomic_fetch_sub(&p->queued, 1);
}

void db_pool_unlock(struct db_pool *p)
{
    pthread_mutex_unlock(&p->write_mu);
}

/* End the open batch (write_mu held): COMMIT, or ROLLBACK when lost is set (the transaction
 * broke under a request) or the COMMIT fails; every member learns its outcome. */
static void batch_end(struct db_pool *p, int lost)
{
    struct err ce;
    enum err_code rc = ERR_OK;

    if (!p->batch_open)
        return;
    err_clear(&ce);
    if (!lost)
        rc = p->wdb->ops->exec_script(p->wdb, "COMMIT", &ce);
    if (lost || rc) {
        db_reset_started(p->wdb);
        (void)p->wdb->ops->exec_script(p->wdb, "ROLLBACK", &(struct err){0});
        if (lost || !ce.code)
            rc = db_fail(&ce, ERR_STORAGE, "group commit: transaction rolled back");
    }
    p->wdb->in_tx = 0;
    p->batch_open = 0;
    for (struct batch_member *m = p->members; m; m = m->next) {
        m->rc = rc;
        if (rc)
            m->e = ce;
        m->done = 1;
    }
    p->members = NULL;
    p->batch_n = 0;
    pthread_cond_broadcast(&p->batch_cv);
}

/* Commit an open batch before another write (its failure is its members', not the caller's). */
void db_pool_flush(struct db_pool *p)
{
    batch_end(p, 0);
}

/* The writers' connection (write_mu held): opened on first use with the write page cache. */
static enum err_code wdb_get(struct db_pool *p, struct err *e)
{
    enum err_code rc;

    if (p->wdb)
        return ERR_OK;
    rc = db_open(p->url, &p->wdb, e);
    if (!rc) /* the page cache of a write transaction (sqlite.c), kept: one connection */
        rc = p->wdb->ops->exec_script(p->wdb, "PRAGMA cache_size=-65536", e);
    if (rc && p->wdb) {
        db_close(p->wdb);
        p->wdb = NULL;
    }
    return rc;
}

/* One request's writes inside the batch (write_mu held); 0 or the request's own failure. A
 * failure that ended the whole transaction (SQLite rolls back on some I/O errors) fails the
 * batch. */
static enum err_code batch_run(struct db_pool *p, db_write_fn fn, void *ctx, struct err *e)
{
    struct db *w = p->wdb;
    enum err_code rc;

    if (!p->batch_open) {
        rc = w->ops->exec_script(w, "BEGIN IMMEDIATE", e);
        if (rc)
            return rc;
        w->in_tx = 1;
        p->batch_open = 1;
        p->batch_start_ns = mono_ns();
    }
    rc = w->ops->exec_script(w, "SAVEPOINT abdi_request", e);
    if (rc) {
        batch_end(p, 1);
        return rc;
    }
    rc = fn(w, ctx, e);
    if (!rc)
        rc = w->ops->exec_script(w, "RELEASE abdi_request", e);
    if (rc) {
        db_reset_started(w);
        if (w->ops->exec_script(w, "ROLLBACK TO abdi_request; RELEASE abdi_request",
                                &(struct err){0}))
            batch_end(p, 1); /* the transaction is gone: the batch with it */
    }
    return rc;
}

enum err_code db_write_alone(struct db *db, db_write_fn fn, void *ctx, struct err *e)
{
    enum err_code rc = db_begin(db, e); /* pooled: takes write_mu and commits an open batch */

    if (rc)
        return rc;
    rc = fn(db, ctx, e);
    if (!rc)
        return db_commit(db, e);
    db_rollback(db);
    return rc;
}

enum err_code db_write(struct db *db, db_write_fn fn, void *ctx, struct err *e)
{
    struct db_pool *p = db->pool;
    struct batch_member me = {0};
    enum err_code rc;

    if (!p || p->group_off)
        return db_write_alone(db, fn, ctx, e);
    db_pool_lock(p);
    rc = wdb_get(p, e);
    if (!rc)
        rc = batch_run(p, fn, ctx, e);
    if (!rc && p->batch_open) {
        me.next = p->members;
        p->members = &me;
        p->batch_n++;
    }
    if (p->batch_open && (atomic_load(&p->queued) == 0 || p->batch_n >= BATCH_MAX ||
                          mono_ns() - p->batch_start_ns >= BATCH_MAX_NS))
        batch_end(p, 0);
    if (!rc) {
        while (!me.done)
            pthread_cond_wait(&p->batch_cv, &p->write_mu);
        rc = me.rc;
        if (rc)
            *e = me.e;
    }
    db_pool_unlock(p);
    return rc;
}

static void pool_thread_exit(void *arg)
{
    (void)arg; /* connections are closed by db_pool_close, which knows them all */
}

struct db_pool *db_pool_new(const char *url)
{
    struct db_pool *p = xcalloc(1, sizeof *p);

    p->url = xstrdup(url);
    pthread_key_create(&p->key, pool_thread_exit);
    pthread_mutex_init(&p->mu, NULL);
    pthread_mutex_init(&p->write_mu, NULL);
    pthread_cond_init(&p->batch_cv, NULL);
    {
        const char *g = getenv("ABDI_GROUP_COMMIT");

        p->group_off = g && strcmp(g, "0") == 0;
    }
    return p;
}

enum err_code db_pool_get(struct db_pool *p, struct db **out, struct err *e)
{
    struct db *db = pthread_getspecific(p->key);
    enum err_code rc;

    if (db) {
        *out = db;
        return ERR_OK;
    }
    rc = db_open(p->url, &db, e);
    if (rc)
        return rc;
    if (db->engine == DB_ENGINE_SQLITE)
        db->pool = p;
    pthread_mutex_lock(&p->mu);
    if (p->n_all == p->cap_all) {
        p->cap_all = p->cap_all ? p->cap_all * 2 : 16;
        p->all = xrealloc(p->all, p->cap_all * sizeof *p->all);
    }
    p->all[p->n_all++] = db;
    pthread_mutex_unlock(&p->mu);
    pthread_setspecific(p->key, db);
    *out = db;
    return ERR_OK;
}

void db_pool_enter(struct db *db)
{
    if (!db->pool)
        return;
    pthread_mutex_lock(&db->use_mu);
    db->retain_ok = db->wal;
}

void db_pool_leave(struct db *db)
{
    if (!db->pool)
        return;
    db->retain_ok = 0;
    pthread_mutex_unlock(&db->use_mu);
}

void db_pool_sweep(struct db_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    for (size_t i = 0; i < p->n_all; i++) {
        struct db *db = p->all[i];

        if (pthread_mutex_trylock(&db->use_mu) == 0) { /* busy: its request ends or renews it */
            db_retained_sweep(db);
            pthread_mutex_unlock(&db->use_mu);
        }
    }
    pthread_mutex_unlock(&p->mu);
}

void db_pool_close(struct db_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_all; i++)
        db_close(p->all[i]);
    pthread_key_delete(p->key);
    pthread_mutex_destroy(&p->mu);
    pthread_mutex_destroy(&p->write_mu);
    pthread_cond_destroy(&p->batch_cv);
    if (p->wdb)
        db_close(p->wdb);
    free(p->all);
    free(p->url);
    free(p);
}

