/* dispatch.c - app_handle(): every generic check a request passes before its handler,
 * in this order (like Redis's processCommand): framing and size, path and query syntax,
 * route (404/405), session (401), role (403), second factor, CSRF (403), content type
 * (415), UTF-8 and JSON (400/422). ROUTE_WRITE handlers run inside one transaction that
 * also appends one audit row. A handler therefore holds only its own logic. */
#include "http/app.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"
#include "http/session.h"

#define SETTING_TOTP_ADMINS "auth.totp_required_for_admins"

static enum err_code fail(struct err *e, enum err_code code, const char *slug, const char *msg)
{
    return err_set(e, code, slug, NULL, msg);
}

static enum err_code parse_query(struct req *rq, const char *q, struct err *e)
{
    while (q && *q) {
        size_t n = strcspn(q, "&");
        const char *eq = memchr(q, '=', n);
        size_t kl = eq ? (size_t)(eq - q) : n;
        char *k, *v;

        if (n == 0) {
            q++;
            continue;
        }
        if (rq->nquery >= LIMIT_QUERY_PARAMS)
            return fail(e, ERR_BAD_REQUEST, "bad_request", "Terlalu banyak parameter");
        k = arena_alloc(rq->a, kl + 1);
        v = arena_alloc(rq->a, n - kl + 1);
        if (url_decode(q, kl, k, 1) || kl == 0 ||
            url_decode(eq ? eq + 1 : "", eq ? n - kl - 1 : 0, v, 1))
            return fail(e, ERR_BAD_REQUEST, "bad_request", "Parameter tidak sah");
        if (req_query(rq, k))
            return err_set(e, ERR_BAD_REQUEST, "duplicate_parameter", k,
                           "Parameter tidak boleh diulang");
        rq->query[rq->nquery].key = k;
        rq->query[rq->nquery].value = v;
        rq->nquery++;
        q += n;
    }
    return ERR_OK;
}

/* Find name=value in a Cookie header; the first occurrence wins. */
static const char *cookie_value(struct arena *a, const char *header, const char *name)
{
    size_t nl = strlen(name);
    const char *p = header;

    while (p && *p) {
        while (*p == ' ' || *p == ';')
            p++;
        if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
            const char *v = p + nl + 1;

            return arena_strndup(a, v, strcspn(v, ";"));
        }
        p = strchr(p, ';');
    }
    return NULL;
}

/* Depth of nesting outside strings; refuses before jansson recurses. */
static int json_depth_ok(const char *s, size_t len)
{
    int depth = 0, in_str = 0;

    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > LIMIT_JSON_DEPTH)
                return 0;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return 1;
}

static int is_json_type(const char *ct)
{
    size_t n = strlen("application/json");

    if (!ct || strncasecmp(ct, "application/json", n) != 0)
        return 0;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

static enum err_code parse_body(struct req *rq, struct err *e)
{
    json_error_t jerr;

    if (rq->body_len == 0 && !rq->content_type)
        return ERR_OK;
    if (!is_json_type(rq->content_type))
        return fail(e, ERR_MEDIA_TYPE, "unsupported_media_type",
                    "Isi permintaan harus application/json");
    if (rq->body_len == 0)
        return ERR_OK;
    if (!utf8_valid(rq->body, rq->body_len))
        return fail(e, ERR_BAD_REQUEST, "invalid_utf8", "Isi permintaan bukan UTF-8 yang sah");
    if (!json_depth_ok(rq->body, rq->body_len))
        return fail(e, ERR_BAD_REQUEST, "malformed_json", "JSON terlalu dalam bersarang");
    rq->json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!rq->json)
        return fail(e, ERR_BAD_REQUEST, "malformed_json", "JSON tidak sah");
    if (!json_is_object(rq->json)) {
        json_decref(rq->json);
        rq->json = NULL;
        return fail(e, ERR_INVALID, "validation_failed", "Isi permintaan harus objek JSON");
    }
    return ERR_OK;
}

