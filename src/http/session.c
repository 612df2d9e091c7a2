/* session.c - sessions table: create, resolve, touch, revoke. Tokens come from
 * randombytes_buf and only their hash reaches the database; the raw token is wiped. */
#include "http/session.h"

#include <sodium.h>
#include <string.h>

#include "core/limits.h"
#include "core/str.h"

#define SESSION_TOUCH_S 60

static const char SQL_RESOLVE[] =
    "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.auth_at, s.mfa_ok,"
    " u.username, u.name, u.unit_id, un.name, u.must_change_password, u.totp_enabled,"
    " (SELECT COALESCE(SUM(CASE r.role WHEN 'pegawai' THEN 1 WHEN 'atasan' THEN 2"
    "  WHEN 'pimpinan' THEN 4 WHEN 'admin_unit' THEN 8 WHEN 'admin_bkpsdm' THEN 16"
    "  WHEN 'superadmin' THEN 32 ELSE 0 END), 0) FROM user_roles r WHERE r.user_id = u.id),"
    " u.employee_id"
    " FROM sessions s JOIN users u ON u.id = s.user_id"
    " LEFT JOIN units un ON un.id = u.unit_id"
    " WHERE s.token_hash = $1 AND s.revoked = 0 AND u.active = 1";
_Static_assert(ROLE_PEGAWAI == 1 && ROLE_ATASAN == 2 && ROLE_PIMPINAN == 4 &&
                   ROLE_ADMIN_UNIT == 8 && ROLE_ADMIN_BKPSDM == 16 && ROLE_SUPERADMIN == 32,
               "SQL_RESOLVE encodes the role bits");
static const char SQL_TOUCH[] = "UPDATE sessions SET last_seen_at = $1 WHERE id = $2";
static const char SQL_CREATE[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, auth_at,"
    " mfa_ok, ip) VALUES ($1, $2, $3, $4, $4, $4, $5, $6) RETURNING id";
static const char SQL_REVOKE[] =
    "UPDATE sessions SET revoked = 1 WHERE id = $1 AND user_id = $2 AND revoked = 0";
static const char SQL_REVOKE_USER[] =
    "UPDATE sessions SET revoked = 1 WHERE user_id = $1 AND id <> $2 AND revoked = 0";
static const char SQL_MFA[] = "UPDATE sessions SET mfa_ok = 1, auth_at = $2 WHERE id = $1";
static const char SQL_LIST[] =
    "SELECT id, created_at, last_seen_at, ip FROM sessions WHERE user_id = $1 AND revoked = 0"
    " AND last_seen_at > $2 AND created_at > $3 ORDER BY id";

static void token_hash(const char *token_hex, char out[65])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)token_hex, strlen(token_hex), NULL, 0);
    hex_encode(h, sizeof h, out);
}

static void random_hex(char out[SESSION_TOKEN_HEX + 1])
{
    unsigned char raw[32];

    randombytes_buf(raw, sizeof raw);
    hex_encode(raw, sizeof raw, out);
    sodium_memzero(raw, sizeof raw);
}

int session_token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    if (la != lb || la == 0)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}

static enum err_code unauth(struct err *e)
{
    return err_set(e, ERR_UNAUTHORIZED, "unauthenticated", NULL,
                   "Sesi tidak berlaku atau sudah berakhir, silakan masuk lagi");
}

static int token_wellformed(const char *t)
{
    if (!t || strlen(t) != SESSION_TOKEN_HEX)
        return 0;
    for (; *t; t++)
        if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f')))
            return 0;
    return 1;
}

/* ---- the sessions a server thread resolved last ----
 * Resolving reads the session, its user, unit and roles (a third of a small GET). A thread
 * keeps its last SESSION_CACHE_N answers with the database's change stamp at that moment
 * (db_change_stamp, inside the request's read snapshot) and answers from them while the stamp
 * is unchanged: no commit by anyone since, so the rows are the same. Any write (logout, a role,
 * a password, the once-a-minute last-seen touch, a write in another process) changes the stamp
 * and the next request reads the rows again. Expiry is checked on every request. PostgreSQL has
 * no stamp: always read. Values that do not fit the fixed buffers are never kept. */
