/* pool_test.c - the server pool's group commit (db/pool.c) on a real SQLite file: many threads
 * write at once through db_write; every write that returned ERR_OK is in the file after the
 * pool closes, every write whose function failed left nothing (its savepoint only, not the
 * others' rows), and a plain db_begin on a pooled connection while others write neither
 * deadlocks nor loses anyone's rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"

#define THREADS 12
#define WRITES 150

static const char SQL_CREATE[] = "CREATE TABLE t_pool (id BIGINT PRIMARY KEY, who BIGINT NOT NULL)";
static const char SQL_INS[] = "INSERT INTO t_pool (id, who) VALUES ($1, $2)";
static const char SQL_COUNT_WHO[] = "SELECT count(*) FROM t_pool WHERE who = $1";

struct worker {
    struct db_pool *pool;
    int64_t who;
    int ok, failed, plain;
};

struct one_write {
    int64_t id, who;
    int fail; /* insert, then fail: the row must vanish with the savepoint */
};

static enum err_code write_one(struct db *db, void *ctx, struct err *e)
{
    struct one_write *w = ctx;
    struct db_stmt *st;
    int r;

    if (db_prepare(db, SQL_INS, &st, e))
        return e->code;
    db_bind_int(st, 1, w->id);
    db_bind_int(st, 2, w->who);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0)
        return e->code;
    if (w->fail)
        return err_set(e, ERR_INVALID, "validation_failed", "x", "gagal dengan sengaja");
    return ERR_OK;
}

static void *worker_run(void *arg)
{
    struct worker *wk = arg;
    struct db *db;
    struct err e;

    if (db_pool_get(wk->pool, &db, &e))
        return NULL;
    for (int i = 0; i < WRITES; i++) {
        struct one_write w = {.id = wk->who * 100000 + i, .who = wk->who, .fail = i % 5 == 4};

        if (i % 25 == 10) { /* a plain transaction on the thread's own connection */
            struct db_stmt *st;

            w.fail = 0;
            if (db_begin(db, &e) == ERR_OK) {
                if (db_prepare(db, SQL_INS, &st, &e) == ERR_OK) {
                    db_bind_int(st, 1, w.id);
                    db_bind_int(st, 2, w.who);
                    (void)db_step(st, &e);
                    db_reset(st);
                }
                if (db_commit(db, &e) == ERR_OK)
                    wk->plain++;
            }
            continue;
        }
        if (db_write(db, write_one, &w, &e) == ERR_OK)
            wk->ok++;
        else if (w.fail && e.code == ERR_INVALID)
            wk->failed++;
    }
    return NULL;
}

static void test_group_commit(void **state)
{
    char dir[] = "/tmp/abdi-pool-XXXXXX", url[128];
    struct db *db;
    struct db_pool *pool;
    struct worker wk[THREADS];
    pthread_t th[THREADS];
    struct err e;
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/pool.db", dir);
    assert_int_equal(db_open(url, &db, &e), ERR_OK);
    assert_int_equal(db_exec_script(db, SQL_CREATE, &e), ERR_OK);
    db_close(db);

    pool = db_pool_new(url);
    for (int i = 0; i < THREADS; i++) {
        wk[i] = (struct worker){.pool = pool, .who = i + 1};
        assert_int_equal(pthread_create(&th[i], NULL, worker_run, &wk[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    db_pool_close(pool);

    assert_int_equal(db_open(url, &db, &e), ERR_OK);
    for (int i = 0; i < THREADS; i++) {
        int64_t n = -1, who = wk[i].who;

        /* 150 writes: 6 plain, 30 failing on purpose, 114 through the group */
        assert_int_equal(wk[i].plain, 6);
        assert_int_equal(wk[i].failed, 30);
        assert_int_equal(wk[i].ok, 114);
        assert_int_equal(db_value_int(db, SQL_COUNT_WHO, &who, 1, -1, &n, &e), ERR_OK);
        assert_int_equal(n, wk[i].ok + wk[i].plain);
    }
    db_close(db);
    {
        char cmd[160];

        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        assert_int_equal(system(cmd), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_commit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
