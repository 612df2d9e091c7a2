/* api.c - the SIASN import over HTTP (issue 7), for admin_bkpsdm and superadmin only (the
 * router answers 403 to every other role): POST /api/v1/imports/siasn with the export as a
 * text/csv body, the list of past imports, and the reconciliation of the differences an
 * import listed (take SIASN's value or keep Abdi's, one by one or all at once, audited).
 * docs/api-siasn-import.md. */
#include "modules/siasn/siasn.h"

#include <pthread.h>
#include <string.h>

#include "core/limits.h"
#include "core/str.h"

#define SIASN_ROLES (ROLE_ADMIN_BKPSDM | ROLE_SUPERADMIN)

static enum err_code bool_param(struct req *rq, const char *key, const char *yes, const char *no,
                                int *out, struct err *e)
{
    const char *v = req_query(rq, key);

    *out = 0;
    if (!v)
        return ERR_OK;
    if (strcmp(v, yes) == 0)
        *out = 1;
    else if (strcmp(v, no) != 0)
        return err_invalid(e, key, no[0] ? "Nilai harus true atau false" : "Nilai harus siasn");
    return ERR_OK;
}

/* The server's side of a web import, for the page's progress bar: the phase and the count of
 * the newest import of each user (a few BKPSDM officers: a small table, the oldest slot
 * reused), read by GET /imports/siasn/progress while the POST is still running. */
#define PROGRESS_SLOTS 8
static pthread_mutex_t progress_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    int64_t user;
    int active;
    char phase[16];
    long done, total;
    int64_t at;
} progress_slot[PROGRESS_SLOTS];

static int slot_of(int64_t user)
{
    int oldest = 0;

    for (int i = 0; i < PROGRESS_SLOTS; i++) {
        if (progress_slot[i].user == user)
            return i;
        if (progress_slot[i].at < progress_slot[oldest].at)
            oldest = i;
    }
    return oldest;
}

static void progress_set(int64_t user, int active, const char *phase, long done, long total,
                         int64_t now)
{
    int i;

    pthread_mutex_lock(&progress_mu);
    i = slot_of(user);
    progress_slot[i].user = user;
    progress_slot[i].active = active;
    str_copy(progress_slot[i].phase, sizeof progress_slot[i].phase, phase ? phase : "");
    progress_slot[i].done = done;
    progress_slot[i].total = total;
    progress_slot[i].at = now;
    pthread_mutex_unlock(&progress_mu);
}

static void on_progress(void *ctx, const char *phase, long done, long total)
{
    const struct req *rq = ctx;

    progress_set(rq->user->id, 1, phase, done, total, rq->now);
}

static enum err_code api_progress(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {NULL};
    json_t *v;
    enum err_code rc = req_query_allow(rq, keys, e);
    int i;

    if (rc)
        return rc;
    pthread_mutex_lock(&progress_mu);
    i = slot_of(rq->user->id);
    if (progress_slot[i].user == rq->user->id && progress_slot[i].active)
        v = json_pack("{s:b,s:s,s:I,s:I}", "active", 1, "phase", progress_slot[i].phase, "done",
                      (json_int_t)progress_slot[i].done, "total",
                      (json_int_t)progress_slot[i].total);
    else
        v = json_pack("{s:b}", "active", 0);
    pthread_mutex_unlock(&progress_mu);
    return resp_json(rs, 200, v);
}

static enum err_code api_import(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"dry_run", "prefer", NULL};
    struct siasn_import imp;
    enum err_code rc;

    memset(&imp, 0, sizeof imp);
    imp.progress = on_progress;
    imp.progress_ctx = rq;
    if (!csv_is_content_type(rq->content_type))
        return err_set(e, ERR_MEDIA_TYPE, "unsupported_media_type", NULL,
                       "Isi permintaan harus text/csv");
    rc = req_query_allow(rq, keys, e);
    if (!rc)
        rc = bool_param(rq, "dry_run", "true", "false", &imp.dry_run, e);
    if (!rc)
        rc = bool_param(rq, "prefer", "siasn", "", &imp.prefer_siasn, e);
    if (!rc) {
        progress_set(rq->user->id, 1, "memeriksa", 0, (long)rq->body_len, rq->now);
        rc = siasn_import_csv(rq, rq->body ? rq->body : "", rq->body_len, &imp, e);
        progress_set(rq->user->id, 0, NULL, 0, 0, rq->now);
    }
    if (rc)
        return rc;
    if (imp.import_id)
        req_audit(rq, "siasn.import", "siasn_import", imp.import_id, NULL,
                  siasn_import_counts(&imp));
    else
        rq->no_audit = 1; /* a dry run, or bad rows: nothing was written */
    return resp_json(rs, 200, siasn_import_json(&imp));
}