#define SESSION_CACHE_N 16
struct session_cached {
    const struct db *db; /* the stamp is the stamp of this connection (thread-owned) */
    uint64_t stamp[DB_STAMP_LEN];
    char hash[65];
    int64_t created, last_seen, session_id, id, unit_id, employee_id, auth_at;
    unsigned roles;
    int mfa_ok, must_change_password, totp_enabled, used;
    char csrf[SESSION_TOKEN_HEX + 1], username[LIMIT_USERNAME_BYTES + 1];
    char name[LIMIT_NAME_BYTES + 1], unit_name[LIMIT_NAME_BYTES + 1];
    int has_unit_name;
};
static _Thread_local struct session_cached session_cache[SESSION_CACHE_N];
static _Thread_local unsigned session_cache_next;

static int copy_in(char *dst, size_t cap, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n >= cap)
        return -1;
    memcpy(dst, s ? s : "", n + 1);
    return 0;
}

static void cache_put(struct db *db, const uint64_t stamp[DB_STAMP_LEN], const char *hash,
                      int64_t created, int64_t last_seen, const struct session_user *u)
{
    struct session_cached *c = &session_cache[session_cache_next];

    memset(c, 0, sizeof *c);
    if (copy_in(c->csrf, sizeof c->csrf, u->csrf_token) ||
        copy_in(c->username, sizeof c->username, u->username) ||
        copy_in(c->name, sizeof c->name, u->name) ||
        copy_in(c->unit_name, sizeof c->unit_name, u->unit_name)) {
        c->used = 0;
        return;
    }
    c->db = db;
    memcpy(c->stamp, stamp, sizeof c->stamp);
    memcpy(c->hash, hash, sizeof c->hash);
    c->created = created;
    c->last_seen = last_seen;
    c->session_id = u->session_id;
    c->id = u->id;
    c->unit_id = u->unit_id;
    c->employee_id = u->employee_id;
    c->auth_at = u->auth_at;
    c->roles = u->roles;
    c->mfa_ok = u->mfa_ok;
    c->must_change_password = u->must_change_password;
    c->totp_enabled = u->totp_enabled;
    c->has_unit_name = u->unit_name != NULL;
    c->used = 1;
    session_cache_next = (session_cache_next + 1) % SESSION_CACHE_N;
}

static const struct session_cached *cache_get(const struct db *db,
                                              const uint64_t stamp[DB_STAMP_LEN],
                                              const char *hash)
{
    for (unsigned i = 0; i < SESSION_CACHE_N; i++) {
        const struct session_cached *c = &session_cache[i];

        if (c->used && c->db == db && memcmp(c->stamp, stamp, sizeof c->stamp) == 0 &&
            memcmp(c->hash, hash, sizeof c->hash) == 0)
            return c;
    }
    return NULL;
}

static struct session_user *cache_user(struct arena *a, const struct session_cached *c)
{
    struct session_user *u = arena_alloc(a, sizeof *u);

    u->session_id = c->session_id;
    u->id = c->id;
    u->csrf_token = arena_strdup(a, c->csrf);
    u->auth_at = c->auth_at;
    u->mfa_ok = c->mfa_ok;
    u->username = arena_strdup(a, c->username);
    u->name = arena_strdup(a, c->name);
    u->unit_id = c->unit_id;
    u->unit_name = c->has_unit_name ? arena_strdup(a, c->unit_name) : NULL;
    u->must_change_password = c->must_change_password;
    u->totp_enabled = c->totp_enabled;
    u->roles = c->roles;
    u->employee_id = c->employee_id;
    return u;
}

/* The session's times against the limits: 1 alive, 0 over (401). */
static int session_alive(int64_t now, int64_t created, int64_t last_seen)
{
    return !(now - last_seen > LIMIT_SESSION_IDLE_S || now - created > LIMIT_SESSION_ABS_S ||
             now < created - 300);
}

enum err_code session_resolve(struct db *db, struct arena *a, const char *token, int64_t now,
                              struct session_user **out, struct err *e)
{
    struct db_stmt *st = NULL;
    struct session_user *u;
    const struct session_cached *c;
    char hash[65];
    int64_t created, last_seen;
    uint64_t stamp[DB_STAMP_LEN];
    int stamped;
    enum err_code rc;
    int r;

