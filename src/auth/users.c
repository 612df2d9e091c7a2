/* users.c - the users and user_roles tables, and login throttling in login_attempts
 * (kept in the database so it survives restarts and is shared by several servers). */
#include "auth/auth.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/str.h"

static const char SQL_BY_NAME[] =
    "SELECT id, username, name, password_hash, unit_id, active, must_change_password,"
    " password_expires_at, totp_enabled, totp_secret, totp_last_step FROM users"
    " WHERE username = $1";
static const char SQL_BY_ID[] =
    "SELECT id, username, name, password_hash, unit_id, active, must_change_password,"
    " password_expires_at, totp_enabled, totp_secret, totp_last_step FROM users WHERE id = $1";
static const char SQL_INSERT[] =
    "INSERT INTO users (username, name, password_hash, unit_id, must_change_password,"
    " password_expires_at, password_changed_at, created_at, employee_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id";
static const char SQL_LINK[] = "UPDATE users SET employee_id = $2 WHERE id = $1";
static const char SQL_ROLE[] = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
static const char SQL_SET_PW[] =
    "UPDATE users SET password_hash = $2, must_change_password = $3, password_expires_at = $4,"
    " password_changed_at = $5 WHERE id = $1";
static const char SQL_SET_TOTP[] =
    "UPDATE users SET totp_secret = $2, totp_enabled = $3 WHERE id = $1";
static const char SQL_TOTP_STEP[] =
    "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2";
static const char SQL_FAIL_ACCOUNT_IP[] =
    "SELECT count(*) FROM login_attempts WHERE username = $1 AND ip = $2 AND ok = 0 AND at > $3";
static const char SQL_FAIL_IP[] =
    "SELECT count(*) FROM login_attempts WHERE ip = $1 AND ok = 0 AND at > $2";
static const char SQL_FAIL_ACCOUNT[] =
    "SELECT count(*) FROM login_attempts WHERE username = $1 AND ok = 0 AND at > $2";
static const char SQL_ATTEMPT[] =
    "INSERT INTO login_attempts (username, ip, at, ok) VALUES ($1, $2, $3, $4)";
static const char SQL_CLEAR[] =
    "DELETE FROM login_attempts WHERE username = $1 AND ip = $2 AND ok = 0";
static const char SQL_LIST[] =
    "SELECT u.id, u.username, u.name, u.unit_id, un.name, u.must_change_password,"
    " u.totp_enabled, u.active FROM users u LEFT JOIN units un ON un.id = u.unit_id"
    " WHERE (CAST($1 AS TEXT) IS NULL OR lower(u.username) LIKE CAST($1 AS TEXT)"
    " OR lower(u.name) LIKE CAST($1 AS TEXT))"
    " ORDER BY u.username LIMIT $2 OFFSET $3";
static const char SQL_LIST_COUNT[] =
    "SELECT count(*) FROM users u WHERE (CAST($1 AS TEXT) IS NULL"
    " OR lower(u.username) LIKE CAST($1 AS TEXT) OR lower(u.name) LIKE CAST($1 AS TEXT))";
static const char SQL_ROLES_OF[] = "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role";

/* Password set by an administrator: must be changed at first login, within 72 hours. */
#define AUTH_INITIAL_PASSWORD_S (72 * 3600)

static void read_user(struct db_stmt *st, struct arena *a, void *out)
{
    struct auth_user *u = out;

    (void)a;
    memset(u, 0, sizeof *u);
    u->id = db_col_int(st, 0);
    str_copy(u->username, sizeof u->username, db_col_text(st, 1));
    str_copy(u->name, sizeof u->name, db_col_text(st, 2));
    str_copy(u->hash, sizeof u->hash, db_col_text(st, 3));
    u->unit_id = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
    u->active = (int)db_col_int(st, 5);
    u->must_change_password = (int)db_col_int(st, 6);
    u->password_expires_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
    u->totp_enabled = (int)db_col_int(st, 8);
    str_copy(u->totp_secret, sizeof u->totp_secret, db_col_text(st, 9));
    u->totp_last_step = db_col_int(st, 10);
}

static enum err_code load_user(struct db *db, const char *sql, const char *name, int64_t id,
                               struct auth_user *u, struct err *e)
{
    return db_fetch_one(db, sql, id, name, NULL, read_user, u, "Pengguna tidak ditemukan", e);
}

enum err_code auth_user_by_name(struct db *db, const char *username, struct auth_user *u,
                                struct err *e)
{
    return load_user(db, SQL_BY_NAME, username, 0, u, e);
}

enum err_code auth_user_by_id(struct db *db, int64_t id, struct auth_user *u, struct err *e)
{
    return load_user(db, SQL_BY_ID, NULL, id, u, e);
}

