/* api.c - account endpoints: login, logout, me, password change, own sessions, TOTP
 * enrolment, and the superadmin's user list and session revocation. The router already
 * did the generic checks; login does its own because failed attempts must be recorded
 * even though nothing else is written. */
#include "auth/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "http/app.h"
#include "http/session.h"

#define LOGIN_PASSWORD_MAX_BYTES LIMIT_PASSWORD_BYTES

struct login_state {
    struct auth_user user;
    char token[SESSION_TOKEN_HEX + 1];
    char csrf[SESSION_TOKEN_HEX + 1];
    int64_t session_id;
};

static const struct json_field login_fields[] = {
    {"username", JF_STRING, 1, LIMIT_USERNAME_BYTES, 0, 0},
    {"password", JF_STRING, 1, LOGIN_PASSWORD_MAX_BYTES, 0, 0},
    {"totp", JF_STRING, 0, 8, 0, 0},
    {0},
};

static enum err_code invalid_credentials(struct err *e)
{
    return err_set(e, ERR_UNAUTHORIZED, "invalid_credentials", NULL,
                   "Nama pengguna atau kata sandi salah");
}

static json_t *audit_obj(const char *k1, json_t *v1)
{
    json_t *o = json_object();

    json_object_set_new(o, k1, v1);
    return o;
}

static void set_audit(struct req *rq, const char *action, const char *entity, int64_t id,
                      json_t *after)
{
    req_audit(rq, action, entity, id, NULL, after);
}

static void set_cookie(struct req *rq, struct resp *rs, const char *token)
{
    const char *name = rq->app->tls ? "__Host-" SESSION_COOKIE : SESSION_COOKIE;
    const char *secure = rq->app->tls ? "; Secure" : "";
    char *v = token ? arena_printf(rq->a, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", name,
                                   token, secure)
                    : arena_printf(rq->a,
                                   "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", name,
                                   secure);

    resp_header(rs, "Set-Cookie", v);
}

static enum err_code login_commit(struct req *rq, struct resp *rs, struct err *e)
{
    struct login_state *ls = rq->ctx;
    enum err_code rc;

    (void)rs;
    rc = session_create(rq->db, ls->user.id, rq->ip, rq->now, ls->user.totp_enabled, ls->token,
                        ls->csrf, &ls->session_id, e);
    if (rc)
        return rc;
    rc = auth_throttle_record(rq->db, ls->user.username, rq->ip, rq->now, 1, e);
    if (rc)
        return rc;
    set_audit(rq, "auth.login", "user", ls->user.id,
              audit_obj("session_id", json_integer(ls->session_id)));
    return ERR_OK;
}

static enum err_code load_session_user(struct req *rq, const char *token, struct err *e)
{
    struct session_user *u = NULL;
    enum err_code rc = session_resolve(rq->db, rq->a, token, rq->now, &u, e);

    if (rc)
        return rc;
    rq->user = u;
    return ERR_OK;
}

static enum err_code api_login(struct req *rq, struct resp *rs, struct err *e)
{
    struct login_state *ls = arena_alloc(rq->a, sizeof *ls);
    const char *username, *password, *code;
    int64_t demo = 0, step = 0;
    int found, ok;
    enum err_code rc;

