/* store.c - all SQL of notifications: queueing one (one INSERT; a second into the mail outbox
 * only when SMTP is configured, taking the address from the user's employee record), a user's
 * list with the unread count, one notification of its owner, and marking read. */
#include "modules/notify/notify.h"

#include <string.h>

static const char SQL_INSERT[] =
    "INSERT INTO notifications (user_id, kind, title, body, link, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_INSERT_EMP[] =
    "INSERT INTO notifications (user_id, kind, title, body, link, created_at)"
    " SELECT id, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT), CAST($5 AS TEXT),"
    " CAST($6 AS BIGINT) FROM users WHERE employee_id = $1";
#define MAIL_FROM                                                                                  \
    " FROM users u JOIN employees e ON e.id = u.employee_id"                                       \
    " WHERE u.active = 1 AND e.email IS NOT NULL AND e.email <> ''"
static const char SQL_MAIL[] =
    "INSERT INTO mail_outbox (to_addr, subject, body, created_at, next_at)"
    " SELECT e.email, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS BIGINT),"
    " CAST($4 AS BIGINT)" MAIL_FROM " AND u.id = $1";
static const char SQL_MAIL_EMP[] =
    "INSERT INTO mail_outbox (to_addr, subject, body, created_at, next_at)"
    " SELECT e.email, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS BIGINT),"
    " CAST($4 AS BIGINT)" MAIL_FROM " AND e.id = $1";

#define N_COLS "id, user_id, kind, title, body, link, created_at, read_at FROM notifications"
static const char SQL_LIST[] =
    "SELECT " N_COLS " WHERE user_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3";
static const char SQL_LIST_UNREAD[] = "SELECT " N_COLS " WHERE user_id = $1 AND read_at IS NULL"
                                      " ORDER BY id DESC LIMIT $2 OFFSET $3";
static const char SQL_COUNT[] = "SELECT count(*) FROM notifications WHERE user_id = $1";
static const char SQL_UNREAD[] =
    "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
static const char SQL_ONE[] = "SELECT " N_COLS " WHERE id = $1";
static const char SQL_READ_ONE[] = "UPDATE notifications SET read_at = $3"
                                   " WHERE user_id = $1 AND id = $2 AND read_at IS NULL";
static const char SQL_READ_ALL[] = "UPDATE notifications SET read_at = $3"
                                   " WHERE user_id = $1 AND id <= $2 AND read_at IS NULL";

/* The cleaned texts of one notification, on the stack of the caller. */
struct texts {
    char title[NOTIFY_TITLE_MAX + 1];
    char body[NOTIFY_BODY_MAX + 1];
};

static enum err_code texts_check(const char *kind, const char *title, const char *body,
                                 const char *link, struct texts *t, struct err *e)
{
    if (!kind || !*kind || strlen(kind) > NOTIFY_KIND_MAX || !title || !*title ||
        (link && strlen(link) > NOTIFY_LINK_MAX))
        return err_internal(e, "notify: kind, title or link missing or too long");
    notify_text_clean(title, 1, t->title, sizeof t->title);
    notify_text_clean(body ? body : "", 0, t->body, sizeof t->body);
    return ERR_OK;
}

/* sql with $1 = who, then kind, title, body, link, now. */
static enum err_code insert_one(struct db *db, const char *sql, int64_t who, const char *kind,
                                const struct texts *t, const char *link, int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc = db_prepare(db, sql, &st, e);
    int r;

    if (rc)
        return rc;
    db_bind_int(st, 1, who);
    db_bind_text(st, 2, kind);
    db_bind_text(st, 3, t->title);
    db_bind_text(st, 4, t->body);
    db_bind_text(st, 5, link);
    db_bind_int(st, 6, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

/* The outbox row of the same notification when SMTP is configured (none without an
 * address). */
static enum err_code queue_mail(struct db *db, const char *sql, int64_t who, const struct texts *t,
                                int64_t now, struct err *e)
{
    struct db_stmt *st;
    enum err_code rc;
    int r;

    if (!notify_smtp_enabled())
        return ERR_OK;
    rc = db_prepare(db, sql, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, who);
    db_bind_text(st, 2, t->title);
    db_bind_text(st, 3, t->body);
    db_bind_int(st, 4, now);
    r = db_step(st, e);
    db_reset(st);
    return r < 0 ? e->code : ERR_OK;
}

enum err_code notify_user(struct db *db, int64_t user_id, const char *kind, const char *title,
                          const char *body, const char *link, int64_t now, struct err *e)
{
    struct texts t;
    enum err_code rc = texts_check(kind, title, body, link, &t, e);

    if (!rc)
        rc = insert_one(db, SQL_INSERT, user_id, kind, &t, link, now, e);
    if (!rc)
        rc = queue_mail(db, SQL_MAIL, user_id, &t, now, e);
    return rc;
}

enum err_code notify_employee(struct db *db, int64_t employee_id, const char *kind,
                              const char *title, const char *body, const char *link, int64_t now,
                              struct err *e)
{
    struct texts t;
    enum err_code rc = texts_check(kind, title, body, link, &t, e);

    if (!rc)
        rc = insert_one(db, SQL_INSERT_EMP, employee_id, kind, &t, link, now, e);
    if (!rc)
        rc = queue_mail(db, SQL_MAIL_EMP, employee_id, &t, now, e);
    return rc;
}

static void read_notification(struct db_stmt *st, struct arena *a, void *out)
{
    struct notification *n = out;

    n->id = db_col_int(st, 0);
    n->user_id = db_col_int(st, 1);
    n->kind = db_col_text_copy(st, a, 2);
    n->title = db_col_text_copy(st, a, 3);
    n->body = db_col_text_copy(st, a, 4);
    n->link = db_col_text_copy(st, a, 5);
    n->created_at = db_col_int(st, 6);
    n->read_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
}

enum err_code notify_list(struct db *db, struct arena *a, int64_t user_id, int unread_only,
                          int64_t page, int64_t per_page, struct notification **items, size_t *n,
                          int64_t *total, int64_t *unread, struct err *e)
{
    const int64_t args[] = {user_id};
    struct db_stmt *st;
    void *found = NULL;
    enum err_code rc = db_value_int(db, SQL_UNREAD, args, 1, 0, unread, e);

    if (!rc && unread_only)
        *total = *unread;
    else if (!rc)
        rc = db_value_int(db, SQL_COUNT, args, 1, 0, total, e);
    if (!rc)
        rc = db_prepare(db, unread_only ? SQL_LIST_UNREAD : SQL_LIST, &st, e);
    if (rc)
        return rc;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, per_page);
    db_bind_int(st, 3, (page - 1) * per_page);
    rc = db_collect(st, a, sizeof(struct notification), read_notification, &found, n, e);
    if (rc)
        return rc;
    *items = found;
    return ERR_OK;
}

enum err_code notify_get(struct db *db, struct arena *a, int64_t user_id, int64_t id,
                         struct notification *out, struct err *e)
{
    enum err_code rc = db_fetch_one(db, SQL_ONE, id, NULL, a, read_notification, out,
                                    "Notifikasi tidak ditemukan", e);

    if (!rc && out->user_id != user_id) /* another user's: as if it did not exist */
        return err_set(e, ERR_NOT_FOUND, "not_found", NULL, "Notifikasi tidak ditemukan");
    return rc;
}

enum err_code notify_mark_read(struct db *db, int64_t user_id, int64_t id, int all, int64_t now,
                               int64_t *changed, struct err *e)
{
    const int64_t args[] = {user_id, id, now};

    return db_run_ints(db, all ? SQL_READ_ALL : SQL_READ_ONE, args, 3, changed, e);
}
