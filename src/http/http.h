/* http.h - what a module sees of HTTP: the request, the response, route rows and the
 * helpers to read input and render JSON. libmicrohttpd stays inside server.c; the router
 * (router.c) does every generic check before a handler runs (see docs/api-foundation.md).
 * Memory: everything a handler allocates comes from rq->a and lives until the response
 * is sent; jansson values given to resp_json() are owned by the response from then on. */
#ifndef ABDI_HTTP_H
#define ABDI_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/limits.h"
#include "core/mem.h"

struct db;
struct app;

enum http_method {
    HTTP_GET = 1u << 0,
    HTTP_POST = 1u << 1,
    HTTP_PUT = 1u << 2,
    HTTP_PATCH = 1u << 3,
    HTTP_DELETE = 1u << 4,
    HTTP_HEAD = 1u << 5,
    HTTP_OTHER = 1u << 6,
};

/* Roles of design.md section 6, as bits. */
enum role {
    ROLE_PEGAWAI = 1u << 0,
    ROLE_ATASAN = 1u << 1,
    ROLE_PIMPINAN = 1u << 2,
    ROLE_ADMIN_UNIT = 1u << 3,
    ROLE_ADMIN_BKPSDM = 1u << 4,
    ROLE_SUPERADMIN = 1u << 5,
};
#define ROLES_ANY 0x3fu
#define ROLES_ADMIN (ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN)

enum route_flags {
    ROUTE_PUBLIC = 1u << 0,  /* no session needed (roles ignored) */
    ROUTE_WRITE = 1u << 1,   /* one transaction + one audit row around the handler */
    ROUTE_NO_CSRF = 1u << 2, /* state-changing but exempt (login: no session yet) */
    ROUTE_ACCOUNT = 1u << 3, /* own-account route: reachable while a password change or
                                 an admin's TOTP enrolment is still pending */
    ROUTE_RAW_BODY = 1u << 4, /* the body is not JSON: the handler reads rq->body, body_len
                                 and content_type itself (uploads, CSV imports) */
};

/* The logged-in user of a request, resolved from the session by the router. */
struct session_user {
    int64_t id;
    int64_t session_id;
    const char *username;
    const char *name;
    unsigned roles;
    int64_t unit_id; /* 0 when none */
    const char *unit_name;
    int64_t employee_id; /* the account's own employee record; 0 when none */
    const char *csrf_token;
    int64_t auth_at; /* last password entry, for re-authentication */
    int mfa_ok;
    int must_change_password;
    int totp_enabled;
};

/* What a write handler records; the router appends it to the audit chain. */
struct audit_entry {
    const char *action;    /* "user.password", "unit.create" */
    const char *entity;    /* "user", "unit" */
    const char *entity_id; /* text form of the id */
    json_t *before;        /* NULL or a JSON value; owned by the request */
    json_t *after;
};

struct req_kv {
    const char *key;
    const char *value;
};

struct req {
    struct arena *a;
    const struct app *app;
    unsigned method;
    const char *method_name;
    const char *path; /* percent-decoded, validated */
    struct req_kv query[LIMIT_QUERY_PARAMS];
    int nquery;
    const char *params[LIMIT_ROUTE_PARAMS]; /* path parameters in pattern order */
    int nparams;
    const char *content_type;
    const char *cookie_session; /* raw abdi_session value or NULL */
    const char *csrf_header;
    const char *body;
    size_t body_len;
    json_t *json; /* parsed body (object) or NULL */
    struct db *db;
    const struct session_user *user;
    const char *ip;
    int64_t now;
    struct audit_entry *audit;
    int no_audit; /* a write route that changed nothing (router skips the audit row) */
    int write_alone; /* a bulk write (a ROUTE_RAW_BODY route: imports, uploads): its own
                      * transaction instead of the group commit (db_write_alone) */
    void *ctx;    /* handler-private state carried into a req_write() callback */
    /* Set by a write handler that changed something outside the database (a file): called
     * when the transaction does not commit after all (its own later failure, or the group
     * commit's COMMIT failing), so nothing is left behind. */
    void (*undo)(void *arg);
    void *undo_arg;
    int64_t actor_id; /* audit actor when there is no session yet (login) */
    json_t *err_data; /* extra members of the error object when the request fails (a 409's
                       * list of what is in the way); set with req_error_data */
};