static const char SQL_IMPORTS[] =
    "SELECT i.id, i.created_at, u.username, i.prefer_siasn, i.rows_total, i.created, i.updated,"
    " i.unchanged, i.differing, i.differences, i.units_created, i.warnings"
    " FROM siasn_imports i LEFT JOIN users u ON u.id = i.created_by"
    " ORDER BY i.id DESC LIMIT $1 OFFSET $2";
static const char SQL_IMPORTS_COUNT[] = "SELECT count(*) FROM siasn_imports";

static enum err_code api_imports(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"page", "per_page", NULL};
    int64_t page, per_page, total = 0;
    json_t *items;
    struct db_stmt *st;
    enum err_code rc = req_query_allow(rq, keys, e);
    int r;

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = db_value_int(rq->db, SQL_IMPORTS_COUNT, NULL, 0, 0, &total, e);
    if (!rc)
        rc = db_prepare(rq->db, SQL_IMPORTS, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, per_page);
    db_bind_int(st, 2, (page - 1) * per_page);
    items = json_array();
    while ((r = db_step(st, e)) == 1)
        json_array_append_new(
            items,
            json_pack("{s:I,s:o,s:o,s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "id",
                      (json_int_t)db_col_int(st, 0), "at", json_time(db_col_int(st, 1)), "by",
                      json_str_or_null(db_col_text(st, 2)), "prefer_siasn", (int)db_col_int(st, 3),
                      "rows", (json_int_t)db_col_int(st, 4), "created",
                      (json_int_t)db_col_int(st, 5), "updated", (json_int_t)db_col_int(st, 6),
                      "unchanged", (json_int_t)db_col_int(st, 7), "differing",
                      (json_int_t)db_col_int(st, 8), "differences", (json_int_t)db_col_int(st, 9),
                      "units_created", (json_int_t)db_col_int(st, 10), "warnings",
                      (json_int_t)db_col_int(st, 11)));
    db_reset(st);
    if (r < 0) {
        json_decref(items);
        return e->code;
    }
    return resp_json(rs, 200, json_page(items, total, page, per_page));
}

/* Differences: $1 NIP ("" any), $2 1 = open only, $3 limit, $4 offset. */
#define DIFF_WHERE                                                                                 \
    " FROM siasn_differences d JOIN employees e ON e.id = d.employee_id"                           \
    " WHERE (CAST($1 AS TEXT) = '' OR e.nip = CAST($1 AS TEXT))"                                   \
    " AND (CAST($2 AS BIGINT) = 0 OR d.decided_at IS NULL)"
static const char SQL_DIFFS[] =
    "SELECT d.id, d.employee_id, e.nip, e.name, d.field, d.abdi_value, d.siasn_value,"
    " d.import_id, d.created_at, d.choice, d.decided_at" DIFF_WHERE
    " ORDER BY e.nip, d.id LIMIT $3 OFFSET $4";
static const char SQL_DIFFS_COUNT[] = "SELECT count(*)" DIFF_WHERE;

static enum err_code diff_filter(struct req *rq, const char **nip, int *open, struct err *e)
{
    const char *status = req_query(rq, "status");

    *nip = req_query(rq, "nip");
    if (!*nip)
        *nip = "";
    if (strlen(*nip) > EMPLOYEE_TEXT_MAX)
        return err_invalid(e, "nip", "NIP terlalu panjang");
    *open = !status || strcmp(status, "open") == 0;
    if (status && !*open && strcmp(status, "all") != 0)
        return err_invalid(e, "status", "status harus open atau all");
    return ERR_OK;
}

static void bind_filter(struct db_stmt *st, const char *nip, int open)
{
    db_bind_text(st, 1, nip);
    db_bind_int(st, 2, open);
}

