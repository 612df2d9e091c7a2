/* db_test.c - the db.h contract on SQLite, and on PostgreSQL when ABDI_TEST_PG_URL names a
 * throwaway database (make test sets it): placeholders (also after comments with quotes),
 * NULLs, conflicts, rollback, row counts, settings, migrations twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "db/db.h"
#include "db/migrate.h"

static const char SQL_DROP[] = "DROP TABLE IF EXISTS t_db_test";
static const char SQL_CREATE[] =
    "CREATE TABLE t_db_test (id BIGINT PRIMARY KEY, name TEXT UNIQUE, note TEXT)";
static const char SQL_INS[] =
    "-- the employee's row: an apostrophe in a comment must not hide $1\n"
    "INSERT INTO t_db_test (id, name, note) /* it's fine */ VALUES ($1, $2, $3)";
static const char SQL_SEL[] = "SELECT id, name, note FROM t_db_test WHERE id >= $1 ORDER BY id";
static const char SQL_UPD[] = "UPDATE t_db_test SET note = $1 WHERE id <= $2";
static const char SQL_CNT[] = "SELECT count(*) FROM t_db_test";
static const char SQL_LIT[] = "SELECT '$1 is text', $1";

static void insert(struct db *db, int64_t id, const char *name, const char *note, enum err_code want)
{
    struct db_stmt *st;
    struct err e;
    int r;

    assert_int_equal(db_prepare(db, SQL_INS, &st, &e), ERR_OK);
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, note);
    r = db_step(st, &e);
    if (want == ERR_OK)
        assert_int_equal(r, 0);
    else {
        assert_int_equal(r, -1);
        assert_int_equal(e.code, want);
    }
    db_reset(st);
}

static void contract(const char *url)
{
    struct db *db;
    struct db_stmt *st, *again;
    struct err e;
    int64_t n = -1;
    int applied = -1;

    assert_int_equal(db_open(url, &db, &e), ERR_OK);
    assert_int_equal(db_exec_script(db, SQL_DROP, &e), ERR_OK);
    assert_int_equal(db_exec_script(db, SQL_CREATE, &e), ERR_OK);
    insert(db, 1, "satu", NULL, ERR_OK);
    insert(db, 2, "dua", "catatan", ERR_OK);
    insert(db, 3, "satu", "x", ERR_CONFLICT);

    assert_int_equal(db_prepare(db, SQL_SEL, &st, &e), ERR_OK);
    db_bind_int(st, 1, 1);
    assert_int_equal(db_step(st, &e), 1);
    assert_int_equal(db_col_int(st, 0), 1);
    assert_string_equal(db_col_text(st, 1), "satu");
    assert_true(db_col_is_null(st, 2));
    assert_null(db_col_text(st, 2));
    assert_int_equal(db_step(st, &e), 1);
    assert_string_equal(db_col_text(st, 2), "catatan");
    assert_int_equal(db_step(st, &e), 0);
    db_reset(st);
    assert_int_equal(db_prepare(db, SQL_SEL, &again, &e), ERR_OK);
    assert_ptr_equal(st, again); /* cached by SQL pointer */
    db_reset(again);

    assert_int_equal(db_prepare(db, SQL_UPD, &st, &e), ERR_OK);
    db_bind_text(st, 1, "baru");
    db_bind_int(st, 2, 2);
    assert_int_equal(db_step(st, &e), 0);
    assert_int_equal(db_changes(st), 2);
    db_reset(st);

    assert_int_equal(db_prepare(db, SQL_LIT, &st, &e), ERR_OK);
    db_bind_text(st, 1, "nilai");
    assert_int_equal(db_step(st, &e), 1);
    assert_string_equal(db_col_text(st, 0), "$1 is text");
    assert_string_equal(db_col_text(st, 1), "nilai");
    db_reset(st);

    /* rollback leaves nothing */
    assert_int_equal(db_begin(db, &e), ERR_OK);
    assert_int_not_equal(db_begin(db, &e), ERR_OK); /* no nesting */
    insert(db, 10, "sepuluh", NULL, ERR_OK);
    db_rollback(db);
    assert_int_equal(db_value_int(db, SQL_CNT, NULL, 0, -1, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(db_begin(db, &e), ERR_OK);
    assert_int_equal(db_lock(db, 42, &e), ERR_OK);
    insert(db, 11, "sebelas", NULL, ERR_OK);
    assert_int_equal(db_commit(db, &e), ERR_OK);
    assert_int_equal(db_value_int(db, SQL_CNT, NULL, 0, -1, &n, &e), ERR_OK);
    assert_int_equal(n, 3);
    assert_int_not_equal(db_lock(db, 42, &e), ERR_OK); /* outside a transaction */

    /* migrations are idempotent; settings read back */
    assert_int_equal(db_migrate(db, &applied, &e), ERR_OK);
    assert_int_equal(db_migrate(db, &applied, &e), ERR_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(db_setting_set(db, "uji.angka", "17", &e), ERR_OK);
    assert_int_equal(db_setting_set(db, "uji.angka", "18", &e), ERR_OK);
    assert_int_equal(db_setting_int(db, "uji.angka", 0, &n, &e), ERR_OK);
    assert_int_equal(n, 18);
    assert_int_equal(db_setting_int(db, "uji.tidak.ada", 5, &n, &e), ERR_OK);
    assert_int_equal(n, 5);
    assert_int_equal(db_exec_script(db, SQL_DROP, &e), ERR_OK);
    db_close(db);
}

static void test_sqlite(void **state)
{
    char path[] = "/tmp/abdi-db-test-XXXXXX";
    char url[64];
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    snprintf(url, sizeof url, "sqlite:%s", path);
    contract(url);
    unlink(path);
}

static void test_postgresql(void **state)
{
    const char *url = getenv("ABDI_TEST_PG_URL");

    (void)state;
    if (!url || !*url)
        skip();
    contract(url);
}

static void test_bad_urls(void **state)
{
    struct db *db;
    struct err e;

    (void)state;
    assert_int_equal(db_open("mysql://x", &db, &e), ERR_INVALID);
    assert_int_equal(db_open("sqlite:", &db, &e), ERR_INVALID);
    assert_int_equal(db_open("sqlite:/nonexistent-dir/x/y.db", &db, &e), ERR_STORAGE);
}

static void test_like_pattern(void **state)
{
    struct arena *a = arena_new();

    (void)state;
    assert_string_equal(db_like_pattern(a, NULL), "");
    assert_string_equal(db_like_pattern(a, ""), "");
    assert_string_equal(db_like_pattern(a, "Siti"), "%siti%");
    assert_string_equal(db_like_pattern(a, "50%_a\\b"), "%50\\%\\_a\\\\b%");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_like_pattern),
        cmocka_unit_test(test_sqlite),
        cmocka_unit_test(test_postgresql),
        cmocka_unit_test(test_bad_urls),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