static void set_security_headers_json_error(struct resp *rs, const struct err *e,
                                            const char *error_id, const json_t *data)
{
    resp_error_data(rs, e, e->code == ERR_INTERNAL || e->code == ERR_STORAGE ? NULL : data);
    if (error_id) {
        json_t *v = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", "internal", "message",
                              "Terjadi kesalahan pada server", "id", error_id);

        (void)resp_json(rs, 500, v);
    }
}

static int totp_needed(const struct req *rq, struct err *e)
{
    int64_t required = 1;

    if (!(rq->user->roles & (ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN)) || rq->user->mfa_ok)
        return 0;
    if (db_setting_int(rq->db, SETTING_TOTP_ADMINS, 1, &required, e))
        return -1;
    return required ? 1 : 0;
}

/* One write request inside db_write: the handler (NULL: only the audit row) and its audit
 * row, on the connection db_write gives (the server's writers' connection on SQLite). */
struct write_job {
    struct req *rq;
    struct resp *rs;
    route_handler fn;
    int64_t audit_id;
    char hash[65];
};

static enum err_code write_job_run(struct db *db, void *ctx, struct err *e)
{
    struct write_job *w = ctx;
    struct req *rq = w->rq;
    struct db *own = rq->db;
    enum err_code rc = ERR_OK;

    rq->db = db;
    if (w->fn)
        rc = w->fn(rq, w->rs, e);
    if (!rc && rq->audit)
        rc = audit_append(db, rq->now, rq->user ? rq->user->id : rq->actor_id, rq->ip, rq->audit,
                          &w->audit_id, w->hash, e);
    else if (!rc && !rq->no_audit)
        rc = err_internal(e, "write route without audit entry");
    rq->db = own;
    return rc;
}

static enum err_code write_job(struct req *rq, struct resp *rs, route_handler fn, struct err *e)
{
    struct write_job w = {.rq = rq, .rs = rs, .fn = fn};
    enum err_code rc;

    rq->undo = NULL;
    rc = rq->write_alone ? db_write_alone(rq->db, write_job_run, &w, e)
                         : db_write(rq->db, write_job_run, &w, e);
    if (rc && rq->undo)
        rq->undo(rq->undo_arg);
    rq->undo = NULL;
    if (!rc && w.audit_id)
        audit_checkpoint(w.audit_id, w.hash);
    return rc;
}

/* The audit row of a read of sensitive data (security.md V7: NIK, documents read by admins),
 * which the handler asked for with req_audit: its own transaction after the read, and no
 * answer without it (the body already built is dropped). */
static enum err_code read_audit(struct req *rq, struct resp *rs, struct err *e)
{
    enum err_code rc = write_job(rq, rs, NULL, e);

    if (rc)
        resp_free(rs);
    return rc;
}

enum err_code req_write(struct req *rq, struct resp *rs, route_handler fn, struct err *e)
{
    return write_job(rq, rs, fn, e);
}

static enum err_code handle_route(const struct raw_request *raw, struct req *rq,
                                  struct resp *rs, const struct route *r, const char *path,
                                  const char *token, struct err *e);

static enum err_code handle(const struct app *app, const struct raw_request *raw, struct req *rq,
                            struct resp *rs, struct err *e)
{
    const struct route *r = NULL;
    const char *ctype = NULL;
    char *path;
    unsigned allowed = 0;
    enum err_code rc;
    size_t tlen = strlen(raw->target);
    const char *token;

