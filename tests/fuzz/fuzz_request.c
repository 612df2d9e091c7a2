/* fuzz_request.c - libFuzzer target: one HTTP request, straight into app_handle() (router,
 * session, CSRF, body checks, JSON parsing, handlers) against a temporary SQLite database
 * with one unit and one admin session. Input: four lines (method, target with query,
 * content type, flags) then the body. Flag 'S' sends the live session cookie, 'C' the
 * right CSRF token, so the fuzzer reaches authenticated handlers. */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "db/field.h"
#include "db/migrate.h"
#include "http/app.h"
#include "http/session.h"
#include "routes.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct app app;
static char files[160];
static char cookie[128], csrf[SESSION_TOKEN_HEX + 1];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static char dir[] = "/tmp/abdi-fuzz-XXXXXX";
    char url[128], key[128], token[SESSION_TOKEN_HEX + 1], hash[AUTH_HASH_MAX];
    unsigned char fkey[FIELD_KEY_BYTES];
    struct db *db;
    struct err e;
    int64_t uid, sid;
    int applied;

    (void)argc, (void)argv;
    if (sodium_init() < 0 || !mkdtemp(dir))
        abort();
    log_set_quiet(1);
    clock_init();
    auth_password_init();
    snprintf(url, sizeof url, "sqlite:%s/fuzz.db", dir);
    snprintf(key, sizeof key, "%s/audit.key", dir);
    if (audit_key_load(key, 1, &e) || audit_key_derive(1, "abdifld1", fkey) != 0)
        abort();
    field_key_set(fkey); /* as cli_open does: employee NIKs are sealed at rest */
    if (db_open(url, &db, &e) || db_migrate(db, &applied, &e) ||
        db_exec_script(db, "INSERT INTO units (id, code, name, kind, created_at)"
                           " VALUES (1, 'PEMKOT', 'Pemkot', 'pemerintah', 0);"
                           "INSERT INTO settings VALUES ('auth.totp_required_for_admins', '0');",
                       &e) ||
        auth_password_hash("fuzz-sandi-rahasia-1", hash, &e) ||
        auth_user_insert(db, "admin", "Admin", hash, ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN, 1, 0,
                         0, clock_now(), &uid, &e) ||
        session_create(db, uid, "127.0.0.1", clock_now() + 86400 * 365, 1, token, csrf, &sid, &e))
        abort();
    db_close(db);
    snprintf(cookie, sizeof cookie, "abdi_session=%s", token);
    app.pool = db_pool_new(url);
    app.version = ABDI_VERSION;
    app.tables = abdi_routes;
    snprintf(files, sizeof files, "%s/files", dir);
    if (mkdir(files, 0700) != 0)
        abort();
    app.files_dir = files;
    return 0;
}

/* Next line of the input as a NUL-terminated copy (empty when exhausted). */
static char *take_line(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    char *s = malloc(n + 1);

    memcpy(s, *p, n);
    s[n] = '\0';
    *p += nl ? n + 1 : n;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *method = take_line(&p, end), *target = take_line(&p, end);
    char *ctype = take_line(&p, end), *flags = take_line(&p, end);
    char *q = strchr(target, '?');
    struct raw_request raw;
    struct resp rs;
    int64_t user_id;

    memset(&raw, 0, sizeof raw);
    if (q)
        *q++ = '\0';
    raw.method = method;
    raw.target = target[0] ? target : "/";
    raw.query = q;
    raw.content_type = ctype[0] ? ctype : NULL;
    raw.cookie = strchr(flags, 'S') ? cookie : NULL;
    raw.csrf_token = strchr(flags, 'C') ? csrf : NULL;
    raw.ip = "127.0.0.1";
    raw.body = (const char *)p;
    raw.body_len = (size_t)(end - p);
    memset(&rs, 0, sizeof rs);
    app_handle(&app, &raw, &rs, &user_id);
    if (rs.status < 200 || rs.status > 599)
        abort();
    resp_free(&rs);
    free(method);
    free(target);
    free(ctype);
    free(flags);
    return 0;
}
