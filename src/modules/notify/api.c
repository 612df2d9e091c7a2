/* api.c - notification endpoints: every user reads the own notifications (newest first, with
 * the unread count) and marks them read, one or all seen so far; another user's notification
 * is 404. Marking read is a write like any other (one transaction, one audit row); a mark
 * that changes nothing (already read, nothing unread) writes no audit row. The superadmin may
 * send a test notification to an account to check the SMTP setup. */
#include "modules/notify/notify.h"

#include <string.h>

static json_t *notification_json(const struct notification *n)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)n->id, "kind", n->kind, "title",
                          n->title, "body", n->body ? n->body : "");

    json_object_set_new(o, "link", json_str_or_null(n->link));
    json_object_set_new(o, "created_at", json_time(n->created_at));
    json_object_set_new(o, "read_at", n->read_at ? json_time(n->read_at) : json_null());
    return o;
}

static enum err_code api_list(struct req *rq, struct resp *rs, struct err *e)
{
    static const char *const keys[] = {"unread", "page", "per_page", NULL};
    const char *unread = req_query(rq, "unread");
    struct notification *items = NULL;
    size_t n = 0;
    int64_t page, per_page, total = 0, count = 0;
    json_t *arr;
    enum err_code rc = req_query_allow(rq, keys, e);

    if (!rc)
        rc = req_paging(rq, &page, &per_page, e);
    if (rc)
        return rc;
    if (unread && strcmp(unread, "true") && strcmp(unread, "false"))
        return err_invalid(e, "unread", "unread harus true atau false");
    db_read_begin(rq->db);
    rc = notify_list(rq->db, rq->a, rq->user->id, unread && !strcmp(unread, "true"), page, per_page,
                     &items, &n, &total, &count, e);
    db_read_end(rq->db);
    if (rc)
        return rc;
    arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, notification_json(&items[i]));
    return resp_json(rs, 200,
                     json_pack("{s:o,s:I,s:I,s:I,s:I}", "items", arr, "total", (json_int_t)total,
                               "page", (json_int_t)page, "per_page", (json_int_t)per_page, "unread",
                               (json_int_t)count));
}

static enum err_code unread_count(struct req *rq, int64_t *out, struct err *e)
{
    static const char SQL[] =
        "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
    const int64_t args[] = {rq->user->id};

    return db_value_int(rq->db, SQL, args, 1, 0, out, e);
}

static enum err_code api_read(struct req *rq, struct resp *rs, struct err *e)
{
    static const struct json_field fields[] = {{0}};
    struct notification n;
    int64_t id, changed = 0, unread = 0;
    json_t *out;
    enum err_code rc = req_param_id(rq, 0, &id, e);

    if (!rc)
        rc = notify_get(rq->db, rq->a, rq->user->id, id, &n, e);
    if (!rc)
        rc = json_body_check(rq, fields, e);
    if (!rc)
        rc = notify_mark_read(rq->db, rq->user->id, id, 0, rq->now, &changed, e);
    if (!rc)
        rc = unread_count(rq, &unread, e);
    if (rc)
        return rc;
    if (changed) {
        n.read_at = rq->now;
        req_audit(rq, "notification.read", "notification", id, json_pack("{s:n}", "read_at"),
                  json_pack("{s:o}", "read_at", json_time(rq->now)));
    } else {
        rq->no_audit = 1; /* already read: nothing changed */
    }
    out = notification_json(&n);
    json_object_set_new(out, "unread", json_integer(unread));
    return resp_json(rs, 200, out);
}

/* {"up_to_id": N}: marks the unread notifications the user has seen (id <= N), not one that
 * arrived after the list was shown. */
static enum err_code api_read_all(struct req *rq, struct resp *rs, struct err *e)
{
    static const struct json_field fields[] = {
        {"up_to_id", JF_INT, 1, 0, 1, INT64_MAX},
        {0},
    };
    int64_t changed = 0, unread = 0, up_to;
    enum err_code rc = json_body_check(rq, fields, e);

