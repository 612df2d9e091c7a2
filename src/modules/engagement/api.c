/* api.c - announcement endpoints. Everyone logged in reads the announcements addressed to the
 * own unit, one of its parents or everyone, valid today (GET /announcements, ?unread=true),
 * and marks them read; admin_bkpsdm writes to the whole government or any unit, admin_unit
 * to units of its scope (scope_unit_write), and both see their announcements whatever their
 * dates with read counts (?view=manage). An announcement outside what the user may see or
 * manage is 404. Handlers parse, check scope, call rules and store; they hold no SQL. */
#include "modules/engagement/engagement.h"

#include <string.h>

#include "auth/auth.h"
#include "modules/employee/employee.h"

#define ANN_WRITERS (ROLE_ADMIN_UNIT | ROLE_ADMIN_BKPSDM)

static void today_of(const struct req *rq, char out[11])
{
    employee_date_format(employee_date_from_epoch(rq->now), out);
}

static enum err_code not_found(struct err *e)
{
    return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Pengumuman tidak ditemukan");
}

/* Root of what the user manages: 0 = everything (admin_bkpsdm), else the admin_unit's home
 * unit (its subtree); -1 = nothing. */
static int64_t manage_root(const struct req *rq)
{
    if (role_has(rq, ROLE_ADMIN_BKPSDM))
        return 0;
    if (role_has(rq, ROLE_ADMIN_UNIT) && rq->user->unit_id > 0)
        return rq->user->unit_id;
    return -1;
}

/* *yes = 1 when the user may edit, withdraw and see the read counts of x. */
static enum err_code may_manage(const struct req *rq, const struct announcement *x, int *yes,
                                struct err *e)
{
    int64_t root = manage_root(rq);

    *yes = root == 0;
    if (root <= 0 || x->unit_id == 0)
        return ERR_OK;
    return scope_unit_within(rq->db, root, x->unit_id, yes, e);
}

/* *yes = 1 when x is addressed to the user (everyone, the user's unit or one of its parents)
 * and valid today. */
static enum err_code addressed(const struct req *rq, const struct announcement *x, int *yes,
                               struct err *e)
{
    char today[11];

    today_of(rq, today);
    *yes = 0;
    if (!ann_valid_on(x, today))
        return ERR_OK;
    if (x->unit_id == 0) {
        *yes = 1;
        return ERR_OK;
    }
    if (rq->user->unit_id <= 0)
        return ERR_OK;
    return scope_unit_within(rq->db, x->unit_id, rq->user->unit_id, yes, e);
}

/* The announcement of path parameter 0 as this user may see it: *manager says whether the
 * read counts are theirs to see. 404 when it does not exist or is neither addressed to the
 * user today nor managed by the user. */
static enum err_code load(struct req *rq, struct announcement *x, int *manager, struct err *e)
{
    int64_t id;
    int yes = 0;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = ann_get(rq->db, rq->a, id, rq->user->id, x, e);
    if (!rc)
        rc = may_manage(rq, x, manager, e);
    if (!rc && !*manager)
        rc = addressed(rq, x, &yes, e);
    if (rc)
        return rc;
    if (!*manager && !yes)
        return not_found(e);
    if (!*manager)
        x->read_count = x->audience = -1;
    return ERR_OK;
}

static json_t *list_json(const struct announcement *items, size_t n, int64_t total, int64_t page,
                         int64_t per_page)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, ann_json(&items[i]));
    return json_pack("{s:o,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total, "page",
                     (json_int_t)page, "per_page", (json_int_t)per_page);
}

