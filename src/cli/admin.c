/* admin.c - the maintenance subcommands: migrate, user add/passwd, backup, audit verify. */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/mem.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/session.h"
#include "modules/org/org.h"

int cli_migrate(const struct cli_global *g, int argc, char **argv)
{
    struct db *db;
    struct err e;
    int applied = 0, rc;

    (void)argv;
    if (argc != 1)
        return cli_usage_error("migrate tidak menerima argumen");
    rc = cli_open(g, 0, &db);
    if (rc)
        return rc;
    err_clear(&e);
    if (db_migrate(db, &applied, &e)) {
        db_close(db);
        return cli_fail("migrasi", &e);
    }
    printf("migrasi: %d diterapkan, skema versi %d\n", applied, db_schema_latest());
    db_close(db);
    return 0;
}

/* A generated initial password: 4 groups of 5 from a 32-letter alphabet (100 bits). */
void cli_random_password(char out[24])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789#";
    unsigned char raw[20];
    int o = 0;

    randombytes_buf(raw, sizeof raw);
    for (int i = 0; i < 20; i++) {
        if (i && i % 5 == 0)
            out[o++] = '-';
        out[o++] = alphabet[raw[i] & 31];
    }
    out[o] = '\0';
    sodium_memzero(raw, sizeof raw);
}

const char *cli_password_or_new(const char *given, char generated[24])
{
    if (given)
        return given;
    cli_random_password(generated);
    return generated;
}

static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    if (strcmp(argv[*i], name) != 0)
        return NULL;
    if (*i + 1 >= argc)
        return NULL;
    (*i)++;
    return argv[*i];
}

static unsigned parse_roles(const char *list)
{
    unsigned roles = 0;
    char *copy = xstrdup(list), *p = copy;

    while (p && *p) {
        char *comma = strchr(p, ',');
        unsigned r;

        if (comma)
            *comma = '\0';
        r = role_parse(p);
        if (!r) {
            free(copy);
            return 0;
        }
        roles |= r;
        p = comma ? comma + 1 : NULL;
    }
    free(copy);
    return roles;
}

static int user_add(const struct cli_global *g, int argc, char **argv)
{
    const char *username, *name = NULL, *role = NULL, *unit = NULL, *password = NULL;
    char generated[24];
    struct org_unit u;
    struct arena *a;
    struct db *db;
    struct err e;
    struct audit_entry ent;
    unsigned roles;
    int64_t id = 0;
    int rc;

    if (argc < 3)
        return cli_usage_error("user add NAMA --name N --role PERAN --unit KODE [--password P]");
    username = argv[2];
    for (int i = 3; i < argc; i++) {
        const char *v;

        if ((v = opt_value(argc, argv, &i, "--name")))
            name = v;
        else if ((v = opt_value(argc, argv, &i, "--role")))
            role = v;
        else if ((v = opt_value(argc, argv, &i, "--unit")))
            unit = v;
        else if ((v = opt_value(argc, argv, &i, "--password")))
            password = v;
        else
            return cli_usage_error("opsi tidak dikenal atau tanpa nilai: %s", argv[i]);
    }
    if (!name || !role || !unit)
        return cli_usage_error("user add memerlukan --name, --role dan --unit");
    roles = parse_roles(role);
    if (!roles)
        return cli_usage_error("peran tidak dikenal: %s", role);
    password = cli_password_or_new(password, generated);
    rc = cli_open(g, 1, &db);
    if (rc)
        return rc;
    a = arena_new();
    err_clear(&e);
    if (db_begin(db, &e) || org_unit_by_code(db, a, unit, &u, &e) ||
        auth_user_create(db, username, name, password, roles, u.id, 1, clock_now(), &id, &e)) {
        db_rollback(db);
        rc = cli_fail("menambah pengguna", &e);
        goto out;
    }
    memset(&ent, 0, sizeof ent);
    ent.action = "user.create";
    ent.entity = "user";
    ent.entity_id = arena_printf(a, "%lld", (long long)id);
    ent.after = json_pack("{s:s,s:s,s:I}", "username", username, "roles", role, "unit_id",
                          (json_int_t)u.id);
    if (cli_audited(db, &ent, &e)) {
        db_rollback(db);
        json_decref(ent.after);
        rc = cli_fail("menambah pengguna", &e);
        goto out;
    }
    json_decref(ent.after);
    printf("pengguna %s dibuat (id %lld)%s%s\n", username, (long long)id,
           password == generated ? "; kata sandi awal: " : "",
           password == generated ? generated : "");
    puts("kata sandi awal wajib diganti saat pertama masuk (berlaku 72 jam)");
out:
    sodium_memzero(generated, sizeof generated);
    arena_free(a);
    db_close(db);
    return rc;
}

