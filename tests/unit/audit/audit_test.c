/* audit_test.c - the keyed hash chain: every field is covered by the HMAC, and verify names
 * the first bad row for an edited, deleted or truncated chain (checkpoint). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "db/db.h"
#include "db/migrate.h"

static char dir[64];

static int setup(void **state)
{
    char key[128];
    struct err e;

    (void)state;
    if (sodium_init() < 0)
        return -1;
    snprintf(dir, sizeof dir, "/tmp/abdi-audit-test-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(key, sizeof key, "%s/audit.key", dir);
    return audit_key_load(key, 1, &e) ? -1 : 0;
}

static int teardown(void **state)
{
    char cmd[128];

    (void)state;
    audit_key_unload();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A fresh database with n audited writes; the checkpoint follows each commit. */
static struct db *chain(int n)
{
    struct db *db;
    struct err e;
    char url[128], ckpt[128];
    static int seq;
    int applied;

    snprintf(url, sizeof url, "sqlite:%s/t%d.db", dir, ++seq);
    snprintf(ckpt, sizeof ckpt, "%s/audit.key.ckpt", dir);
    unlink(ckpt);
    assert_int_equal(db_open(url, &db, &e), ERR_OK);
    assert_int_equal(db_migrate(db, &applied, &e), ERR_OK);
    for (int i = 1; i <= n; i++) {
        struct audit_entry ent = {"unit.create", "unit", "7", NULL, NULL};
        char hash[65];
        int64_t id;

        ent.after = json_pack("{s:i}", "n", i);
        assert_int_equal(db_begin(db, &e), ERR_OK);
        assert_int_equal(audit_append(db, 1700000000 + i, 3, "127.0.0.1", &ent, &id, hash, &e),
                         ERR_OK);
        assert_int_equal(db_commit(db, &e), ERR_OK);
        audit_checkpoint(id, hash);
        assert_int_equal(id, i);
        json_decref(ent.after);
    }
    return db;
}

static void verify_expect(struct db *db, int64_t rows, int64_t bad_id)
{
    struct audit_report rep;
    struct err e;

    assert_int_equal(audit_verify(db, &rep, &e), ERR_OK);
    assert_int_equal(rep.rows, rows);
    if (rep.bad_id != bad_id)
        fail_msg("bad_id %lld want %lld (%s)", (long long)rep.bad_id, (long long)bad_id,
                 rep.reason);
}

static void exec(struct db *db, const char *sql)
{
    struct err e;

    if (db_exec_script(db, sql, &e))
        fail_msg("%s: %s", sql, e.detail);
}

/* The checkpoint file's two slots (audit.c): the newest valid one counts; a damaged slot (a
 * torn write, or someone overwriting it to fall back to the older one) fails verification until
 * the next checkpoint overwrites it; the one-line layout of older files still reads. */
static void test_checkpoint_slots(void **state)
{
    struct db *db = chain(4);
    char ckpt[128], line[512];
    FILE *f;
    int fd;

    (void)state;
    snprintf(ckpt, sizeof ckpt, "%s/audit.key.ckpt", dir);
    verify_expect(db, 4, 0);
    /* slot 1 holds id 4 (written last, the older slot 0 held 3): damage it */
    fd = open(ckpt, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, "v1 4 zz", 7, 4096), 7);
    close(fd);
    verify_expect(db, 4, 5);
    /* the next checkpoint repairs the damaged slot */
    {
        struct audit_entry ent = {"unit.create", "unit", "7", NULL, NULL};
        struct err e;
        char hash[65];
        int64_t id;

        assert_int_equal(db_begin(db, &e), ERR_OK);
        assert_int_equal(audit_append(db, 1700000100, 3, "127.0.0.1", &ent, &id, hash, &e),
                         ERR_OK);
        assert_int_equal(db_commit(db, &e), ERR_OK);
        audit_checkpoint(id, hash);
    }
    verify_expect(db, 5, 0);
    /* older layout: only the newest line, as a file of its own */
    f = fopen(ckpt, "r");
    assert_non_null(f);
    assert_int_equal(fseek(f, 4096, SEEK_SET), 0);
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    f = fopen(ckpt, "w");
    assert_non_null(f);
    fputs(line, f);
    fclose(f);
    verify_expect(db, 5, 0);
    db_close(db);
}