    if (!token_wellformed(token))
        return unauth(e);
    token_hash(token, hash);
    stamped = db_in_read(db) && db_change_stamp(db, stamp) == 0;
    if (stamped && (c = cache_get(db, stamp, hash)) != NULL &&
        now - c->last_seen < SESSION_TOUCH_S) { /* a touch due: the full path writes it */
        if (!session_alive(now, c->created, c->last_seen))
            return unauth(e);
        *out = cache_user(a, c);
        return ERR_OK;
    }
    rc = db_prepare(db, SQL_RESOLVE, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, hash);
    r = db_step(st, e);
    if (r <= 0) {
        db_reset(st);
        return r < 0 ? e->code : unauth(e);
    }
    u = arena_alloc(a, sizeof *u);
    u->session_id = db_col_int(st, 0);
    u->id = db_col_int(st, 1);
    u->csrf_token = arena_strdup(a, db_col_text(st, 2));
    created = db_col_int(st, 3);
    last_seen = db_col_int(st, 4);
    u->auth_at = db_col_int(st, 5);
    u->mfa_ok = (int)db_col_int(st, 6);
    u->username = arena_strdup(a, db_col_text(st, 7));
    u->name = arena_strdup(a, db_col_text(st, 8));
    u->unit_id = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
    u->unit_name = arena_strdup(a, db_col_text(st, 10));
    u->must_change_password = (int)db_col_int(st, 11);
    u->totp_enabled = (int)db_col_int(st, 12);
    u->roles = (unsigned)db_col_int(st, 13) & ROLES_ANY;
    u->employee_id = db_col_is_null(st, 14) ? 0 : db_col_int(st, 14);
    db_reset(st);
    if (!session_alive(now, created, last_seen))
        return unauth(e);
    if (stamped && now - last_seen < SESSION_TOUCH_S)
        cache_put(db, stamp, hash, created, last_seen, u);
    if (now - last_seen >= SESSION_TOUCH_S) {
        const int64_t args[] = {now, u->session_id};
        int reading = db_in_read(db);

        /* a write inside the dispatcher's read snapshot could meet a newer commit
         * (SQLITE_BUSY_SNAPSHOT): the snapshot, used for nothing else yet, starts anew */
        if (reading)
            db_read_end(db);
        rc = db_run_ints(db, SQL_TOUCH, args, 2, NULL, e);
        if (reading)
            db_read_begin(db);
        if (rc)
            return rc;
    }
    *out = u;
    return ERR_OK;
}

enum err_code session_create(struct db *db, int64_t user_id, const char *ip, int64_t now,
                             int mfa_ok, char token_hex[SESSION_TOKEN_HEX + 1],
                             char csrf_hex[SESSION_TOKEN_HEX + 1], int64_t *session_id,
                             struct err *e)
{
    struct db_stmt *st;
    char hash[65];
    enum err_code rc;
    int r;

    random_hex(token_hex);
    random_hex(csrf_hex);
    token_hash(token_hex, hash);
    rc = db_prepare(db, SQL_CREATE, &st, e);
    if (rc)
        return rc;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, csrf_hex);
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, mfa_ok);
    db_bind_text(st, 6, ip);
    r = db_step(st, e);
    if (r == 1)
        *session_id = db_col_int(st, 0);
    db_reset(st);
    if (r != 1)
        return r < 0 ? e->code : err_internal(e, "session insert returned no id");
    return ERR_OK;
}

enum err_code session_revoke(struct db *db, int64_t user_id, int64_t session_id,
                             int64_t *changed, struct err *e)
{
    const int64_t args[] = {session_id, user_id};

    return db_run_ints(db, SQL_REVOKE, args, 2, changed, e);
}

enum err_code session_revoke_user(struct db *db, int64_t user_id, int64_t keep_id, struct err *e)
{
    const int64_t args[] = {user_id, keep_id};

    return db_run_ints(db, SQL_REVOKE_USER, args, 2, NULL, e);
}

enum err_code session_mark_mfa(struct db *db, int64_t session_id, int64_t now, struct err *e)
{
    const int64_t args[] = {session_id, now};

    return db_run_ints(db, SQL_MFA, args, 2, NULL, e);
}

enum err_code session_list(struct db *db, int64_t user_id, int64_t current_id, int64_t now,
                           json_t **out, struct err *e)
{
    struct db_stmt *st;
    json_t *items;
    enum err_code rc = db_prepare(db, SQL_LIST, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, now - LIMIT_SESSION_IDLE_S);
    db_bind_int(st, 3, now - LIMIT_SESSION_ABS_S);
    items = json_array();
    while ((r = db_step(st, e)) == 1) {
        int64_t id = db_col_int(st, 0);

        json_array_append_new(items, json_pack("{s:I,s:o,s:o,s:s?,s:b}", "id", (json_int_t)id,
                                               "created_at", json_time(db_col_int(st, 1)),
                                               "last_seen_at", json_time(db_col_int(st, 2)),
                                               "ip", db_col_text(st, 3), "current",
                                               id == current_id));
    }
    db_reset(st);
    if (r < 0) {
        json_decref(items);
        return e->code;
    }
    *out = items;
    return ERR_OK;
}