    if (raw->framing_bad)
        return fail(e, ERR_BAD_REQUEST, "bad_request", "Permintaan tidak sah");
    if (raw->body_too_large)
        return fail(e, ERR_TOO_LARGE, "payload_too_large", "Isi permintaan terlalu besar");
    if (tlen > LIMIT_URL_BYTES || raw->uri_too_long)
        return fail(e, ERR_URI_TOO_LONG, "uri_too_long", "Alamat terlalu panjang");
    path = arena_alloc(rq->a, tlen + 1);
    if (url_decode(raw->target, tlen, path, 0) || !url_path_safe(path))
        return fail(e, ERR_BAD_REQUEST, "bad_path", "Alamat tidak sah");
    rq->path = path;
    rc = parse_query(rq, raw->query, e);
    if (rc)
        return rc;
    if (strncmp(path, "/api/", 5) != 0) {
        const struct embed_file *f;

        if (!(rq->method & (HTTP_GET | HTTP_HEAD))) {
            resp_header(rs, "Allow", "GET, HEAD");
            return fail(e, ERR_METHOD, "method_not_allowed", "Metode tidak diizinkan");
        }
        f = static_lookup(path, &ctype);
        if (!f)
            return fail(e, ERR_NOT_FOUND, "not_found", "Halaman tidak ditemukan");
        rs->status = 200;
        rs->static_data = f->data;
        rs->static_len = f->len;
        rs->content_type = ctype;
        return ERR_OK;
    }
    rc = router_match(app->tables, rq->method, path, rq->a, &r, rq->params, &rq->nparams,
                      &allowed);
    if (rc == ERR_METHOD) {
        char allow[64];

        http_methods_format(allowed, allow, sizeof allow);
        resp_header(rs, "Allow", allow);
        return fail(e, ERR_METHOD, "method_not_allowed", "Metode tidak diizinkan");
    }
    if (rc)
        return fail(e, ERR_NOT_FOUND, "not_found", "Alamat API tidak ditemukan");
    rc = db_pool_get(app->pool, &rq->db, e);
    if (rc)
        return rc;
    db_pool_enter(rq->db); /* left at the end of app_handle */
    token = raw->cookie ? cookie_value(rq->a, raw->cookie,
                                       app->tls ? "__Host-" SESSION_COOKIE : SESSION_COOKIE)
                        : NULL;
    rq->cookie_session = token;
    /* A signed-in read: the session and everything the handler reads in one snapshot, so
     * SQLite takes its file and WAL locks once per request instead of once per statement. */
    if (token && (rq->method & (HTTP_GET | HTTP_HEAD)) && !(r->flags & ROUTE_WRITE)) {
        db_read_begin(rq->db);
        rc = handle_route(raw, rq, rs, r, path, token, e);
        db_read_end(rq->db);
        if (!rc && rq->audit && rq->user)
            rc = read_audit(rq, rs, e);
        return rc;
    }
    return handle_route(raw, rq, rs, r, path, token, e);
}

