/* common.c - what every subcommand shares: opening and migrating the database, loading the
 * audit key and libsodium, printing errors, and the audited write of a CLI action. */
#include "cli/cli.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "db/db.h"
#include "db/field.h"
#include "db/migrate.h"

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("abdi: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

int cli_fail(const char *what, const struct err *e)
{
    fprintf(stderr, "abdi: %s: %s%s%s%s\n", what, e->msg, e->field[0] ? " [" : "", e->field,
            e->field[0] ? "]" : "");
    if (e->detail[0])
        fprintf(stderr, "abdi:   (%s)\n", e->detail);
    return 1;
}

int cli_open(const struct cli_global *g, int migrate, struct db **out)
{
    struct db *db = NULL;
    struct err e;
    int applied = 0;

    err_clear(&e);
    if (sodium_init() < 0) {
        fputs("abdi: libsodium tidak dapat dimulai\n", stderr);
        return 1;
    }
    auth_password_init();
    if (audit_key_load(g->audit_key, 1, &e))
        return cli_fail("kunci audit", &e);
    {
        unsigned char fk[FIELD_KEY_BYTES];

        if (audit_key_derive(1, "abdifld1", fk) != 0) {
            fputs("abdi: kunci enkripsi data tidak dapat diturunkan\n", stderr);
            return 1;
        }
        field_key_set(fk);
        sodium_memzero(fk, sizeof fk);
    }
    if (db_open(g->db_url, &db, &e))
        return cli_fail("membuka basis data", &e);
    if (migrate && db_migrate(db, &applied, &e)) {
        db_close(db);
        return cli_fail("migrasi", &e);
    }
    *out = db;
    return 0;
}

int cli_audited(struct db *db, const struct audit_entry *ent, struct err *e)
{
    char hash[65];
    int64_t id = 0;

    if (audit_append(db, clock_now(), 0, "cli", ent, &id, hash, e))
        return -1;
    if (db_commit(db, e))
        return -1;
    audit_checkpoint(id, hash);
    return 0;
}

void cli_progress(const char *what, long done, long total)
{
    if (!isatty(2) || total <= 0)
        return;
    if (done == total || done % (total / 100 + 1) == 0)
        fprintf(stderr, "\r%s: %ld/%ld (%ld%%)%s", what, done, total, done * 100 / total,
                done == total ? "\n" : "");
}