static int username_valid(const char *s)
{
    size_t n = strlen(s);

    if (n < 3 || n > LIMIT_USERNAME_BYTES)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return 0;
    }
    return 1;
}

enum err_code auth_user_create(struct db *db, const char *username, const char *name,
                               const char *password, unsigned roles, int64_t unit_id,
                               int must_change, int64_t now, int64_t *id_out, struct err *e)
{
    char hash[AUTH_HASH_MAX];
    const char *ctx[] = {username, NULL};
    enum err_code rc;

    if (!username_valid(username))
        return err_set(e, ERR_INVALID, "validation_failed", "username",
                       "Nama pengguna 3-64 karakter: huruf kecil, angka, titik, garis");
    if (!name || !*name || strlen(name) > LIMIT_NAME_BYTES || !utf8_valid(name, strlen(name)))
        return err_set(e, ERR_INVALID, "validation_failed", "name", "Nama wajib diisi");
    rc = auth_password_policy(password, ctx, "password", e);
    if (rc)
        return rc;
    rc = auth_password_hash(password, hash, e);
    if (rc)
        return rc;
    return auth_user_insert(db, username, name, hash, roles, unit_id, 0, must_change, now,
                            id_out, e);
}

enum err_code auth_user_insert(struct db *db, const char *username, const char *name,
                               const char *hash, unsigned roles, int64_t unit_id,
                               int64_t employee_id, int must_change, int64_t now,
                               int64_t *id_out, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc;
    int64_t id = 0;
    int r;

    rc = db_prepare(db, SQL_INSERT, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, username);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, hash);
    if (unit_id > 0)
        db_bind_int(st, 4, unit_id);
    else
        db_bind_null(st, 4);
    db_bind_int(st, 5, must_change);
    if (must_change)
        db_bind_int(st, 6, now + AUTH_INITIAL_PASSWORD_S);
    else
        db_bind_null(st, 6);
    db_bind_int(st, 7, now);
    if (employee_id > 0)
        db_bind_int(st, 8, employee_id);
    else
        db_bind_null(st, 8);
    rc = db_step_id(st, &id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "username_taken", "username",
                       "Nama pengguna sudah dipakai");
    if (rc)
        return rc;
    for (unsigned bit = 1; bit <= ROLE_SUPERADMIN; bit <<= 1) {
        if (!(roles & bit))
            continue;
        rc = db_prepare(db, SQL_ROLE, &st, e);
        if (rc)
            return rc;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, role_name(bit));
        r = db_step(st, e);
        db_reset(st);
        if (r < 0)
            return e->code;
    }
    *id_out = id;
    return ERR_OK;
}

enum err_code auth_user_set_password(struct db *db, int64_t user_id, const char *password,
                                     int must_change, int64_t now, struct err *e)
{
    char hash[AUTH_HASH_MAX];
    struct db_stmt *st;
    enum err_code rc = auth_password_hash(password, hash, e);
    int r;

    if (rc)
        return rc;
    rc = db_prepare(db, SQL_SET_PW, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, hash);
    db_bind_int(st, 3, must_change);
    if (must_change)
        db_bind_int(st, 4, now + AUTH_INITIAL_PASSWORD_S);
    else
        db_bind_null(st, 4);
    db_bind_int(st, 5, now);
    r = db_step(st, e);
    db_reset(st);
    sodium_memzero(hash, sizeof hash);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code auth_user_set_totp(struct db *db, int64_t user_id, const char *secret, int enabled,
                                 struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_SET_TOTP, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, secret);
    db_bind_int(st, 3, enabled);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code auth_user_totp_step(struct db *db, int64_t user_id, int64_t step, struct err *e)
{
    const int64_t args[] = {user_id, step};
    int64_t changed = 0;
    enum err_code rc = db_run_ints(db, SQL_TOTP_STEP, args, 2, &changed, e);

    if (rc)
        return rc;
    if (changed != 1) /* another request used this code first */
        return err_set(e, ERR_UNAUTHORIZED, "invalid_totp", "totp", "Kode verifikasi tidak sah");
    return ERR_OK;
}

json_t *auth_user_json(const struct session_user *u)
{
    json_t *roles = json_array();

    for (unsigned bit = 1; bit <= ROLE_SUPERADMIN; bit <<= 1)
        if (u->roles & bit)
            json_array_append_new(roles, json_string(role_name(bit)));
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:b}", "id", (json_int_t)u->id,
                     "username", u->username, "name", u->name, "roles", roles, "unit_id",
                     json_id_or_null(u->unit_id), "unit_name", json_str_or_null(u->unit_name),
                     "employee_id", json_id_or_null(u->employee_id), "must_change_password",
                     u->must_change_password, "totp_enabled", u->totp_enabled);
}