    rc = json_body_check(rq, login_fields, e);
    if (rc)
        return rc;
    username = json_body_str(rq, "username");
    password = json_body_str(rq, "password");
    code = json_body_str(rq, "totp");
    rc = auth_throttle_check(rq->db, username, rq->ip, rq->now, e);
    if (rc) {
        if (rc == ERR_TOO_MANY)
            log_event("login_throttled", "user", username, "ip", rq->ip, NULL);
        return rc;
    }
    rc = auth_user_by_name(rq->db, username, &ls->user, e);
    if (rc && rc != ERR_NOT_FOUND)
        return rc;
    found = rc == ERR_OK && ls->user.active;
    ok = auth_password_verify(found ? ls->user.hash : NULL, password);
    sodium_memzero(ls->user.hash, sizeof ls->user.hash);
    if (!ok) {
        rc = auth_throttle_record(rq->db, username, rq->ip, rq->now, 0, e);
        if (rc)
            return rc;
        log_event("login_failed", "user", username, "ip", rq->ip, NULL);
        return invalid_credentials(e);
    }
    rc = db_setting_int(rq->db, "demo_mode", 0, &demo, e);
    if (rc)
        return rc;
    if (!demo && auth_password_is_demo(password)) {
        log_event("login_refused", "user", username, "reason", "demo_password", NULL);
        return err_set(e, ERR_FORBIDDEN, "demo_password_refused", "password",
                       "Kata sandi contoh tidak boleh dipakai di luar mode demo");
    }
    if (ls->user.must_change_password && ls->user.password_expires_at &&
        rq->now > ls->user.password_expires_at)
        return err_set(e, ERR_UNAUTHORIZED, "password_expired", NULL,
                       "Kata sandi awal sudah kedaluwarsa; minta admin mengatur ulang");
    if (ls->user.totp_enabled) {
        if (!code || !*code)
            return err_set(e, ERR_UNAUTHORIZED, "totp_required", "totp",
                           "Masukkan kode verifikasi dari aplikasi autentikator");
        step = auth_totp_check(ls->user.totp_secret, code, rq->now, ls->user.totp_last_step);
        if (!step) {
            rc = auth_throttle_record(rq->db, username, rq->ip, rq->now, 0, e);
            if (rc)
                return rc;
            log_event("login_failed", "user", username, "ip", rq->ip, "reason", "totp", NULL);
            return err_set(e, ERR_UNAUTHORIZED, "invalid_totp", "totp",
                           "Kode verifikasi tidak sah atau sudah dipakai");
        }
        rc = auth_user_totp_step(rq->db, ls->user.id, step, e);
        if (rc)
            return rc;
    }
    rq->ctx = ls;
    rq->actor_id = ls->user.id;
    rc = req_write(rq, rs, login_commit, e);
    if (rc)
        return rc;
    log_event("login_ok", "user", username, "ip", rq->ip, NULL);
    rc = load_session_user(rq, ls->token, e);
    if (rc)
        return rc;
    set_cookie(rq, rs, ls->token);
    rc = resp_json(rs, 200,
                   json_pack("{s:o,s:s}", "user", auth_user_json(rq->user), "csrf_token",
                             ls->csrf));
    sodium_memzero(ls->token, sizeof ls->token);
    return rc;
}

static enum err_code api_logout(struct req *rq, struct resp *rs, struct err *e)
{
    int64_t changed = 0;
    enum err_code rc = session_revoke(rq->db, rq->user->id, rq->user->session_id, &changed, e);

    if (rc)
        return rc;
    set_audit(rq, "auth.logout", "user", rq->user->id,
              audit_obj("session_id", json_integer(rq->user->session_id)));
    log_event("logout", "user", rq->user->username, NULL);
    resp_status(rs, 204);
    set_cookie(rq, rs, NULL);
    resp_header(rs, "Clear-Site-Data", "\"cookies\", \"storage\"");
    return ERR_OK;
}

static enum err_code api_me(struct req *rq, struct resp *rs, struct err *e)
{
    (void)e;
    return resp_json(rs, 200,
                     json_pack("{s:o,s:s}", "user", auth_user_json(rq->user), "csrf_token",
                               rq->user->csrf_token));
}

static const struct json_field password_fields[] = {
    {"old_password", JF_STRING, 1, LOGIN_PASSWORD_MAX_BYTES, 0, 0},
    {"new_password", JF_STRING, 1, 4096, 0, 0},
    {0},
};

static enum err_code api_password(struct req *rq, struct resp *rs, struct err *e)
{
    struct auth_user u;
    const char *old_pw, *new_pw;
    const char *ctx[] = {rq->user->username, NULL};
    enum err_code rc;