static enum err_code api_list(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unread", "view", "page", "per_page", NULL};
    const char *unread = req_query(rq, "unread"), *view = req_query(rq, "view");
    struct announcement *items = NULL;
    size_t n = 0;
    int64_t page, per_page, total = 0, count = 0, root;
    char today[11];
    json_t *out;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (rc)
        return rc;
    if (unread && strcmp(unread, "true") && strcmp(unread, "false"))
        return err_invalid(e, "unread", "unread harus true atau false");
    if (view && strcmp(view, "home") && strcmp(view, "manage"))
        return err_invalid(e, "view", "view harus home atau manage");
    today_of(rq, today);
    if (view && !strcmp(view, "manage")) {
        root = manage_root(rq);
        if (root < 0)
            return err_set(e, ERR_FORBIDDEN, "forbidden", "view",
                           "Hanya admin yang mengelola pengumuman");
        if (unread)
            return err_invalid(e, "unread", "unread hanya untuk daftar beranda");
        db_read_begin(rq->db);
        rc = ann_managed(rq->db, rq->a, root, page, per_page, &items, &n, &total, e);
        db_read_end(rq->db);
        if (rc)
            return rc;
        return resp_json(rs, 200, list_json(items, n, total, page, per_page));
    }
    db_read_begin(rq->db);
    rc = ann_feed(rq->db, rq->a, rq->user->id, rq->user->unit_id > 0 ? rq->user->unit_id : 0,
                  today, unread && !strcmp(unread, "true"), page, per_page, &items, &n, &total,
                  &count, e);
    db_read_end(rq->db);
    if (rc)
        return rc;
    out = list_json(items, n, total, page, per_page);
    json_object_set_new(out, "unread", json_integer(count));
    json_object_set_new(out, "today", json_string(today));
    return resp_json(rs, 200, out);
}

static enum err_code api_get(struct req *rq, struct resp *rs, struct err *e)
{
    struct announcement x;
    int manager = 0;
    enum err_code rc = load(rq, &x, &manager, e);

    if (rc)
        return rc;
    return resp_json(rs, 200, ann_json(&x));
}

/* Who may address unit_id (0 = the whole government): admin_bkpsdm anyone; admin_unit a unit
 * of its scope (404 outside it). The unit must exist and be open (422 naming unit_id). */
static enum err_code target_check(struct req *rq, int64_t unit_id, struct err *e)
{
    int open = 0;
    enum err_code rc;

    if (unit_id == 0)
        return role_has(rq, ROLE_ADMIN_BKPSDM)
                   ? ERR_OK
                   : err_invalid(e, "unit_id", "Pilih unit tujuan dalam cakupan Anda");
    rc = scope_unit_write(rq, unit_id, e);
    if (!rc)
        rc = ann_unit_open(rq->db, unit_id, &open, e);
    if (!rc && !open)
        return err_invalid(e, "unit_id", "Unit tidak ditemukan atau sudah ditutup");
    return rc;
}

/* unit_id: absent or null = the whole government. Byte limits are loose guards; the
 * character limits of ann_check name the field with a precise message. */