static enum err_code count_query(struct db *db, const char *sql, const char *a, const char *b,
                                 int64_t since, int64_t *out, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r, i = 1;

    if (rc)
        return rc;
    if (a)
        db_bind_text(st, i++, a);
    if (b)
        db_bind_text(st, i++, b);
    db_bind_int(st, i, since);
    r = db_step(st, e);
    *out = r == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code auth_throttle_check(struct db *db, const char *username, const char *ip,
                                  int64_t now, struct err *e)
{
    int64_t n;
    enum err_code rc;

    rc = count_query(db, SQL_FAIL_ACCOUNT_IP, username, ip, now - LIMIT_LOGIN_WINDOW_S, &n, e);
    if (!rc && n >= LIMIT_LOGIN_FAIL_ACCOUNT_IP)
        goto too_many;
    if (!rc)
        rc = count_query(db, SQL_FAIL_IP, ip, NULL, now - LIMIT_LOGIN_WINDOW_S, &n, e);
    if (!rc && n >= LIMIT_LOGIN_FAIL_IP)
        goto too_many;
    if (!rc)
        rc = count_query(db, SQL_FAIL_ACCOUNT, username, NULL, now - 3600, &n, e);
    if (!rc && n >= LIMIT_LOGIN_FAIL_ACCOUNT_HOUR)
        goto too_many;
    return rc;
too_many:
    return err_set(e, ERR_TOO_MANY, "too_many_attempts", NULL,
                   "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.");
}

enum err_code auth_throttle_record(struct db *db, const char *username, const char *ip,
                                   int64_t now, int ok, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, ok ? SQL_CLEAR : SQL_ATTEMPT, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_text(st, 1, username);
    db_bind_text(st, 2, ip);
    if (!ok) {
        db_bind_int(st, 3, now);
        db_bind_int(st, 4, 0);
    }
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code auth_users_list(struct db *db, const char *q, int64_t page, int64_t per_page,
                              json_t **out, struct err *e)
{
    struct db_stmt *st, *rs;
    char *like = NULL;
    json_t *items;
    int64_t total = 0;
    enum err_code rc;
    int r;

    if (q && *q) {
        size_t n = strlen(q);

        like = xmalloc(n + 3);
        like[0] = '%';
        for (size_t i = 0; i < n; i++)
            like[i + 1] = (char)((q[i] >= 'A' && q[i] <= 'Z') ? q[i] - 'A' + 'a' : q[i]);
        like[n + 1] = '%';
        like[n + 2] = '\0';
    }
    rc = db_prepare(db, SQL_LIST_COUNT, &st, e);
    if (rc)
        goto out;
    db_bind_text(st, 1, like);
    r = db_step(st, e);
    total = r == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (r < 0) {
        rc = e->code;
        goto out;
    }
    rc = db_prepare(db, SQL_LIST, &st, e);
    if (rc)
        goto out;
    db_bind_text(st, 1, like);
    db_bind_int(st, 2, per_page);
    db_bind_int(st, 3, (page - 1) * per_page);
    items = json_array();
    while ((r = db_step(st, e)) == 1) {
        json_t *roles = json_array();
        int64_t id = db_col_int(st, 0);
        int r2;

        rc = db_prepare(db, SQL_ROLES_OF, &rs, e);
        if (rc) {
            json_decref(roles);
            break;
        }
        db_bind_int(rs, 1, id);
        while ((r2 = db_step(rs, e)) == 1)
            json_array_append_new(roles, json_string(db_col_text(rs, 0)));
        db_reset(rs);
        json_array_append_new(
            items, json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:b,s:b,s:b}", "id", (json_int_t)id,
                             "username", db_col_text(st, 1), "name", db_col_text(st, 2),
                             "roles", roles, "unit_id",
                             json_id_or_null(db_col_is_null(st, 3) ? 0 : db_col_int(st, 3)),
                             "unit_name", json_str_or_null(db_col_text(st, 4)),
                             "must_change_password", (int)db_col_int(st, 5), "totp_enabled",
                             (int)db_col_int(st, 6), "active", (int)db_col_int(st, 7)));
        if (r2 < 0) {
            r = -1;
            break;
        }
    }
    db_reset(st);
    if (rc || r < 0) {
        json_decref(items);
        rc = rc ? rc : e->code;
        goto out;
    }
    *out = json_page(items, total, page, per_page);
out:
    free(like);
    return rc;
}

enum err_code auth_user_link_employee(struct db *db, int64_t user_id, int64_t employee_id,
                                      struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, SQL_LINK, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    if (employee_id > 0)
        db_bind_int(st, 2, employee_id);
    else
        db_bind_null(st, 2);
    r = db_step(st, e);
    db_reset(st);
    if (r < 0 && e->code == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "employee_has_account", "employee_id",
                       "Pegawai ini sudah memiliki akun");
    return r < 0 ? e->code : ERR_OK;
}