    rc = json_body_check(rq, password_fields, e);
    if (rc)
        return rc;
    old_pw = json_body_str(rq, "old_password");
    new_pw = json_body_str(rq, "new_password");
    rc = auth_user_by_id(rq->db, rq->user->id, &u, e);
    if (rc)
        return rc;
    if (!auth_password_verify(u.hash, old_pw)) {
        sodium_memzero(u.hash, sizeof u.hash);
        log_event("password_change_failed", "user", rq->user->username, NULL);
        return err_set(e, ERR_INVALID, "wrong_password", "old_password",
                       "Kata sandi lama salah");
    }
    sodium_memzero(u.hash, sizeof u.hash);
    rc = auth_password_policy(new_pw, ctx, "new_password", e);
    if (rc)
        return rc;
    if (strcmp(old_pw, new_pw) == 0)
        return err_set(e, ERR_INVALID, "weak_password", "new_password",
                       "Kata sandi baru harus berbeda dari yang lama");
    rc = auth_user_set_password(rq->db, rq->user->id, new_pw, 0, rq->now, e);
    if (rc)
        return rc;
    rc = session_revoke_user(rq->db, rq->user->id, rq->user->session_id, e);
    if (rc)
        return rc;
    set_audit(rq, "user.password", "user", rq->user->id,
              audit_obj("password_changed_at", json_time(rq->now)));
    resp_status(rs, 204);
    return ERR_OK;
}

static enum err_code api_sessions(struct req *rq, struct resp *rs, struct err *e)
{
    json_t *items;
    enum err_code rc = session_list(rq->db, rq->user->id, rq->user->session_id, rq->now, &items, e);

    if (rc)
        return rc;
    return resp_json(rs, 200, json_pack("{s:o}", "items", items));
}

static enum err_code api_session_revoke(struct req *rq, struct resp *rs, struct err *e)
{
    int64_t id, changed = 0;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (rc)
        return rc;
    rc = session_revoke(rq->db, rq->user->id, id, &changed, e);
    if (rc)
        return rc;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Sesi tidak ditemukan");
    set_audit(rq, "auth.session_revoke", "user", rq->user->id,
              audit_obj("session_id", json_integer(id)));
    resp_status(rs, 204);
    return ERR_OK;
}

static const struct json_field totp_setup_fields[] = {
    {"password", JF_STRING, 1, LOGIN_PASSWORD_MAX_BYTES, 0, 0},
    {0},
};

static enum err_code api_totp_setup(struct req *rq, struct resp *rs, struct err *e)
{
    struct auth_user u;
    char secret[33];
    enum err_code rc = json_body_check(rq, totp_setup_fields, e);
    int ok;

    if (rc)
        return rc;
    rc = auth_user_by_id(rq->db, rq->user->id, &u, e);
    if (rc)
        return rc;
    ok = auth_password_verify(u.hash, json_body_str(rq, "password"));
    sodium_memzero(&u, sizeof u);
    if (!ok)
        return err_set(e, ERR_INVALID, "wrong_password", "password", "Kata sandi salah");
    auth_totp_secret(secret);
    rc = auth_user_set_totp(rq->db, rq->user->id, secret, 0, e);
    if (rc)
        return rc;
    set_audit(rq, "user.totp_setup", "user", rq->user->id,
              audit_obj("totp_enabled", json_false()));
    rc = resp_json(rs, 200,
                   json_pack("{s:s,s:s+++}", "secret", secret, "otpauth_uri",
                             "otpauth://totp/Abdi:", rq->user->username, "?secret=", secret,
                             "&issuer=Abdi"));
    sodium_memzero(secret, sizeof secret);
    return rc;
}

static const struct json_field totp_enable_fields[] = {
    {"code", JF_STRING, 1, 8, 0, 0},
    {0},
};