static const struct json_field create_fields[] = {
    {"unit_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"title", JF_STRING, 1, ANN_TITLE_MAX * 4, 0, 0},
    {"body", JF_STRING, 1, ANN_BODY_MAX * 4, 0, 0},
    {"valid_from", JF_STRING, 1, 10, 0, 0},
    {"valid_to", JF_STRING, 1, 10, 0, 0},
    {0},
};

static const struct json_field patch_fields[] = {
    {"unit_id", JF_INT, 0, 0, 1, INT64_MAX},
    {"title", JF_STRING, 0, ANN_TITLE_MAX * 4, 0, 0},
    {"body", JF_STRING, 0, ANN_BODY_MAX * 4, 0, 0},
    {"valid_from", JF_STRING, 0, 10, 0, 0},
    {"valid_to", JF_STRING, 0, 10, 0, 0},
    {0},
};

/* The stored announcement as its manager sees it, for the response and the audit row. */
static enum err_code reload(struct req *rq, int64_t id, json_t **out, struct err *e)
{
    struct announcement x;
    enum err_code rc = ann_get(rq->db, rq->a, id, rq->user->id, &x, e);

    if (!rc)
        *out = ann_json(&x);
    return rc;
}

static enum err_code api_create(struct req *rq, struct resp *rs, struct err *e)
{
    struct announcement x;
    char today[11];
    json_t *out = NULL;
    enum err_code rc = json_body_check(rq, create_fields, e);

    if (rc)
        return rc;
    today_of(rq, today);
    memset(&x, 0, sizeof x);
    x.unit_id = json_body_int(rq, "unit_id", 0);
    x.title = json_body_str(rq, "title");
    x.body = json_body_str(rq, "body");
    x.valid_from = json_body_str(rq, "valid_from");
    x.valid_to = json_body_str(rq, "valid_to");
    x.created_at = x.updated_at = rq->now;
    x.created_by = rq->user->id;
    rc = target_check(rq, x.unit_id, e);
    if (!rc)
        rc = ann_check(&x, today, e);
    if (!rc)
        rc = ann_insert(rq->db, &x, e);
    if (!rc)
        rc = reload(rq, x.id, &out, e);
    if (rc)
        return rc;
    req_audit(rq, "announcement.create", "announcement", x.id, NULL, json_deep_copy(out));
    return resp_json(rs, 201, out);
}

static enum err_code api_update(struct req *rq, struct resp *rs, struct err *e)
{
    struct announcement x;
    int manager = 0;
    char today[11];
    json_t *before, *out = NULL, *unit;
    enum err_code rc = json_body_check(rq, patch_fields, e);

    if (!rc && (!rq->json || json_object_size(rq->json) == 0))
        rc = err_invalid(e, NULL, "Tidak ada data yang diubah");
    if (!rc)
        rc = load(rq, &x, &manager, e);
    if (rc)
        return rc;
    if (!manager)
        return not_found(e);
    before = ann_json(&x);
    today_of(rq, today);
    unit = json_object_get(rq->json, "unit_id");
    if (unit)
        x.unit_id = json_is_integer(unit) ? (int64_t)json_integer_value(unit) : 0;
    if (json_body_str(rq, "title"))
        x.title = json_body_str(rq, "title");
    if (json_body_str(rq, "body"))
        x.body = json_body_str(rq, "body");
    if (json_body_str(rq, "valid_from"))
        x.valid_from = json_body_str(rq, "valid_from");
    if (json_body_str(rq, "valid_to"))
        x.valid_to = json_body_str(rq, "valid_to");
    x.updated_at = rq->now;
    rc = unit ? target_check(rq, x.unit_id, e) : ERR_OK;
    if (!rc)
        rc = ann_check(&x, json_body_str(rq, "valid_to") ? today : NULL, e);
    if (!rc)
        rc = ann_update(rq->db, &x, e);
    if (!rc)
        rc = reload(rq, x.id, &out, e);
    if (rc) {
        json_decref(before);
        return rc;
    }
    req_audit(rq, "announcement.update", "announcement", x.id, before, json_deep_copy(out));
    return resp_json(rs, 200, out);
}

static enum err_code api_delete(struct req *rq, struct resp *rs, struct err *e)
{
    struct announcement x;
    int manager = 0;
    enum err_code rc = load(rq, &x, &manager, e);

    if (!rc && !manager)
        rc = not_found(e);
    if (!rc)
        rc = ann_delete(rq->db, x.id, e);
    if (rc)
        return rc;
    req_audit(rq, "announcement.delete", "announcement", x.id, ann_json(&x), NULL);
    resp_status(rs, 204);
    return ERR_OK;
}

/* Mark read: only an addressee, while the announcement is valid (an admin who manages it but
 * is not addressed has nothing to read). Marking twice keeps the first time, no audit row. */
static enum err_code api_read(struct req *rq, struct resp *rs, struct err *e)
{
    static const struct json_field fields[] = {{0}};
    struct announcement x;
    int64_t id, changed = 0;
    int yes = 0;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = json_body_check(rq, fields, e);
    if (!rc)
        rc = ann_get(rq->db, rq->a, id, rq->user->id, &x, e);
    if (!rc)
        rc = addressed(rq, &x, &yes, e);
    if (!rc && !yes)
        rc = not_found(e);
    if (!rc && !x.read_at)
        rc = ann_mark_read(rq->db, id, rq->user->id, rq->now, &changed, e);
    if (rc)
        return rc;
    x.read_count = x.audience = -1;
    if (changed) {
        x.read_at = rq->now;
        req_audit(rq, "announcement.read", "announcement", id, json_pack("{s:n}", "read_at"),
                  json_pack("{s:o}", "read_at", json_time(rq->now)));
    } else {
        rq->no_audit = 1; /* already read: nothing changed */
    }
    return resp_json(rs, 200, ann_json(&x));
}

const struct route engagement_routes[] = {
    {HTTP_GET, "/api/v1/announcements", api_list, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/announcements", api_create, ANN_WRITERS, ROUTE_WRITE},
    {HTTP_GET, "/api/v1/announcements/{id}", api_get, ROLES_ANY, 0},
    {HTTP_PATCH, "/api/v1/announcements/{id}", api_update, ANN_WRITERS, ROUTE_WRITE},
    {HTTP_DELETE, "/api/v1/announcements/{id}", api_delete, ANN_WRITERS, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/announcements/{id}/read", api_read, ROLES_ANY, ROUTE_WRITE},
    {0},
};