static void test_intact_chain_verifies(void **state)
{
    struct db *db = chain(5);

    (void)state;
    verify_expect(db, 5, 0);
    db_close(db);
}

static void test_rows_are_append_only(void **state)
{
    struct db *db = chain(2);
    struct err e;

    (void)state;
    assert_int_not_equal(db_exec_script(db, "UPDATE audit_log SET action = 'x' WHERE id = 1", &e),
                         ERR_OK);
    assert_int_not_equal(db_exec_script(db, "DELETE FROM audit_log WHERE id = 2", &e), ERR_OK);
    verify_expect(db, 2, 0);
    db_close(db);
}

static void test_edited_row_named(void **state)
{
    struct db *db = chain(4);

    (void)state;
    exec(db, "DROP TRIGGER audit_log_no_update; "
             "UPDATE audit_log SET after_json = '{\"n\":99}' WHERE id = 3");
    verify_expect(db, 4, 3);
    db_close(db);
}

static void test_edited_actor_named(void **state)
{
    struct db *db = chain(3);

    (void)state;
    exec(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_id = 1 WHERE id = 2");
    verify_expect(db, 3, 2);
    db_close(db);
}

static void test_deleted_middle_row_named(void **state)
{
    struct db *db = chain(4);

    (void)state;
    exec(db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2");
    verify_expect(db, 3, 2);
    db_close(db);
}

static void test_truncated_tail_caught_by_checkpoint(void **state)
{
    struct db *db = chain(4);

    (void)state;
    exec(db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 4");
    verify_expect(db, 3, 4);
    db_close(db);
}

static void test_recomputed_chain_without_key_fails(void **state)
{
    struct db *db = chain(2);
    struct audit_row r = {2, 1700000002, 3, "127.0.0.1", "unit.create", "unit", "7",
                          NULL, "{\"n\":5}", NULL};
    unsigned char wrong_key[32] = {1};
    char prev[65] = {0}, forged[65], sql[512];
    struct db_stmt *st;
    struct err e;
    static const char q[] = "SELECT hash FROM audit_log WHERE id = 1";

    (void)state;
    /* an attacker without the key recomputes row 2 with a key of their own */
    assert_int_equal(db_prepare(db, q, &st, &e), ERR_OK);
    assert_int_equal(db_step(st, &e), 1);
    memcpy(prev, db_col_text(st, 0), 64);
    db_reset(st);
    r.prev_hash = prev;
    audit_row_hash(wrong_key, &r, forged);
    snprintf(sql, sizeof sql,
             "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json = '{\"n\":5}',"
             " hash = '%s' WHERE id = 2",
             forged);
    exec(db, sql);
    verify_expect(db, 2, 2);
    db_close(db);
}

static void test_hash_covers_null_vs_empty(void **state)
{
    unsigned char key[32] = {7};
    struct audit_row a = {1, 5, 0, NULL, "x", "y", "1", NULL, NULL, "00"};
    struct audit_row b = a;
    char ha[65], hb[65];

    (void)state;
    b.ip = "";
    audit_row_hash(key, &a, ha);
    audit_row_hash(key, &b, hb);
    assert_string_not_equal(ha, hb);
    b = a;
    b.action = "xy";
    b.entity = "";
    audit_row_hash(key, &b, hb); /* "x","y" vs "xy","": length prefixes keep them apart */
    assert_string_not_equal(ha, hb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intact_chain_verifies),
        cmocka_unit_test(test_checkpoint_slots),
        cmocka_unit_test(test_rows_are_append_only),
        cmocka_unit_test(test_edited_row_named),
        cmocka_unit_test(test_edited_actor_named),
        cmocka_unit_test(test_deleted_middle_row_named),
        cmocka_unit_test(test_truncated_tail_caught_by_checkpoint),
        cmocka_unit_test(test_recomputed_chain_without_key_fails),
        cmocka_unit_test(test_hash_covers_null_vs_empty),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