static enum err_code api_differences(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"page", "per_page", "nip", "status", NULL};
    int64_t page, per_page, total = 0;
    const char *nip;
    int open, r;
    json_t *items;
    struct db_stmt *st;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = diff_filter(rq, &nip, &open, e);
    if (!rc)
        rc = db_prepare(rq->db, SQL_DIFFS_COUNT, &st, e);
    if (rc)
        return rc;
    bind_filter(st, nip, open);
    r = db_step(st, e);
    if (r == 1)
        total = db_col_int(st, 0);
    db_reset(st);
    if (r < 0)
        return e->code;
    rc = db_prepare(rq->db, SQL_DIFFS, &st, e);
    if (rc)
        return rc;
    bind_filter(st, nip, open);
    db_bind_int(st, 3, per_page);
    db_bind_int(st, 4, (page - 1) * per_page);
    items = json_array();
    while ((r = db_step(st, e)) == 1)
        json_array_append_new(
            items,
            json_pack("{s:I,s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:o,s:o,s:o}", "id",
                      (json_int_t)db_col_int(st, 0), "employee_id", (json_int_t)db_col_int(st, 1),
                      "nip", db_col_text(st, 2), "name", db_col_text(st, 3), "field",
                      db_col_text(st, 4), "abdi", json_str_or_null(db_col_text(st, 5)), "siasn",
                      json_str_or_null(db_col_text(st, 6)), "import_id",
                      (json_int_t)db_col_int(st, 7), "at", json_time(db_col_int(st, 8)), "choice",
                      json_str_or_null(db_col_text(st, 9)), "decided_at",
                      db_col_is_null(st, 10) ? json_null() : json_time(db_col_int(st, 10))));
    db_reset(st);
    if (r < 0) {
        json_decref(items);
        return e->code;
    }
    return resp_json(rs, 200, json_page(items, total, page, per_page));
}

static const struct json_field decide_fields[] = {
    {"choice", JF_STRING, 1, 16, 0, 0},
    {"nip", JF_STRING, 0, EMPLOYEE_TEXT_MAX, 0, 0},
    {0},
};

static enum err_code choice_of(struct req *rq, const char **choice, struct err *e)
{
    enum err_code rc = json_body_check(rq, decide_fields, e);

    if (rc)
        return rc;
    *choice = json_body_str(rq, "choice");
    if (strcmp(*choice, "siasn") != 0 && strcmp(*choice, "abdi") != 0)
        return err_invalid(e, "choice", "Pilihan harus siasn atau abdi");
    return ERR_OK;
}

/* POST /differences/{id}/decision {"choice"} */
static enum err_code api_decide(struct req *rq, struct resp *rs, struct err *e)
{
    const char *choice;
    json_t *before = NULL, *after = NULL;
    int64_t id;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = choice_of(rq, &choice, e);
    if (!rc && json_body_str(rq, "nip"))
        rc = err_invalid(e, "nip", "nip hanya untuk keputusan semua perbedaan");
    if (!rc)
        rc = siasn_difference_decide(rq, id, choice, &before, &after, e);
    if (rc)
        return rc;
    req_audit(rq, "siasn.difference.decide", "siasn_difference", id, before, json_incref(after));
    return resp_json(rs, 200, after);
}

static const char SQL_OPEN_IDS[] = "SELECT d.id" DIFF_WHERE " ORDER BY d.id LIMIT $3 OFFSET $4";

/* POST /differences/decision {"choice"[, "nip"]}: every open difference (of one NIP). */
static enum err_code api_decide_all(struct req *rq, struct resp *rs, struct err *e)
{
    const char *choice, *nip;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    json_t *done;
    struct db_stmt *st;
    enum err_code rc = choice_of(rq, &choice, e);
    int r;