#define RESP_MAX_HEADERS 8

struct resp {
    int status;
    char *body; /* malloc'd, handed to the server */
    size_t len;
    const char *content_type;
    const unsigned char *static_data; /* embedded asset: served without copying */
    size_t static_len;
    struct {
        const char *name; /* static */
        char *value;      /* owned by the response */
    } headers[RESP_MAX_HEADERS];
    int nheaders;
};

typedef enum err_code (*route_handler)(struct req *rq, struct resp *rs, struct err *e);

struct route {
    unsigned methods;
    const char *pattern; /* "/api/v1/units/{id}" */
    route_handler handler;
    unsigned roles;
    unsigned flags;
    size_t max_body; /* bytes; 0 = LIMIT_BODY_BYTES (uploads: LIMIT_UPLOAD_BYTES, imports:
                        LIMIT_IMPORT_BYTES) */
};

/* Run fn inside one transaction with one audit row, as the router does for ROUTE_WRITE;
 * for handlers that must also write outside it (login records failed attempts). */
enum err_code req_write(struct req *rq, struct resp *rs, route_handler fn, struct err *e);

/* Record the audit entry of a write; before/after (may be NULL) are owned by the request
 * from here on. In a signed-in GET it records a read of sensitive data (security.md V7: no
 * value in it): the dispatcher appends it after the handler in its own transaction, and the
 * request fails without the read when that fails. */
void req_audit(struct req *rq, const char *action, const char *entity, int64_t entity_id,
               json_t *before, json_t *after);

/* ---- responses ---- */
/* Render v (reference stolen) as the body with status. */
enum err_code resp_json(struct resp *rs, int status, json_t *v);
/* The text of a text-mode writer as the body with status (the writer is released). */
struct json_w;
enum err_code resp_json_w(struct resp *rs, int status, struct json_w *w);
void resp_status(struct resp *rs, int status); /* empty body, e.g. 204 */
/* name must be a static string; value is copied. */
void resp_header(struct resp *rs, const char *name, const char *value);
/* Release what the response owns (body, header values). */
void resp_free(struct resp *rs);
/* Fill rs with the JSON error body for e. */
void resp_error(struct resp *rs, const struct err *e);
/* The same with the members of data (an object, may be NULL) added to the error object;
 * code, message and field stay e's. */
void resp_error_data(struct resp *rs, const struct err *e, const json_t *data);
/* Attach data (an object, reference stolen; replaces an earlier one) to the error the request
 * answers with if it fails: {"error":{"code","message","field",...data}}. Ignored on success. */
void req_error_data(struct req *rq, json_t *data);

/* ---- requests ---- */
const char *req_query(const struct req *rq, const char *key);
/* Path parameter idx as a positive id; 404 when malformed (no existence oracle). */
enum err_code req_param_id(const struct req *rq, int idx, int64_t *out, struct err *e) ABDI_MUST_CHECK;
/* page/per_page from the query, validated (422 naming the field). */
enum err_code req_paging(const struct req *rq, int64_t *page, int64_t *per_page,
                         struct err *e) ABDI_MUST_CHECK;
/* Query parameter in the allow-list keys; unknown → 422 naming it. */
enum err_code req_query_allow(const struct req *rq, const char *const *keys,
                              struct err *e) ABDI_MUST_CHECK;

/* Declared JSON input: every field of the body must be in fields (else 422 unknown_field),
 * required ones present, each of the declared type and length. */
enum json_type_want { JF_STRING, JF_INT, JF_BOOL, JF_NUMBER /* integer or real */ };
struct json_field {
    const char *name;
    enum json_type_want type;
    int required;
    size_t max_len;     /* strings: bytes */
    int64_t min, max;   /* ints */
};
enum err_code json_body_check(const struct req *rq, const struct json_field *fields,
                              struct err *e) ABDI_MUST_CHECK;
/* Value of a checked string field, or NULL when absent. */
const char *json_body_str(const struct req *rq, const char *name);
int64_t json_body_int(const struct req *rq, const char *name, int64_t dflt);
/* Value of a checked JF_NUMBER field (integer or real), or dflt when absent. */
double json_body_num(const struct req *rq, const char *name, double dflt);