static enum err_code api_totp_enable(struct req *rq, struct resp *rs, struct err *e)
{
    struct auth_user u;
    int64_t step;
    enum err_code rc = json_body_check(rq, totp_enable_fields, e);

    if (rc)
        return rc;
    rc = auth_user_by_id(rq->db, rq->user->id, &u, e);
    if (rc)
        return rc;
    step = u.totp_secret[0] ? auth_totp_check(u.totp_secret, json_body_str(rq, "code"), rq->now,
                                              u.totp_last_step)
                            : 0;
    if (!step) {
        sodium_memzero(&u, sizeof u);
        return err_set(e, ERR_INVALID, "invalid_totp", "code", "Kode verifikasi tidak sah");
    }
    rc = auth_user_totp_step(rq->db, rq->user->id, step, e);
    if (!rc)
        rc = auth_user_set_totp(rq->db, rq->user->id, u.totp_secret, 1, e);
    sodium_memzero(&u, sizeof u);
    if (!rc)
        rc = session_mark_mfa(rq->db, rq->user->session_id, rq->now, e);
    if (rc)
        return rc;
    set_audit(rq, "user.totp_enable", "user", rq->user->id,
              audit_obj("totp_enabled", json_true()));
    resp_status(rs, 204);
    return ERR_OK;
}

static const char *const users_query_keys[] = {"q", "page", "per_page", NULL};

static enum err_code api_users(struct req *rq, struct resp *rs, struct err *e)
{
    int64_t page, per_page;
    json_t *out;
    enum err_code rc = req_query_allow(rq, users_query_keys, e);

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = auth_users_list(rq->db, req_query(rq, "q"), page, per_page, &out, e);
    if (rc)
        return rc;
    return resp_json(rs, 200, out);
}

static enum err_code api_user_revoke(struct req *rq, struct resp *rs, struct err *e)
{
    struct auth_user u;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = auth_user_by_id(rq->db, id, &u, e);
    if (rc)
        return rc == ERR_NOT_FOUND ? err_set(e, rc, "not_found", NULL, "Pengguna tidak ditemukan")
                                   : rc;
    sodium_memzero(u.hash, sizeof u.hash);
    rc = session_revoke_user(rq->db, id, 0, e);
    if (rc)
        return rc;
    set_audit(rq, "user.sessions_revoke", "user", id, audit_obj("by", json_integer(rq->user->id)));
    resp_status(rs, 204);
    return ERR_OK;
}

const struct route auth_routes[] = {
    {HTTP_POST, "/api/v1/auth/login", api_login, 0, ROUTE_PUBLIC | ROUTE_NO_CSRF},
    {HTTP_POST, "/api/v1/auth/logout", api_logout, ROLES_ANY, ROUTE_WRITE | ROUTE_ACCOUNT},
    {HTTP_GET, "/api/v1/auth/me", api_me, ROLES_ANY, ROUTE_ACCOUNT},
    {HTTP_POST, "/api/v1/auth/password", api_password, ROLES_ANY, ROUTE_WRITE | ROUTE_ACCOUNT},
    {HTTP_GET, "/api/v1/auth/sessions", api_sessions, ROLES_ANY, ROUTE_ACCOUNT},
    {HTTP_DELETE, "/api/v1/auth/sessions/{id}", api_session_revoke, ROLES_ANY,
     ROUTE_WRITE | ROUTE_ACCOUNT},
    {HTTP_POST, "/api/v1/auth/totp/setup", api_totp_setup, ROLES_ANY, ROUTE_WRITE | ROUTE_ACCOUNT},
    {HTTP_POST, "/api/v1/auth/totp/enable", api_totp_enable, ROLES_ANY,
     ROUTE_WRITE | ROUTE_ACCOUNT},
    {HTTP_GET, "/api/v1/users", api_users, ROLE_SUPERADMIN, 0},
    {HTTP_POST, "/api/v1/users/{id}/sessions/revoke", api_user_revoke, ROLE_SUPERADMIN,
     ROUTE_WRITE},
    {0},
};
