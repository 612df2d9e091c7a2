/* req.c - reading request input (query, path ids, paging, declared JSON bodies) and
 * writing responses (JSON bodies, errors, headers). Every check names the field at
 * fault in the error; messages are Bahasa Indonesia. */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/str.h"

enum err_code resp_json(struct resp *rs, int status, json_t *v)
{
    size_t len = 0;
    char *s = json_render(v, &len);

    json_decref(v);
    if (!s)
        return err_set(NULL, ERR_INTERNAL, "internal", NULL, "render");
    free(rs->body);
    rs->body = s;
    rs->len = len;
    rs->status = status;
    rs->content_type = "application/json; charset=utf-8";
    return ERR_OK;
}

enum err_code resp_json_w(struct resp *rs, int status, struct json_w *w)
{
    size_t len = 0;
    char *s = jw_text(w, &len);

    if (!s)
        return err_set(NULL, ERR_INTERNAL, "internal", NULL, "render");
    free(rs->body);
    rs->body = s;
    rs->len = len;
    rs->status = status;
    rs->content_type = "application/json; charset=utf-8";
    return ERR_OK;
}

void resp_status(struct resp *rs, int status)
{
    free(rs->body);
    rs->body = NULL;
    rs->len = 0;
    rs->status = status;
    rs->content_type = NULL;
}

void resp_header(struct resp *rs, const char *name, const char *value)
{
    if (rs->nheaders >= RESP_MAX_HEADERS)
        abort(); /* our bug: a handler sets a bounded, known set of headers */
    rs->headers[rs->nheaders].name = name;
    rs->headers[rs->nheaders].value = xstrdup(value);
    rs->nheaders++;
}

void resp_free(struct resp *rs)
{
    free(rs->body);
    rs->body = NULL;
    for (int i = 0; i < rs->nheaders; i++)
        free(rs->headers[i].value);
    rs->nheaders = 0;
}

void resp_error_data(struct resp *rs, const struct err *e, const json_t *data)
{
    json_t *err = json_object();
    int status = err_http_status(e->code);

    if (json_is_object(data))
        json_object_update(err, (json_t *)data);
    json_object_set_new(err, "code", json_string(e->slug[0] ? e->slug : "internal"));
    json_object_set_new(err, "message",
                        json_string(e->msg[0] ? e->msg : "Terjadi kesalahan pada server"));
    json_object_set_new(err, "field", e->field[0] ? json_string(e->field) : json_null());
    (void)resp_json(rs, status, json_pack("{s:o}", "error", err));
}

void resp_error(struct resp *rs, const struct err *e)
{
    resp_error_data(rs, e, NULL);
}

const char *req_query(const struct req *rq, const char *key)
{
    for (int i = 0; i < rq->nquery; i++)
        if (strcmp(rq->query[i].key, key) == 0)
            return rq->query[i].value;
    return NULL;
}

enum err_code req_param_id(const struct req *rq, int idx, int64_t *out, struct err *e)
{
    const char *s = idx < rq->nparams ? rq->params[idx] : NULL;

    if (!s || parse_int64(s, strlen(s), 1, INT64_MAX, out))
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Data tidak ditemukan");
    return ERR_OK;
}

static enum err_code query_int(const struct req *rq, const char *key, int64_t min, int64_t max,
                               int64_t dflt, int64_t *out, struct err *e)
{
    const char *s = req_query(rq, key);

    if (!s) {
        *out = dflt;
        return ERR_OK;
    }
    if (parse_int64(s, strlen(s), min, max, out))
        return err_set(e, ERR_INVALID, "validation_failed", key,
                       "Nilai harus bilangan bulat dalam rentang yang diizinkan");
    return ERR_OK;
}

enum err_code req_paging(const struct req *rq, int64_t *page, int64_t *per_page, struct err *e)
{
    enum err_code rc = query_int(rq, "page", 1, 1000000, 1, page, e);

    if (rc)
        return rc;
    return query_int(rq, "per_page", 1, LIMIT_PAGE_SIZE, 50, per_page, e);
}

enum err_code req_query_allow(const struct req *rq, const char *const *keys, struct err *e)
{
    for (int i = 0; i < rq->nquery; i++) {
        int ok = 0;

        for (const char *const *k = keys; *k; k++)
            if (strcmp(*k, rq->query[i].key) == 0)
                ok = 1;
        if (!ok)
            return err_set(e, ERR_INVALID, "unknown_parameter", rq->query[i].key,
                           "Parameter tidak dikenal");
    }
    return ERR_OK;
}

static const struct json_field *field_find(const struct json_field *fields, const char *name)
{
    for (; fields->name; fields++)
        if (strcmp(fields->name, name) == 0)
            return fields;
    return NULL;
}

