/* pool_test.c - the server pool's group commit (db/pool.c) on a real SQLite file: many threads
 * write at once through db_write; every write that returned ERR_OK is in the file after the
 * pool closes, every write whose function failed left nothing (its savepoint only, not the
 * others' rows), and a plain db_begin on a pooled connection while others write neither
 * deadlocks nor loses anyone's rows. And the read snapshot a server thread keeps between its
 * requests (db_pool_enter): kept while nothing changes, renewed after a commit by another
 * connection or another process, ended before a write or a read outside a read section on
 * the same connection, and by db_pool_sweep once idle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

static const char SQL_COUNT[] = "SELECT count(*) FROM t_pool";

/* One server request's read on db: the count of rows it sees. */
static int64_t request_count(struct db *db)
{
    int64_t n = -1;
    struct err e;

    db_pool_enter(db);
    db_read_begin(db);
    assert_int_equal(db_in_read(db), 1);
    assert_int_equal(db_value_int(db, SQL_COUNT, NULL, 0, -1, &n, &e), ERR_OK);
    db_read_end(db);
    db_pool_leave(db);
    return n;
}

static void nap_ms(long ms)
{
    struct timespec nap = {0, ms * 1000000L};

    nanosleep(&nap, NULL);
}

static void insert_row(struct db *db, int64_t id)
{
    const int64_t args[] = {id, 0};
    struct err e;

    assert_int_equal(db_run_ints(db, SQL_INS, args, 2, NULL, &e), ERR_OK);
}

static void test_kept_snapshot(void **state)
{
    char dir[] = "/tmp/abdi-pool-XXXXXX", url[128];
    struct db *db, *other;
    struct db_pool *pool;
    struct err e;
    int64_t n = -1;
    pid_t pid;
    int status = 0;
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/kept.db", dir);
    assert_int_equal(db_open(url, &other, &e), ERR_OK);
    assert_int_equal(db_exec_script(other, SQL_CREATE, &e), ERR_OK);
    pool = db_pool_new(url);
    assert_int_equal(db_pool_get(pool, &db, &e), ERR_OK);

    /* the first read: a mark this thread has not seen counts as a commit just seen, and
     * nothing is kept until 100 ms pass without one (DB_QUIET_NS) */
    assert_int_equal(request_count(db), 0);
    assert_int_equal(db_snapshot_kept(db), 0);
    nap_ms(120);
    assert_int_equal(request_count(db), 0);
    assert_int_equal(db_snapshot_kept(db), 1);
    assert_int_equal(request_count(db), 0); /* nothing new: the kept one serves */
    assert_int_equal(db_snapshot_kept(db), 1);

    /* a commit by another connection: the next request sees it and keeps nothing */
    insert_row(other, 1);
    assert_int_equal(request_count(db), 1);
    assert_int_equal(db_snapshot_kept(db), 0);
    nap_ms(120);
    assert_int_equal(request_count(db), 1);
    assert_int_equal(db_snapshot_kept(db), 1);

    /* ... and by another process */
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct db *child;

        if (db_open(url, &child, &e))
            _exit(1);
        insert_row(child, 2);
        db_close(child);
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(request_count(db), 2);
    nap_ms(120);
    assert_int_equal(request_count(db), 2);
    assert_int_equal(db_snapshot_kept(db), 1);

    /* a write on the same connection after another commit: the kept snapshot (older than
     * that commit) ends first, so the write does not fail with SQLITE_BUSY_SNAPSHOT */
    insert_row(other, 3);
    assert_int_equal(db_snapshot_kept(db), 1);
    db_pool_enter(db);
    insert_row(db, 4);
    assert_int_equal(db_snapshot_kept(db), 0);
    db_pool_leave(db);
    assert_int_equal(request_count(db), 4);
    nap_ms(120);
    assert_int_equal(request_count(db), 4);
    assert_int_equal(db_snapshot_kept(db), 1);

    /* a statement outside a read section sees the newest data, not the kept snapshot */
    insert_row(other, 5);
    db_pool_enter(db);
    assert_int_equal(db_value_int(db, SQL_COUNT, NULL, 0, -1, &n, &e), ERR_OK);
    assert_int_equal(n, 5);
    assert_int_equal(db_snapshot_kept(db), 0);
    db_pool_leave(db);

    /* while commits keep coming, every request ends its own snapshot (the WAL can restart) */
    for (int64_t id = 6; id <= 9; id++) {
        insert_row(other, id);
        assert_int_equal(request_count(db), id);
        assert_int_equal(db_snapshot_kept(db), 0);
    }

    /* the sweep: a young snapshot stays, one in use stays, an idle old one ends */
    nap_ms(120);
    assert_int_equal(request_count(db), 9);
    assert_int_equal(db_snapshot_kept(db), 1);
    db_pool_sweep(pool);
    assert_int_equal(db_snapshot_kept(db), 1);
    nap_ms(120); /* > 50 ms and the coarse clock's step */
    db_pool_enter(db); /* in use: left alone */
    db_pool_sweep(pool);
    assert_int_equal(db_snapshot_kept(db), 1);
    db_pool_leave(db);
    db_pool_sweep(pool);
    assert_int_equal(db_snapshot_kept(db), 0);

    /* outside a request (no db_pool_enter) nothing is kept */
    db_read_begin(db);
    db_read_end(db);
    assert_int_equal(db_snapshot_kept(db), 0);

    db_pool_close(pool);
    db_close(other);
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
        cmocka_unit_test(test_kept_snapshot),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