/* After the route is known: session (401), role (403), second factor, CSRF (403), body. */
static enum err_code handle_route(const struct raw_request *raw, struct req *rq,
                                  struct resp *rs, const struct route *r, const char *path,
                                  const char *token, struct err *e)
{
    enum err_code rc;

    if (token) {
        struct session_user *u = NULL;

        rc = session_resolve(rq->db, rq->a, token, rq->now, &u, e);
        if (rc && rc != ERR_UNAUTHORIZED)
            return rc;
        if (rc && !(r->flags & ROUTE_PUBLIC))
            return rc;
        rq->user = u;
    }
    if (!(r->flags & ROUTE_PUBLIC)) {
        int need;

        if (!rq->user)
            return fail(e, ERR_UNAUTHORIZED, "unauthenticated",
                        "Silakan masuk terlebih dahulu");
        if (!(rq->user->roles & r->roles)) {
            log_event("access_denied", "reason", "role", "path", path, "user",
                      rq->user->username, NULL);
            return fail(e, ERR_FORBIDDEN, "forbidden", "Anda tidak berhak mengakses fungsi ini");
        }
        if (rq->user->must_change_password && !(r->flags & ROUTE_ACCOUNT))
            return fail(e, ERR_FORBIDDEN, "password_change_required",
                        "Ganti kata sandi awal Anda terlebih dahulu");
        need = r->flags & ROUTE_ACCOUNT ? 0 : totp_needed(rq, e);
        if (need < 0)
            return e->code;
        if (need) {
            log_event("access_denied", "reason", "totp", "path", path, "user",
                      rq->user->username, NULL);
            return fail(e, ERR_FORBIDDEN, "totp_required",
                        "Peran admin wajib memakai verifikasi dua langkah (TOTP)");
        }
    }
    if (!(rq->method & (HTTP_GET | HTTP_HEAD)) && rq->user && !(r->flags & ROUTE_NO_CSRF) &&
        (!raw->csrf_token || !session_token_equal(raw->csrf_token, rq->user->csrf_token))) {
        log_event("access_denied", "reason", "csrf", "path", path, "user", rq->user->username,
                  NULL);
        return fail(e, ERR_FORBIDDEN, "csrf_failed", "Token CSRF tidak ada atau tidak cocok");
    }
    if ((rq->method & (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)) &&
        !(r->flags & ROUTE_RAW_BODY)) {
        rc = parse_body(rq, e);
        if (rc)
            return rc;
    }
    if (r->flags & ROUTE_WRITE) {
        rq->write_alone = (r->flags & ROUTE_RAW_BODY) != 0;
        return req_write(rq, rs, r->handler, e);
    }
    return r->handler(rq, rs, e);
}

size_t app_body_limit(const struct app *app, const char *method, const char *target)
{
    struct arena *a = arena_new();
    const struct route *r = NULL;
    const char *params[LIMIT_ROUTE_PARAMS];
    size_t tlen = strlen(target), limit = LIMIT_BODY_BYTES;
    char *path = arena_alloc(a, tlen + 1);
    unsigned allowed = 0;
    int np = 0;

    if (tlen <= LIMIT_URL_BYTES && !url_decode(target, tlen, path, 0) && url_path_safe(path) &&
        !router_match(app->tables, http_method_parse(method), path, a, &r, params, &np,
                      &allowed) &&
        r->max_body > limit)
        limit = r->max_body;
    arena_free(a);
    return limit;
}

static void free_json(void *p)
{
    json_decref(p);
}

void app_handle(const struct app *app, const struct raw_request *raw, struct resp *rs,
                int64_t *user_id)
{
    struct req rq;
    struct err e;
    enum err_code rc;

    memset(&rq, 0, sizeof rq);
    err_clear(&e);
    rq.a = arena_new();
    rq.app = app;
    rq.method = http_method_parse(raw->method);
    rq.method_name = raw->method;
    rq.ip = raw->ip ? raw->ip : "";
    rq.now = clock_now();
    rq.content_type = raw->content_type;
    rq.csrf_header = raw->csrf_token;
    rq.body = raw->body;
    rq.body_len = raw->body_len;
    rs->status = 500;
    rc = handle(app, raw, &rq, rs, &e);
    if (rq.json)
        arena_defer(rq.a, free_json, rq.json);
    if (rc) {
        char id[17] = {0};

        if (rc == ERR_INTERNAL || rc == ERR_STORAGE) {
            unsigned char raw_id[8];

            randombytes_buf(raw_id, sizeof raw_id);
            hex_encode(raw_id, sizeof raw_id, id);
            log_event(rc == ERR_INTERNAL ? "internal_error" : "storage_error", "id", id,
                      "slug", e.slug, "detail", e.detail, "path", rq.path ? rq.path : "", NULL);
        }
        set_security_headers_json_error(rs, &e, rc == ERR_INTERNAL ? id : NULL, rq.err_data);
    }
    if (rq.err_data)
        json_decref(rq.err_data);
    *user_id = rq.user ? rq.user->id : 0;
    if (rq.db)
        db_pool_leave(rq.db);
    arena_free(rq.a);
}