/* v as compact ASCII-only JSON, exactly as json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII |
 * JSON_ENCODE_ANY) would write it, only faster (json_render.c); malloc'd, *len set; NULL on
 * invalid UTF-8 or nesting deeper than jansson allows. resp_json renders with it. */
char *json_render(const json_t *v, size_t *len);

/* json_w: the same JSON text written straight from C values (no tree: hot read paths), or,
 * begun with jw_begin_tree, the jansson tree of the same calls (the audit stores trees), so
 * one list of fields serves a response and an audit entry. key is NULL for array elements
 * and the top value. A failure (invalid UTF-8, nesting) is sticky: jw_text/jw_tree then
 * return NULL. Both release what the writer holds; a writer is used once. */
#define JW_MAX_DEPTH 16
struct json_buf {
    char *p;
    size_t len, cap;
};
struct json_w {
    struct json_buf b;              /* text */
    json_t *root;                   /* tree */
    json_t *stack[JW_MAX_DEPTH];    /* tree: open containers */
    unsigned count[JW_MAX_DEPTH];   /* members written in each open container */
    char is_object[JW_MAX_DEPTH];   /* text: '}' or ']' closes it */
    int depth, tree, failed;
};
void jw_begin_text(struct json_w *w);
void jw_begin_tree(struct json_w *w);
void jw_object(struct json_w *w, const char *key);
void jw_array(struct json_w *w, const char *key);
void jw_end(struct json_w *w);
void jw_str(struct json_w *w, const char *key, const char *s); /* NULL -> null */
void jw_int(struct json_w *w, const char *key, int64_t v);
void jw_id(struct json_w *w, const char *key, int64_t id);     /* <= 0 -> null */
void jw_null(struct json_w *w, const char *key);
void jw_bool(struct json_w *w, const char *key, int v);
void jw_time(struct json_w *w, const char *key, int64_t t);    /* RFC 3339 */
void jw_value(struct json_w *w, const char *key, json_t *v);   /* v stolen */
void jw_members(struct json_w *w, json_t *obj);  /* obj's members into the open object; stolen */
char *jw_text(struct json_w *w, size_t *len);    /* malloc'd, NUL-terminated; NULL on failure */
json_t *jw_tree(struct json_w *w);               /* NULL on failure */
void jw_free(struct json_w *w);                  /* give up: release what it holds */

/* JSON helpers for rendering: NULL-safe strings, epoch seconds as RFC 3339. */
json_t *json_str_or_null(const char *s);
json_t *json_time(int64_t t);
json_t *json_id_or_null(int64_t id);
/* The body of one page of a list: {"items": items (stolen), "total", "page", "per_page"}. */
json_t *json_page(json_t *items, int64_t total, int64_t page, int64_t per_page);

/* A module's integer settings (settings.c): defs end with a NULL key; each names an int at
 * offset in the module's struct of settings (size bytes, at most INT_SETTINGS_MAX_BYTES), whose
 * defaults are dflt. Load: the saved values, each outside its range (or not saved) the default.
 * GET / PUT of a settings endpoint: items with value, default and range; PUT {key: int, ...}
 * (422 naming the key: unknown, not an integer, out of range; an empty body names
 * empty_field), all checked before any is written, audited as action with before and after. */
#define INT_SETTINGS_MAX_BYTES 256
struct int_setting {
    const char *key; /* "leave.carry_max" */
    size_t offset;   /* of an int in the module's struct of settings */
    int min, max;
};
enum err_code int_settings_load(struct db *db, const struct int_setting *defs, const void *dflt,
                                size_t size, void *out, struct err *e) ABDI_MUST_CHECK;
enum err_code int_settings_get(struct req *rq, struct resp *rs, const struct int_setting *defs,
                               const void *dflt, size_t size, struct err *e) ABDI_MUST_CHECK;
enum err_code int_settings_put(struct req *rq, struct resp *rs, const struct int_setting *defs,
                               const void *dflt, size_t size, const char *action,
                               const char *empty_field, struct err *e) ABDI_MUST_CHECK;

int role_has(const struct req *rq, unsigned roles);
const char *role_name(unsigned role_bit);
unsigned role_parse(const char *name); /* 0 when unknown */

#endif