    if (rc)
        return rc;
    up_to = json_body_int(rq, "up_to_id", 0);
    rc = notify_mark_read(rq->db, rq->user->id, up_to, 1, rq->now, &changed, e);
    if (!rc)
        rc = unread_count(rq, &unread, e);
    if (rc)
        return rc;
    if (changed)
        req_audit(rq, "notification.read_all", "user", rq->user->id,
                  json_pack("{s:I}", "up_to_id", (json_int_t)up_to),
                  json_pack("{s:I}", "marked", (json_int_t)changed));
    else
        rq->no_audit = 1; /* nothing was unread */
    return resp_json(
        rs, 200,
        json_pack("{s:I,s:I}", "marked", (json_int_t)changed, "unread", (json_int_t)unread));
}

/* Superadmin: a test notification (and e-mail, when SMTP is configured) to an account, given
 * as {"user_id"} (notify_user) or as the employee record it is linked to, {"employee_id"}
 * (notify_employee): exactly one of them. */
static enum err_code api_test(struct req *rq, struct resp *rs, struct err *e)
{
    static const struct json_field fields[] = {
        {"user_id", JF_INT, 0, 0, 1, INT64_MAX},
        {"employee_id", JF_INT, 0, 0, 1, INT64_MAX},
        {0},
    };
    static const char SQL_USER[] = "SELECT count(*) FROM users WHERE id = $1";
    static const char SQL_OF_EMP[] = "SELECT id FROM users WHERE employee_id = $1";
    static const char SQL_LAST[] = "SELECT max(id) FROM notifications WHERE user_id = $1";
    static const char TITLE[] = "Notifikasi uji Abdi";
    static const char BODY[] =
        "Ini notifikasi uji dari Abdi. Bila Anda menerimanya, pengiriman berjalan.";
    struct notification n;
    int64_t user_id, employee_id, found = 0, id = 0;
    enum err_code rc = json_body_check(rq, fields, e);

    if (rc)
        return rc;
    user_id = json_body_int(rq, "user_id", 0);
    employee_id = json_body_int(rq, "employee_id", 0);
    if (!user_id == !employee_id)
        return err_invalid(e, "user_id", "Isi salah satu: user_id atau employee_id");
    if (user_id)
        rc = db_value_int(rq->db, SQL_USER, &user_id, 1, 0, &found, e);
    else
        rc = db_value_int(rq->db, SQL_OF_EMP, &employee_id, 1, 0, &found, e);
    if (rc)
        return rc;
    if (!found)
        return err_invalid(e, user_id ? "user_id" : "employee_id",
                           user_id ? "Akun tidak ditemukan" : "Pegawai ini tidak punya akun");
    if (user_id) {
        rc = notify_user(rq->db, user_id, "test", TITLE, BODY, "#/notifikasi", rq->now, e);
    } else {
        user_id = found;
        rc = notify_employee(rq->db, employee_id, "test", TITLE, BODY, "#/notifikasi", rq->now, e);
    }
    if (!rc)
        rc = db_value_int(rq->db, SQL_LAST, &user_id, 1, 0, &id, e);
    if (!rc)
        rc = notify_get(rq->db, rq->a, user_id, id, &n, e);
    if (rc)
        return rc;
    req_audit(
        rq, "notification.test", "notification", id, NULL,
        json_pack("{s:I,s:b}", "user_id", (json_int_t)user_id, "smtp", notify_smtp_enabled()));
    return resp_json(rs, 201, notification_json(&n));
}

const struct route notify_routes[] = {
    {HTTP_GET, "/api/v1/notifications", api_list, ROLES_ANY, 0},
    {HTTP_POST, "/api/v1/notifications/{id}/read", api_read, ROLES_ANY, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/notifications/read-all", api_read_all, ROLES_ANY, ROUTE_WRITE},
    {HTTP_POST, "/api/v1/notifications/test", api_test, ROLE_SUPERADMIN, ROUTE_WRITE},
    {0},
};