static int user_passwd(const struct cli_global *g, int argc, char **argv)
{
    const char *password = NULL;
    char generated[24];
    struct auth_user u;
    struct db *db;
    struct err e;
    struct audit_entry ent;
    char idbuf[24];
    int rc;

    if (argc < 3)
        return cli_usage_error("user passwd NAMA [--password P]");
    for (int i = 3; i < argc; i++) {
        const char *v = opt_value(argc, argv, &i, "--password");

        if (!v)
            return cli_usage_error("opsi tidak dikenal atau tanpa nilai: %s", argv[i]);
        password = v;
    }
    password = cli_password_or_new(password, generated);
    rc = cli_open(g, 1, &db);
    if (rc)
        return rc;
    err_clear(&e);
    if (db_begin(db, &e) || auth_user_by_name(db, argv[2], &u, &e)) {
        db_rollback(db);
        rc = cli_fail("mengganti kata sandi", &e);
        goto out;
    }
    {
        const char *ctx[] = {u.username, NULL};

        if (auth_password_policy(password, ctx, "password", &e) ||
            auth_user_set_password(db, u.id, password, 1, clock_now(), &e) ||
            session_revoke_user(db, u.id, 0, &e)) {
            db_rollback(db);
            rc = cli_fail("mengganti kata sandi", &e);
            goto out;
        }
    }
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)u.id);
    memset(&ent, 0, sizeof ent);
    ent.action = "user.password_reset";
    ent.entity = "user";
    ent.entity_id = idbuf;
    if (cli_audited(db, &ent, &e)) {
        db_rollback(db);
        rc = cli_fail("mengganti kata sandi", &e);
        goto out;
    }
    printf("kata sandi %s diganti%s%s; wajib diganti saat masuk berikutnya\n", u.username,
           password == generated ? ": " : "", password == generated ? generated : "");
out:
    sodium_memzero(generated, sizeof generated);
    sodium_memzero(&u, sizeof u);
    db_close(db);
    return rc;
}

int cli_user(const struct cli_global *g, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return user_add(g, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "passwd") == 0)
        return user_passwd(g, argc, argv);
    return cli_usage_error("user add|passwd ... (lihat abdi --help)");
}

/* `abdi backup FILE`: a consistent copy (VACUUM INTO: one read transaction, safe while the
 * server writes), mode 0600, and FILE.ckpt: a checkpoint signed for the copy's own newest
 * audit row, so the copy verifies on its own (`audit verify --checkpoint FILE.ckpt`). */
int cli_backup(const struct cli_global *g, int argc, char **argv)
{
    struct db *db, *copy = NULL;
    struct err e;
    char url[4096], ckpt[4096], hash[65];
    int64_t head = 0;
    int rc;

    if (argc != 2)
        return cli_usage_error("backup FILE");
    rc = cli_open(g, 0, &db);
    if (rc)
        return rc;
    err_clear(&e);
    umask(077); /* the copy holds personal data: owner only */
    if (db_backup(db, argv[1], &e)) {
        db_close(db);
        return cli_fail("cadangan", &e);
    }
    db_close(db);
    snprintf(url, sizeof url, "sqlite:%s", argv[1]);
    snprintf(ckpt, sizeof ckpt, "%s.ckpt", argv[1]);
    if (db_open(url, &copy, &e) || audit_head(copy, &head, hash, &e)) {
        db_close(copy);
        return cli_fail("cadangan: membaca salinan", &e);
    }
    db_close(copy);
    unlink(ckpt);
    if (head && audit_checkpoint_to(ckpt, head, hash)) {
        fprintf(stderr, "abdi: cadangan: titik periksa %s tidak dapat ditulis\n", ckpt);
        return 1;
    }
    printf("cadangan ditulis ke %s (audit sampai baris %lld, titik periksa %s)\n", argv[1],
           (long long)head, ckpt);
    return 0;
}

int cli_audit(const struct cli_global *g, int argc, char **argv)
{
    struct audit_report rep;
    struct db *db;
    struct err e;
    int rc;

    const char *checkpoint = NULL;

    if (argc == 4 && strcmp(argv[2], "--checkpoint") == 0)
        checkpoint = argv[3];
    else if (argc != 2)
        return cli_usage_error("audit verify [--checkpoint FILE]");
    if (strcmp(argv[1], "verify") != 0)
        return cli_usage_error("audit verify [--checkpoint FILE]");
    rc = cli_open(g, 0, &db);
    if (rc)
        return rc;
    err_clear(&e);
    if (checkpoint ? audit_verify_at(db, checkpoint, &rep, &e) : audit_verify(db, &rep, &e)) {
        db_close(db);
        return cli_fail("verifikasi audit", &e);
    }
    db_close(db);
    if (rep.bad_id) {
        printf("audit: RUSAK pada baris %lld: %s (%lld baris diperiksa)\n", (long long)rep.bad_id,
               rep.reason, (long long)rep.rows);
        return 1;
    }
    printf("audit: %lld baris, rantai utuh dan cocok dengan titik periksa\n", (long long)rep.rows);
    return 0;
}