    if (rc)
        return rc;
    nip = json_body_str(rq, "nip");
    rc = db_prepare(rq->db, SQL_OPEN_IDS, &st, e);
    if (rc)
        return rc;
    bind_filter(st, nip ? nip : "", 1);
    db_bind_int(st, 3, INT64_MAX / 2);
    db_bind_int(st, 4, 0);
    while ((r = db_step(st, e)) == 1) {
        if (n == cap) {
            int64_t *more = arena_alloc(rq->a, (cap + 1024) * sizeof *more);

            if (n)
                memcpy(more, ids, n * sizeof *ids);
            ids = more;
            cap += 1024;
        }
        ids[n++] = db_col_int(st, 0);
    }
    db_reset(st);
    if (r < 0)
        return e->code;
    done = json_array();
    for (size_t i = 0; i < n; i++) {
        rc = siasn_difference_decide(rq, ids[i], choice, NULL, NULL, e);
        if (rc) {
            json_decref(done);
            return rc;
        }
        json_array_append_new(done, json_integer(ids[i]));
    }
    if (n == 0)
        rq->no_audit = 1;
    else
        req_audit(rq, "siasn.difference.decide_all", "siasn_difference", 0, NULL,
                  json_pack("{s:s,s:o,s:I,s:O}", "choice", choice, "nip", json_str_or_null(nip),
                            "count", (json_int_t)n, "ids", done));
    rc = resp_json(
        rs, 200,
        json_pack("{s:s,s:I,s:o}", "choice", choice, "decided", (json_int_t)n, "ids", done));
    return rc;
}

/* Units an import created that are still directly under the government's root (the first
 * root unit, as employee_government): moving one in the tree places it. */
#define UNPLACED_FROM                                                                              \
    " FROM siasn_unplaced_units x JOIN units u ON u.id = x.unit_id"                                \
    " WHERE u.parent_id = (SELECT min(r.id) FROM units r WHERE r.parent_id IS NULL)"
static const char SQL_UNPLACED[] =
    "SELECT u.id, u.code, u.name, u.siasn_unor_id, x.import_id, x.created_at,"
    " (SELECT count(*) FROM employees e WHERE e.unit_id = u.id)" UNPLACED_FROM
    " ORDER BY u.name, u.id LIMIT $1 OFFSET $2";
static const char SQL_UNPLACED_COUNT[] = "SELECT count(*)" UNPLACED_FROM;

static enum err_code api_unplaced(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"page", "per_page", NULL};
    int64_t page, per_page, total = 0;
    json_t *items;
    struct db_stmt *st;
    enum err_code rc = req_query_allow(rq, keys, e);
    int r;

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (!rc)
        rc = db_value_int(rq->db, SQL_UNPLACED_COUNT, NULL, 0, 0, &total, e);
    if (!rc)
        rc = db_prepare(rq->db, SQL_UNPLACED, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, per_page);
    db_bind_int(st, 2, (page - 1) * per_page);
    items = json_array();
    while ((r = db_step(st, e)) == 1)
        json_array_append_new(
            items,
            json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:I}", "id", (json_int_t)db_col_int(st, 0), "code",
                      db_col_text(st, 1), "name", db_col_text(st, 2), "siasn_unor_id",
                      json_str_or_null(db_col_text(st, 3)), "import_id",
                      db_col_is_null(st, 4) ? json_null() : json_integer(db_col_int(st, 4)), "at",
                      json_time(db_col_int(st, 5)), "employees", (json_int_t)db_col_int(st, 6)));
    db_reset(st);
    if (r < 0) {
        json_decref(items);
        return e->code;
    }
    return resp_json(rs, 200, json_page(items, total, page, per_page));
}

const struct route siasn_routes[] = {
    {HTTP_POST, "/api/v1/imports/siasn", api_import, SIASN_ROLES, ROUTE_WRITE | ROUTE_RAW_BODY,
     LIMIT_IMPORT_BYTES},
    {HTTP_GET, "/api/v1/imports/siasn", api_imports, SIASN_ROLES},
    {HTTP_GET, "/api/v1/imports/siasn/progress", api_progress, SIASN_ROLES},
    {HTTP_GET, "/api/v1/imports/siasn/differences", api_differences, SIASN_ROLES},
    {HTTP_GET, "/api/v1/imports/siasn/unplaced-units", api_unplaced, SIASN_ROLES},
    {HTTP_POST, "/api/v1/imports/siasn/differences/decision", api_decide_all, SIASN_ROLES,
     ROUTE_WRITE},
    {HTTP_POST, "/api/v1/imports/siasn/differences/{id}/decision", api_decide, SIASN_ROLES,
     ROUTE_WRITE},
    {0},
};