enum err_code json_body_check(const struct req *rq, const struct json_field *fields,
                              struct err *e)
{
    const char *key;
    json_t *v;

    if (rq->json) {
        json_object_foreach(rq->json, key, v) {
            const struct json_field *f = field_find(fields, key);

            if (!f)
                return err_set(e, ERR_INVALID, "unknown_field", key, "Kolom tidak dikenal");
            if (json_is_null(v) && !f->required)
                continue;
            switch (f->type) {
            case JF_STRING:
                if (!json_is_string(v))
                    return err_set(e, ERR_INVALID, "validation_failed", key,
                                   "Kolom harus berupa teks");
                if (f->max_len && json_string_length(v) > f->max_len)
                    return err_set(e, ERR_INVALID, "validation_failed", key,
                                   "Teks terlalu panjang");
                break;
            case JF_INT:
                if (!json_is_integer(v) || json_integer_value(v) < f->min ||
                    json_integer_value(v) > f->max)
                    return err_set(e, ERR_INVALID, "validation_failed", key,
                                   "Kolom harus bilangan bulat dalam rentang yang diizinkan");
                break;
            case JF_NUMBER:
                if (!json_is_number(v))
                    return err_set(e, ERR_INVALID, "validation_failed", key,
                                   "Kolom harus berupa angka");
                break;
            case JF_BOOL:
                if (!json_is_boolean(v))
                    return err_set(e, ERR_INVALID, "validation_failed", key,
                                   "Kolom harus true atau false");
                break;
            }
        }
    }
    for (; fields->name; fields++) {
        json_t *got = rq->json ? json_object_get(rq->json, fields->name) : NULL;

        if (fields->required && (!got || json_is_null(got) ||
                                 (json_is_string(got) && json_string_length(got) == 0)))
            return err_set(e, ERR_INVALID, "validation_failed", fields->name, "Kolom wajib diisi");
    }
    return ERR_OK;
}

const char *json_body_str(const struct req *rq, const char *name)
{
    json_t *v = rq->json ? json_object_get(rq->json, name) : NULL;

    return json_is_string(v) ? json_string_value(v) : NULL;
}

double json_body_num(const struct req *rq, const char *name, double dflt)
{
    json_t *v = rq->json ? json_object_get(rq->json, name) : NULL;

    return json_is_number(v) ? json_number_value(v) : dflt;
}

int64_t json_body_int(const struct req *rq, const char *name, int64_t dflt)
{
    json_t *v = rq->json ? json_object_get(rq->json, name) : NULL;

    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

json_t *json_str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *json_time(int64_t t)
{
    char buf[32];

    clock_rfc3339(t, buf, sizeof buf);
    return json_string(buf);
}

json_t *json_page(json_t *items, int64_t total, int64_t page, int64_t per_page)
{
    return json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total, "page",
                     (json_int_t)page, "per_page", (json_int_t)per_page);
}

json_t *json_id_or_null(int64_t id)
{
    return id > 0 ? json_integer(id) : json_null();
}

static const struct {
    const char *name;
    unsigned bit;
} role_names[] = {
    {"pegawai", ROLE_PEGAWAI},         {"atasan", ROLE_ATASAN},
    {"pimpinan", ROLE_PIMPINAN},       {"admin_unit", ROLE_ADMIN_UNIT},
    {"admin_bkpsdm", ROLE_ADMIN_BKPSDM}, {"superadmin", ROLE_SUPERADMIN},
};

int role_has(const struct req *rq, unsigned roles)
{
    return rq->user && (rq->user->roles & roles) != 0;
}

const char *role_name(unsigned role_bit)
{
    for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
        if (role_names[i].bit == role_bit)
            return role_names[i].name;
    return NULL;
}

unsigned role_parse(const char *name)
{
    for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
        if (strcmp(role_names[i].name, name) == 0)
            return role_names[i].bit;
    return 0;
}

static void json_release(void *p)
{
    json_decref(p);
}

void req_error_data(struct req *rq, json_t *data)
{
    if (rq->err_data)
        json_decref(rq->err_data);
    rq->err_data = data;
}

void req_audit(struct req *rq, const char *action, const char *entity, int64_t entity_id,
               json_t *before, json_t *after)
{
    struct audit_entry *a = arena_alloc(rq->a, sizeof *a);

    a->action = action;
    a->entity = entity;
    a->entity_id = arena_printf(rq->a, "%lld", (long long)entity_id);
    a->before = before;
    a->after = after;
    if (before)
        arena_defer(rq->a, json_release, before);
    if (after)
        arena_defer(rq->a, json_release, after);
    rq->audit = a;
}
